// Dreamina (protocol §9): a user outside mainland China installs the extension with dreamina.capcut.com open and
// logged in. The extension learns the account's cluster, device and versions from a page of its own (the user's tab
// is left as it is), and its calls go to that cluster's hosts only, through the page's SDK, with the app headers.
import { test, expect } from '@playwright/test';
import { DREAMINA, launch, loadExtensionNow, screenshotPath } from './browser.mjs';
import { expectChargedOnce, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);
const SG_HOSTS = ['mweb-api-sg.capcut.com', 'commerce-api-sg.capcut.com'];

/** Logs in on the stand-in's Dreamina and waits for its SDK to hook fetch. */
async function dreaminaPage(/** @type {import('@playwright/test').BrowserContext} */ context) {
  const page = await context.newPage();
  await page.goto(`${DREAMINA}/login?auto=1`);
  await page.waitForURL(/ai-tool\/generate/);
  await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(window.fetch)));
  return page;
}

test('installed with a logged-in Dreamina tab open: an image job finishes on the SG cluster, charged once, each call with the SDK\'s parameters and our app headers', async () => {
  const browser = await launch(env.standin, { extensionLater: true, locale: 'en-US' });
  env.h = browser;
  const mine = await dreaminaPage(browser.context);
  let navigations = 0;
  mine.on('framenavigated', (f) => { if (f === mine.mainFrame()) navigations++; });
  const pageCalls = env.standin.control.requests().length;  // the page's own, before the extension
  const id = await loadExtensionNow(browser.context, browser.userDataDir);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(popup.locator('#session')).toHaveText('Connected to Dreamina');
  await expect(popup.locator('#site-name')).toHaveText('Dreamina · SG ·');

  const r = await popup.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'ui:submit', input: { prompt: 'a lighthouse at dusk', count: 1 } });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  expect(r.job.site).toBe('dreamina');
  expect(r.job.cluster).toBe('SG');
  await expect.poll(async () => { const j = (await readJobs(popup))[r.job.submitId]; return j?.phase === 'failed' ? JSON.stringify(j.error) : j?.phase; },
    { timeout: 45_000 }).toBe('done');
  const done = (await readJobs(popup))[r.job.submitId];
  expect(done.images[0].url).toMatch(/^https:\/\/p16-dreamina-sign-sg\.ibyteimg\.com\//);

  // Every call after the install: Dreamina's SG hosts (or its page, for who is logged in) and never Jimeng's.
  const ours = env.standin.control.requests().slice(pageCalls);
  expect(ours.filter((q) => q.site !== 'dreamina')).toEqual([]);
  expect([...new Set(ours.map((q) => q.host))].filter((h) => !SG_HOSTS.includes(h) && h !== 'dreamina.capcut.com')).toEqual([]);
  const generates = ours.filter((q) => q.path === '/mweb/v1/aigc_draft/generate');
  expect(generates).toHaveLength(1);
  for (const q of generates) {
    expect(q.ret).toBe('0');
    expect(Object.keys(q.query).slice(-3)).toEqual(['msToken', 'X-Bogus', 'X-Gnarly']);
    expect(q.query.commerce_with_input_video).toBe('1');
    for (const header of ['did', 'lan', 'loc', 'store-country-code', 'store-country-code-src', 'appid', 'sign']) expect(q.headers[header], header).toBeTruthy();
    expect(q.headers.appid).toBe('513641');
  }
  expect(ours.filter((q) => q.ret !== '0' && q.ret !== null), JSON.stringify(ours.map((q) => [q.path, q.ret]))).toEqual([]);
  // The user's tab as it was; no Jimeng page was ever opened.
  expect(navigations).toBe(0);
  expect(browser.context.pages().filter((p) => p.url().startsWith('https://jimeng.jianying.com'))).toHaveLength(0);
  await popup.screenshot({ path: screenshotPath('dreamina-popup-en') });
  expectChargedOnce(env.standin);
});
