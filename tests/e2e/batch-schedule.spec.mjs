// Scheduled batches (#38): a batch set for a time waits for it (the engine holds its rows on the browser's clock)
// and starts then, also when the browser was closed and opened again in between; the workspace says when.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { screenshotPath } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);
const GENERATE = '/mweb/v1/aigc_draft/generate';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a batch set to start in 20 seconds sends nothing before then, survives a browser restart, and starts on time', async () => {
  env.h = await harness(env.standin);
  const lines = { text: '定时的第一张\n定时的第二张', defaults: { count: 1 } };
  const preview = await env.h.send({ type: 'ui:batch-preview', input: lines });
  expect(preview.ok, JSON.stringify(preview)).toBe(true);
  const startAt = Date.now() + 20_000;
  const started = await env.h.send({
    type: 'ui:batch-start',
    input: { ...lines, now: preview.now, entropy: preview.entropy },
    validOnly: true,
    concurrency: 2,
    gapMs: 0,
    name: '夜里跑',
    startAt,
  });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  expect(started.batch.startAt).toBe(Math.round(startAt));
  // A time in the past (or past 30 days) is refused in words, and makes nothing.
  const wrong = await env.h.send({
    type: 'ui:batch-start',
    input: { ...lines, now: preview.now, entropy: preview.entropy },
    validOnly: true,
    concurrency: 2,
    gapMs: 0,
    startAt: Date.now() - 3_600_000,
  });
  expect(wrong.ok).toBe(false);
  expect(wrong.error.code).toBe('start_at_invalid');

  const ws = await env.h.context.newPage();
  await ws.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await expect(ws.locator(`[data-batch-id="${started.batch.id}"] .batch-state`)).toContainText('将于');
  await ws.screenshot({ path: screenshotPath('batch-scheduled-zh') });
  expect((await new AxeBuilder({ page: ws }).analyze()).violations.map((v) => v.id)).toEqual([]);

  // The browser closes before the batch's time and opens again.
  await sleep(3_000);
  expect(env.standin.control.requests({ path: GENERATE })).toHaveLength(0);
  const profile = env.h.userDataDir;
  await env.h.context.close();
  env.h = await harness(env.standin, { userDataDir: profile });
  expect(Date.now()).toBeLessThan(startAt);
  await expect
    .poll(
      async () =>
        Object.values(await readJobs(env.h.popup)).filter((j) => j.batchId === started.batch.id && j.phase === 'done')
          .length,
      { timeout: 75_000 },
    )
    .toBe(2);
  const sends = env.standin.control.requests({ path: GENERATE });
  expect(sends).toHaveLength(2);
  for (const q of sends) expect(q.time).toBeGreaterThanOrEqual(startAt);
  const batch = (await env.h.send({ type: 'ui:batches' })).batches.find((b) => b.id === started.batch.id);
  expect(batch.startedAt).toBeGreaterThanOrEqual(startAt);
  expect(batch.startedLateMs).toBeUndefined();
  expectChargedOnce(env.standin);
});
