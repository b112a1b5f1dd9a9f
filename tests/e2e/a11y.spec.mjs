// Accessibility: axe-core (WCAG 2.1 A/AA, plus best practices for landmarks) on every extension page with
// jobs in every state and the settings open, in light and dark, Chinese and English; and on the in-page
// tracker's own content (audited through a test build whose shadow root is open).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { harness, useStandin } from './harness.mjs';

const env = useStandin(test);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Readable findings: rule, impact and the first few offending nodes. */
const summary = (violations) =>
  violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));

/**
 * Jobs in every state the UI draws: done, failed (moderation), generating (stalled), queued (long queue),
 * submitting (a submit whose answer is slow) and, last, waiting for login.
 */
async function jobsInEveryState(h, standin) {
  const c = standin.control;
  const wait = (id, phase) => h.waitFor(id, (j) => j.phase === phase);
  const done = await h.submit({ prompt: '晨雾中的灯塔', count: 1 });
  await wait(done.job.submitId, 'done');
  c.bannedWords({ words: ['违禁词'] });
  const failed = await h.submit({ prompt: '违禁词 测试' });
  await wait(failed.job.submitId, 'failed');
  c.stallNext({ count: 1 });
  const generating = await h.submit({ prompt: '停在半路的任务', count: 4 });
  await h.waitFor(generating.job.submitId, (j) => j.phase === 'generating' || j.phase === 'queued');
  c.timings({ queueMs: 600_000 });
  const queued = await h.submit({ prompt: '排队中的任务' });
  await wait(queued.job.submitId, 'queued');
  c.fault({ path: '/mweb/v1/aigc_draft/generate', delayMs: 60_000 });
  await h.submit({ prompt: '正在提交的任务' });
  return { done, failed, generating, queued };
}

async function auditPopup(h, label) {
  const { popup } = h;
  await popup.reload();
  await expect(popup.locator('.job')).toHaveCount(5, { timeout: 15_000 });
  await popup.locator('#settings summary').click();
  await expect(popup.locator('#template')).toBeVisible();
  const { violations } = await new AxeBuilder({ page: popup }).withTags(WCAG).analyze();
  expect(summary(violations), `${label}: popup`).toEqual([]);
}

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`the popup has no WCAG 2.1 AA violation with jobs in every state (${colorScheme})`, async () => {
    env.h = await harness(env.standin, { colorScheme });
    await jobsInEveryState(env.h, env.standin);
    await auditPopup(env.h, colorScheme);
    // Logged out: the waiting-for-login state and its button are drawn too.
    env.standin.control.expireSession();
    const waiting = await env.h.submit({ prompt: '等待登录的任务' });
    await env.h.waitFor(waiting.job.submitId, (j) => j.needsLogin);
    await env.h.popup.reload();
    await expect(env.h.popup.locator('.job[data-state="needs-login"]').first()).toBeVisible({ timeout: 15_000 });
    const { violations } = await new AxeBuilder({ page: env.h.popup }).withTags(WCAG).analyze();
    expect(summary(violations), `${colorScheme}: logged out`).toEqual([]);
  });
}

test('the popup in English has no WCAG 2.1 AA violation', async () => {
  env.h = await harness(env.standin, { locale: 'en-US' });
  await jobsInEveryState(env.h, env.standin);
  await auditPopup(env.h, 'en');
});

test('the in-page tracker has no WCAG 2.1 AA violation with running, finished and failed jobs', async () => {
  env.h = await harness(env.standin, { openTrackerRoot: true });
  await jobsInEveryState(env.h, env.standin);
  const { jimeng } = env.h;
  const tabId = await env.h
    .worker()
    .evaluate(async () => (await chrome.tabs.query({ url: 'https://jimeng.jianying.com/*' }))[0].id);
  await env.h.worker().evaluate((id) => self.jimeng.showTracker(id), tabId);
  const host = jimeng.locator('div[popover]');
  await expect
    .poll(() => host.evaluate((el) => el.shadowRoot?.querySelectorAll('.job').length ?? 0), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(4);
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    await jimeng.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page: jimeng }).include('div[popover]').withTags(WCAG).analyze();
    expect(summary(violations), `tracker (${scheme})`).toEqual([]);
  }
});

test('the workspace has no WCAG 2.1 AA violation: gallery, selection, details, in a tab and side-panel wide, light and dark', async () => {
  const { seedHistory } = await import('./history-seed.mjs');
  env.h = await harness(env.standin);
  await seedHistory(env.h, env.standin, 60);
  await jobsInEveryState(env.h, env.standin);
  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await expect(page.locator('#summary')).toContainText('个任务', { timeout: 20_000 });
  await page.locator('.cell').first().click();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.locator('#selection-bar')).toBeVisible();
  await expect(page.locator('#inspector')).toBeVisible();
  for (const [width, scheme] of /** @type {const} */ ([
    [1280, 'light'],
    [1280, 'dark'],
    [400, 'light'],
    [400, 'dark'],
  ])) {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(summary(violations), `workspace ${width}px ${scheme}`).toEqual([]);
  }
  await page.screenshot({ path: (await import('./browser.mjs')).screenshotPath('workspace-side-panel-width') });
});

test('the batch dialog and a paused batch have no WCAG 2.1 AA violation, light and dark', async () => {
  env.h = await harness(env.standin);
  env.standin.control.limits({ dailyLimit: 1 });
  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await page.locator('#open-batch').click();
  await page.locator('#batch-text').fill('晨雾中的灯塔\n{红|蓝}色的猫');
  await page.locator('#batch-gap').selectOption('1000');
  await page.locator('#batch-preview-button').click();
  await expect(page.locator('#batch-preview tbody tr')).toHaveCount(3);
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(summary(violations), `batch dialog ${scheme}`).toEqual([]);
  }
  await page.locator('#batch-start').click();
  await expect(page.locator('.batch')).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(summary(violations), `batch list ${scheme}`).toEqual([]);
  }
  // The popup shows the paused batch as one line, with its reason.
  await env.h.popup.reload();
  await expect(env.h.popup.locator('.batch .batch-state')).toContainText('已暂停');
  const { violations } = await new AxeBuilder({ page: env.h.popup }).withTags(WCAG).analyze();
  expect(summary(violations), 'popup with a batch').toEqual([]);
});
