// First run: installing opens the welcome page, whose check turns green once a logged-in Jimeng page is seen
// (and which opens no Jimeng tab by itself); updating opens nothing, and the popup says what is new, once.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { harness, useStandin, welcomePage } from './harness.mjs';
import { JIMENG, loggedInPage, screenshotPath } from './browser.mjs';

const env = useStandin(test);
const jimengTabs = (h) => h.context.pages().filter((p) => p.url().startsWith(JIMENG));
const axe = async (page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);

test('installing opens the welcome page; its check waits for Jimeng without opening it, and turns green once logged in', async () => {
  // No popup either: a popup asks for the account's status, which opens a Jimeng tab when there is none.
  env.h = await harness(env.standin, { login: false, keepWelcome: true, popup: false });
  const welcome = env.h.welcome;
  expect(welcome).toBeTruthy();
  await welcome.bringToFront();
  await expect(welcome.getByRole('heading', { name: '欢迎使用即梦助手' })).toBeVisible();
  await expect(welcome.locator('#login-state')).toHaveAttribute('data-state', 'no_page');
  await welcome.waitForTimeout(2_500); // checked again meanwhile: still no tab of its own
  expect(jimengTabs(env.h)).toHaveLength(0);
  await welcome.screenshot({ path: screenshotPath('welcome-waiting-zh'), fullPage: true });
  expect(await axe(welcome)).toEqual([]);
  // "Open Jimeng" opens it; logged in there, the check turns green.
  const [opened] = await Promise.all([
    env.h.context.waitForEvent('page'),
    welcome.getByRole('button', { name: '打开即梦' }).click(),
  ]);
  await opened.waitForLoadState();
  expect(opened.url()).toMatch(/^https:\/\/jimeng\.jianying\.com\//);
  await loggedInPage(env.h.context);
  await welcome.bringToFront();
  await expect(welcome.locator('#login-state')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await expect(welcome.locator('#login-state')).toContainText('已连接');
  await expect(welcome.locator('#privacy')).toContainText('没有统计');
  await welcome.screenshot({ path: screenshotPath('welcome-ready-zh'), fullPage: true });
  expect(await axe(welcome)).toEqual([]);
});

test('the welcome page in English, with the session already there', async () => {
  env.h = await harness(env.standin, { locale: 'en-US', keepWelcome: true });
  const welcome = env.h.welcome;
  await welcome.bringToFront();
  await expect(welcome.getByRole('heading', { name: 'Welcome to Jimeng Helper' })).toBeVisible();
  await expect(welcome.locator('#login-state')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await expect(welcome.locator('#privacy')).toContainText('There is no analytics');
  await welcome.screenshot({ path: screenshotPath('welcome-ready-en'), fullPage: true });
  expect(await axe(welcome)).toEqual([]);
});

test('an update opens nothing, and the popup says what is new once', async () => {
  env.h = await harness(env.standin);
  const version = await env.h.worker().evaluate(() => chrome.runtime.getManifest().version);
  const pagesBefore = env.h.context.pages().length;
  // The browser's update event cannot be caused from a test (as with native menus): its handler is called.
  await env.h.worker().evaluate(() => self.jimeng.onInstalled({ reason: 'update', previousVersion: '0.1.0' }));
  await env.h.popup.waitForTimeout(1_000);
  expect(env.h.context.pages().length).toBe(pagesBefore);
  expect(await welcomePage(env.h.context, 500)).toBeNull();
  const openPopup = async () => {
    const p = await env.h.context.newPage();
    await p.goto(`chrome-extension://${env.h.id}/popup/popup.html`);
    return p;
  };
  const first = await openPopup();
  await expect(first.locator('#whats-new')).toBeVisible();
  await expect(first.locator('#whats-new-text')).toContainText(`已更新到 ${version}`);
  await first.screenshot({ path: screenshotPath('whats-new-zh') });
  expect(await axe(first)).toEqual([]);
  const later = await openPopup();
  await expect(later.locator('#compose')).toBeVisible();
  await expect(later.locator('#whats-new')).toBeHidden();
  // Reinstalling the same version (an unpacked reload) says nothing new.
  await env.h.worker().evaluate(() => chrome.storage.local.remove('whatsNew'));
  await env.h.worker().evaluate((v) => self.jimeng.onInstalled({ reason: 'update', previousVersion: v }), version);
  expect(
    await env.h.worker().evaluate(async () => (await chrome.storage.local.get('whatsNew')).whatsNew),
  ).toBeUndefined();
});
