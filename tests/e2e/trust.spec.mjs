// Trust: a slow answer is waited for (never charged twice), the extension works the minute it is installed
// with Jimeng already open, the user's tab is never reloaded, and no action double-charges when asked twice.
// Every test ends with the ledger check: each submit_id charged at most once.
import { test, expect } from '@playwright/test';
import { launch, loadExtensionNow, loggedInPage, screenshotPath } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);
const GENERATE = '/mweb/v1/aigc_draft/generate';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const expectNoDoubleCharge = () => expectChargedOnce(env.standin);
const sendsOf = (/** @type {string} */ submitId) =>
  env.standin.control.requests({ path: GENERATE }).filter((r) => JSON.parse(r.body).submit_id === submitId);

// Answers held 5-90 s: answers.spec.mjs (first in the run: its tests are the longest).

test('installed with a logged-in Jimeng tab already open: that tab is used without a reload, and a submit reaches Jimeng within 20 s', async () => {
  const browser = await launch(env.standin, { extensionLater: true });
  env.h = browser;
  const mine = await loggedInPage(browser.context);
  await mine.locator('#prompt').fill('我正在写的提示词');
  await mine.evaluate(() => {
    /** @type {any} */ (window).userMarker = 'still here';
    // A page script listening for our handshake, as any script on the page could: it must hear nothing.
    const heard = /** @type {any} */ (window.heard = []);
    for (const name of ['jimeng-helper:hello', 'jimeng-helper:relay-up', 'message'])
      window.addEventListener(
        name,
        (e) => {
          const ports = /** @type {any} */ (e).ports?.length ?? 0;
          if (name !== 'message' || ports) heard.push({ name, ports });
        },
        true,
      );
  });
  let navigations = 0;
  mine.on('framenavigated', (f) => {
    if (f === mine.mainFrame()) navigations++;
  });
  const id = await loadExtensionNow(browser.context, browser.userDataDir);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  const started = Date.now();
  const r = await popup.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'ui:submit',
    input: { prompt: '装好就能用', count: 1 },
  });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  await expect.poll(() => sendsOf(r.job.submitId).length, { timeout: 20_000 }).toBe(1);
  expect(Date.now() - started).toBeLessThan(20_000);
  await expect.poll(async () => (await readJobs(popup))[r.job.submitId]?.phase, { timeout: 30_000 }).toBe('done');
  // The user's tab: not reloaded, its typed prompt and its state as they were; no second Jimeng tab.
  expect(navigations).toBe(0);
  expect(await mine.evaluate(() => /** @type {any} */ (window).userMarker)).toBe('still here');
  await expect(mine.locator('#prompt')).toHaveValue('我正在写的提示词');
  expect(await mine.evaluate(() => /** @type {any} */ (window).heard)).toEqual([]);
  expect(await mine.evaluate(() => document.documentElement.dataset.jimengHelperRelay)).toBeUndefined();
  expect(browser.context.pages().filter((p) => p.url().startsWith('https://jimeng.jianying.com')).length).toBe(1);
  await popup.screenshot({ path: screenshotPath('first-run-popup-zh') });
  expectNoDoubleCharge();
});

test("a new Jimeng version (3018) is learned in a background tab of ours: the user's tab and its typed prompt stay, and the job finishes", async () => {
  env.h = await harness(env.standin);
  const mine = env.h.jimeng;
  await mine.locator('#prompt').fill('别刷新我的页面');
  await mine.evaluate(() => {
    /** @type {any} */ (window).userMarker = 'still here';
  });
  let navigations = 0;
  mine.on('framenavigated', (f) => {
    if (f === mine.mainFrame()) navigations++;
  });
  env.standin.control.versions({ appvr: '8.5.0', webVersion: '7.6.0' });
  const { job } = await env.h.submit({ prompt: '版本更新后', count: 1 });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  expect(done.versionRetried).toBe(true);
  expect(sendsOf(job.submitId).map((r) => r.ret)).toEqual(['3018', '0']);
  expect(navigations).toBe(0);
  expect(await mine.evaluate(() => /** @type {any} */ (window).userMarker)).toBe('still here');
  await expect(mine.locator('#prompt')).toHaveValue('别刷新我的页面');
  // The tab opened to learn the versions went again.
  await expect
    .poll(() => env.h.context.pages().filter((p) => p.url().startsWith('https://jimeng.jianying.com')).length)
    .toBe(1);
  expectNoDoubleCharge();
});

test('Ctrl+Enter pressed twice in the popup makes one job', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  await expect(popup.locator('#generate')).toBeEnabled();
  await popup.locator('#prompt').fill('按两次快捷键');
  await popup.locator('#prompt').press('Control+Enter');
  await popup.locator('#prompt').press('Control+Enter');
  await expect(popup.locator('.job')).toHaveCount(1);
  const jobs = Object.values(await readJobs(popup)).filter((j) => j.job.prompt === '按两次快捷键');
  expect(jobs).toHaveLength(1);
  await env.h.waitFor(jobs[0].submitId, (j) => j.phase === 'done');
  expect(env.standin.control.requests({ path: GENERATE })).toHaveLength(1);
  // The same message delivered twice (its submit_id minted by the view) is still one job.
  const input = { prompt: '同一条消息两次', count: 1, submitId: crypto.randomUUID() };
  const [a, b] = await Promise.all([env.h.submit(input), env.h.submit(input)]);
  expect(a.job.submitId).toBe(input.submitId);
  expect(b.job.submitId).toBe(input.submitId);
  await env.h.waitFor(input.submitId, (j) => j.phase === 'done');
  expect(sendsOf(input.submitId)).toHaveLength(1);
  expectNoDoubleCharge();
});

