// A batch of videos from a CSV (kind, duration, first_frame): rows wait for their model's lane (1310) instead of
// being refused over and over, a frame is named by the file picked with the batch, and every row is charged
// once, also through worker deaths.
import { test, expect } from '@playwright/test';
import { harness, readJobs, useStandin } from './harness.mjs';
import { screenshotPath } from './browser.mjs';
import { makePng } from '../../web/png.mjs';

const env = useStandin(test);
const batchRows = async (h) =>
  Object.values(await readJobs(h.popup))
    .filter((j) => j.batchId)
    .sort((a, b) => a.row - b.row);

test('a 12-row video batch against a lane of 2 waits for places, never exceeds them, and charges every row once through worker kills', async () => {
  test.setTimeout(240_000);
  env.standin.control.limits({ videoLane: 2 });
  env.standin.control.timings({ videoQueueMs: 3000, videoGenMs: 5000 }); // 8 s a video: the lane, not the pace, holds rows back
  env.standin.control.credits({ gift: 5000 });
  env.h = await harness(env.standin);
  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await page.locator('#open-batch').click();
  await page
    .locator('#batch-reference-file')
    .setInputFiles({ name: 'frame.png', mimeType: 'image/png', buffer: makePng(1280, 720, 7, 0) });
  await expect(page.locator('#batch-reference-list img')).toHaveCount(1);
  const csv = [
    'prompt,kind,duration,first_frame',
    ...Array.from({ length: 11 }, (_, i) => `镜头 ${i + 1},video,4,`),
    '镜头 12,视频,5秒,frame.png',
  ];
  await page
    .locator('#batch-file')
    .setInputFiles({ name: 'shots.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n')) });
  await page.locator('#batch-concurrency').selectOption('5');
  await page.locator('#batch-gap').selectOption('1000');
  await page.locator('#batch-preview-button').click();
  await expect(page.locator('#batch-preview tbody tr')).toHaveCount(12);
  await expect(page.locator('#batch-start')).toBeEnabled();
  await page.screenshot({ path: screenshotPath('video-batch-preview-zh') });
  await page.locator('#batch-start').click();

  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 8000));
    await env.h.stopWorker();
    await env.h.send({ type: 'ui:batches' });
  }
  let rows = [];
  for (const start = Date.now(); Date.now() - start < 200_000; await new Promise((r) => setTimeout(r, 500))) {
    rows = await batchRows(env.h);
    if (rows.length === 12 && rows.every((j) => j.phase === 'done' || j.phase === 'failed')) break;
  }
  expect(rows.map((j) => j.phase)).toEqual(Array(12).fill('done'));
  const requests = env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
  const refused = requests.filter((r) => r.ret === '1310').length;
  // The lane is learned from the first refusals: rows then wait for a place, not for another refusal.
  console.log(`video batch: ${requests.length} submits, ${refused} refused with 1310`);
  expect(refused).toBeLessThanOrEqual(6);
  const ledger = env.standin.control.ledger();
  for (const j of rows)
    expect(
      ledger.filter((l) => l.submit_id === j.submitId),
      j.job.prompt,
    ).toHaveLength(1);
  const tasks = env.standin.control.tasks().filter((t) => t.kind === 'video');
  expect(tasks).toHaveLength(12);
  // Never more than the lane at once: no task started before the one two places earlier was done.
  const byStart = [...tasks].sort((a, b) => a.createdAt - b.createdAt);
  for (let k = 2; k < byStart.length; k++)
    expect(byStart[k].createdAt).toBeGreaterThanOrEqual(byStart[k - 2].doneAt - 50);
  const framed = tasks.find((t) => t.prompt === '镜头 12');
  expect([framed.mode, framed.durationS, framed.first.width, framed.first.height]).toEqual(['frames', 5, 1280, 720]);
});
