// Polling that stays sane: a hidden popup does not make the engine poll fast, 200+ jobs are polled in parts, and with
// no Jimeng page to be had the popup says so instead of "connecting" forever.
import { test, expect } from '@playwright/test';
import { screenshotPath } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);
const HISTORY = '/mweb/v1/get_history_by_ids';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const expectNoDoubleCharge = () => expectChargedOnce(env.standin);

// Answers held 5-90 s: answers.spec.mjs (first in the run: its tests are the longest).

test('a popup that is open but hidden does not make the engine poll fast', async () => {
  env.standin.control.timings({ queueMs: 60_000 });
  env.h = await harness(env.standin);
  await env.h.jimeng.close(); // no tracker on screen either: the engine works through a background tab of its own
  const { job } = await env.h.submit({ prompt: '看不见的弹窗', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'queued' && !j.attemptAt, 30_000);
  const polls = (from) => env.standin.control.requests({ path: HISTORY }).filter((q) => q.time >= from).length;
  let from = Date.now();
  await sleep(9000);
  expect(polls(from), 'polls in 9 s with the popup on screen').toBeGreaterThanOrEqual(4);
  await env.h.popup.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await sleep(1000);
  from = Date.now();
  await sleep(12_000);
  expect(polls(from), 'polls in 12 s with the popup hidden').toBeLessThanOrEqual(2);
  expectNoDoubleCharge();
});

test('more than 200 jobs in flight are polled in parts of 200, and every one is tracked to the end', async () => {
  test.setTimeout(150_000);
  env.standin.control.limits({ queueCap: 1000, dailyLimit: 10_000 });
  env.standin.control.credits({ gift: 100_000 });
  env.standin.control.timings({ queueMs: 25_000 });
  env.h = await harness(env.standin);
  const ids = [];
  for (let i = 0; i < 205; i += 41)
    ids.push(
      ...(
        await Promise.all(Array.from({ length: 41 }, (_, k) => env.h.submit({ prompt: `很多任务 ${i + k}`, count: 1 })))
      ).map((x) => x.job.submitId),
    );
  // Every job tracked to the end, each charged once.
  await expect
    .poll(async () => Object.values(await readJobs(env.h.popup)).filter((j) => j.phase === 'done').length, {
      timeout: 120_000,
      intervals: [2000],
    })
    .toBe(205);
  const sizes = env.standin.control.requests({ path: HISTORY }).map((q) => JSON.parse(q.body).submit_ids.length);
  expect(Math.max(...sizes)).toBe(200);
  expect(sizes).toContain(5);
  expect(env.standin.control.requests({ path: HISTORY }).filter((q) => q.ret !== '0')).toEqual([]);
  expect(expectNoDoubleCharge().size).toBe(205);
});

for (const [locale, says, retryLabel, name] of [
  ['zh-CN', '无法连接即梦', '重新连接', 'cannot-reach-zh'],
  ['en-US', 'Cannot reach Jimeng', 'Try again', 'cannot-reach-en'],
]) {
  test(`when no Jimeng page can be had, the popup says so, with why and a way to try again, instead of "connecting" forever (${locale})`, async () => {
    test.setTimeout(120_000);
    env.standin.control.timings({ antiBotDelayMs: 600_000 }); // the page never becomes usable
    env.h = await harness(env.standin, { login: false, locale });
    const session = env.h.popup.locator('#session');
    await expect(session).toHaveAttribute('data-state', 'connecting');
    await expect(session).toHaveAttribute('data-state', 'unavailable', { timeout: 45_000 });
    await expect(session).toContainText(says);
    const retry = env.h.popup.getByRole('button', { name: retryLabel });
    await expect(retry).toBeVisible();
    await env.h.popup.locator('header').screenshot({ path: screenshotPath(name) });
    await retry.click();
    await expect(session).toHaveAttribute('data-state', 'connecting');
    await expect(retry).toBeHidden();
    // However often it is asked, one background tab of ours.
    expect(env.h.context.pages().filter((p) => p.url().startsWith('https://jimeng.jianying.com'))).toHaveLength(1);
  });
}
