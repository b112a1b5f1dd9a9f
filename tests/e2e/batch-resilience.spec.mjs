// Batches through trouble: the worker stopped again and again, credits running out mid-batch, a browser restart.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { harness, useStandin } from './harness.mjs';
import { screenshotPath } from './browser.mjs';
import { batchRows, generateRequests, startBatch, waitForRows } from './batch-helpers.mjs';

const env = useStandin(test);

test('a batch survives the worker being stopped again and again: every row finishes, each sent once', async () => {
  env.h = await harness(env.standin);
  await startBatch(
    env.h,
    Array.from({ length: 8 }, (_, i) => `风景 第${i + 1}幅`),
    { concurrency: 3 },
  );
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 1200));
    await env.h.stopWorker();
    await env.h.send({ type: 'ui:batches' }); // a message wakes a new worker, which picks the batch up
  }
  // Less than the test's own time limit, so that a batch that stalls says where each row is.
  const done = await waitForRows(env.h, (r) => r.length === 8 && r.every((j) => j.phase === 'done'), 70_000);
  const accepted = generateRequests(env.standin)
    .filter((r) => r.ret === '0')
    .map((r) => JSON.parse(r.body).submit_id);
  expect(accepted.sort()).toEqual(done.map((j) => j.submitId).sort());
  expect(env.standin.control.ledger().filter((l) => done.some((j) => j.submitId === l.submit_id))).toHaveLength(8);
});

test('running out of credits (1006) mid-batch pauses it with what to do; after a top-up Resume finishes it, each row charged once', async () => {
  env.h = await harness(env.standin);
  env.standin.control.credits({ gift: 8 }); // two rows of four images
  const page = await startBatch(env.h, ['晨光 山谷', '午后 麦田', '黄昏 海港', '深夜 街角']);
  const batch = page.locator('.batch');
  await expect(batch).toHaveAttribute('data-state', 'running');
  await page.screenshot({ path: screenshotPath('batch-running-zh') });
  await expect(batch).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await expect(batch.locator('.batch-state')).toContainText('积分');
  expect((await batchRows(env.h)).filter((j) => j.phase === 'failed')).toEqual([]);
  env.standin.control.credits({ gift: 100 });
  await batch.getByRole('button', { name: '继续' }).click();
  const done = await waitForRows(env.h, (r) => r.length === 4 && r.every((j) => j.phase === 'done'));
  for (const j of done) expect(env.standin.control.ledger().filter((l) => l.submit_id === j.submitId)).toHaveLength(1);
});

test('a 50-row CSV batch with variables survives the worker being stopped every few seconds and a browser restart: each row charged once', async () => {
  test.setTimeout(240_000);
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jimeng-restart-'));
  env.h = await harness(env.standin, { userDataDir: dir, locale: 'en-US' });
  const csv = `prompt,count\n${Array.from({ length: 25 }, (_, i) => `"{red|blue} kite, scene ${i + 1}",1`).join('\n')}\n`;
  const preview = await env.h.send({ type: 'ui:batch-preview', input: { format: 'csv', text: csv } });
  expect(preview.rows).toHaveLength(50);
  const started = await env.h.send({
    type: 'ui:batch-start',
    input: { format: 'csv', text: csv, now: preview.now, entropy: preview.entropy },
    concurrency: 5,
    gapMs: 0,
  });
  expect(started.ok).toBe(true);
  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await expect(page.locator('.batch')).toHaveAttribute('data-state', 'running');
  // Once rows are done, their observed durations give the time left.
  await expect(page.locator('.batch .batch-counts')).toContainText(/(under a minute|about \d+ min) left/, {
    timeout: 30_000,
  });
  await page.screenshot({ path: screenshotPath('batch-running-en') });
  const stopEvery = async (times) => {
    for (let i = 0; i < times; i++) {
      await new Promise((r) => setTimeout(r, 2500));
      await env.h.stopWorker();
      await env.h.send({ type: 'ui:batches' });
    }
  };
  await stopEvery(3);
  // The browser quits mid-batch and comes back with the same profile.
  await env.h.context.close();
  env.h = await harness(env.standin, { userDataDir: dir, locale: 'en-US' });
  await stopEvery(3);
  const done = await waitForRows(env.h, (r) => r.length === 50 && r.every((j) => j.phase === 'done'), 180_000);
  expect(new Set(done.map((j) => j.job.prompt)).size).toBe(50);
  const ledger = env.standin.control.ledger();
  for (const j of done)
    expect(
      ledger.filter((l) => l.submit_id === j.submitId),
      j.job.prompt,
    ).toHaveLength(1);
});