test('超清 clicked three times makes one 4096-px child job', async () => {
  env.h = await harness(env.standin);
  const first = await env.h.submit({ prompt: '三击超清', count: 1 });
  await env.h.waitFor(first.job.submitId, (j) => j.phase === 'done');
  const hd = env.h.popup
    .locator(`.job[data-submit-id="${first.job.submitId}"]`)
    .getByRole('button', { name: '超清第 1 张（4K）' });
  await hd.click({ clickCount: 3 });
  // From elsewhere too (the tracker, the workspace): the same image and kind is the same job.
  const again = await Promise.all(
    [1, 2].map(() => env.h.send({ type: 'ui:upscale', submitId: first.job.submitId, index: 0, kind: 'normal_hd' })),
  );
  const children = async () => Object.values(await readJobs(env.h.popup)).filter((j) => j.job.upscale);
  await expect.poll(async () => (await children()).map((j) => j.phase)).toEqual(['done']);
  const [child] = await children();
  expect(again.map((r) => r.job.submitId)).toEqual([child.submitId, child.submitId]);
  expect(env.standin.control.ledger().filter((l) => l.submit_id === child.submitId)).toHaveLength(1);
  expect(env.standin.control.requests({ path: GENERATE })).toHaveLength(2);
  expectNoDoubleCharge();
});

test('Retry on a failed job, clicked twice (and asked twice), makes one new job', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '这里有违禁词 重试', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'failed');
  const retry = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"]`).getByRole('button', { name: '重试' });
  await retry.dblclick();
  const asked = await Promise.all([1, 2].map(() => env.h.send({ type: 'ui:retry', submitId: job.submitId })));
  expect(asked[0].job.submitId).toBe(asked[1].job.submitId);
  expect(asked[0].job.submitId).not.toBe(job.submitId); // a new task, never a resend of the failed one
  await expect.poll(async () => Object.values(await readJobs(env.h.popup)).length).toBe(2);
  // The new job runs to its end (the same words are refused again) before its sends are counted.
  await env.h.waitFor(asked[0].job.submitId, (j) => j.phase === 'failed');
  expect(sendsOf(asked[0].job.submitId)).toHaveLength(1);
  expectNoDoubleCharge();
});

test("an unknown code on every call: the job is sent at most twice and fails with the service's own message", async () => {
  env.standin.control.fault({ ret: '7777', errmsg: '系统繁忙，请稍后再试', count: 10_000 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '未知错误码', count: 1 });
  const failed = await env.h.waitFor(job.submitId, (j) => j.phase === 'failed', 45_000);
  expect(failed.error.message).toContain('系统繁忙，请稍后再试');
  expect(sendsOf(job.submitId)).toHaveLength(2);
  await expect(env.h.popup.locator(`.job[data-submit-id="${job.submitId}"] .state`)).toContainText(
    '系统繁忙，请稍后再试',
  );
  // Failed is final: the engine never admits it again (a third send would have come 15 s after the second).
  await sleep(3000);
  expect(sendsOf(job.submitId)).toHaveLength(2);
  expect(env.standin.control.ledger()).toHaveLength(0);
});

test("a batch whose rows go out 25 h after it was made (on the service's clock) is tracked to the end and charged once per row", async () => {
  env.h = await harness(env.standin);
  env.standin.control.timings({ historyLagMs: 2500 }); // a new task is missing from history for a moment
  env.standin.control.advance({ ms: 25 * 3_600_000 });
  const r = await env.h.send({
    type: 'ui:batch-start',
    input: { format: 'lines', text: '晚一天 一\n晚一天 二\n晚一天 三' },
    concurrency: 3,
    gapMs: 0,
  });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  await expect
    .poll(
      async () =>
        Object.values(await readJobs(env.h.popup))
          .filter((j) => j.batchId === r.batch.id)
          .map((j) => j.phase)
          .sort(),
      { timeout: 60_000 },
    )
    .toEqual(['done', 'done', 'done']);
  const charges = expectNoDoubleCharge();
  expect(charges.size).toBe(3);
});

test('run failed rows again, clicked twice (and asked twice), makes one new batch', async () => {
  env.h = await harness(env.standin);
  const r = await env.h.send({
    type: 'ui:batch-start',
    input: { format: 'lines', text: '灯塔 晨雾\n这里有违禁词' },
    concurrency: 2,
    gapMs: 0,
  });
  expect(r.ok).toBe(true);
  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  const requeue = page
    .locator(`.batch[data-batch-id="${r.batch.id}"]`)
    .getByRole('button', { name: '重新排队失败的行' });
  await expect(requeue).toBeVisible({ timeout: 60_000 });
  await requeue.dblclick();
  const asked = await Promise.all([1, 2].map(() => env.h.send({ type: 'ui:batch-requeue', batchId: r.batch.id })));
  expect(asked[0].batch.id).toBe(asked[1].batch.id);
  await expect(page.locator('.batch')).toHaveCount(2);
  const batches = new Set(Object.values(await readJobs(env.h.popup)).map((j) => j.batchId));
  expect([...batches].sort()).toEqual([r.batch.id, asked[0].batch.id].sort());
  expectNoDoubleCharge();
});
