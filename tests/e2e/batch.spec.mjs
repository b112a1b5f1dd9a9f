// Batch generation: many prompts previewed row by row, then run in the background by the core's engine,
// throttled, paused by the account's limits, resumable, and announced once.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { harness, readJobs, useStandin } from './harness.mjs';
import { screenshotPath } from './browser.mjs';
import { batchRows, generateRequests, openBatchDialog, startBatch, waitForRows } from './batch-helpers.mjs';

const env = useStandin(test);

test('pasted prompts with {variants} are previewed row by row, then run two at a time with one notification at the end', async () => {
  env.h = await harness(env.standin);
  await env.h.worker().evaluate(() => {
    self.shownNotifications = [];
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id, options) => {
      self.shownNotifications.push({ id, ...options });
      return create(id, options);
    };
  });
  const page = await openBatchDialog(env.h);
  await page.locator('#batch-text').fill('{红|蓝}色的猫 在窗台\n森林里的小木屋');
  await page.locator('#batch-gap').selectOption('1000');
  await page.locator('#batch-preview-button').click();
  const rows = page.locator('#batch-preview tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('td').nth(1)).toHaveText('红色的猫 在窗台');
  await expect(rows.nth(1).locator('td').nth(1)).toHaveText('蓝色的猫 在窗台');
  await expect(page.locator('#batch-summary')).toHaveText(/共 3 个任务，0 个有问题/);
  await page.screenshot({ path: screenshotPath('batch-preview-zh') });
  await page.locator('#batch-start').click();
  await expect(page.locator('#batch-dialog')).toBeHidden();
  await expect(page.locator('.batch')).toHaveCount(1);

  const done = await waitForRows(env.h, (r) => r.length === 3 && r.every((j) => j.phase === 'done'));
  expect(done.map((j) => j.job.prompt)).toEqual(['红色的猫 在窗台', '蓝色的猫 在窗台', '森林里的小木屋']);
  // Each row went to the service once, with the submit_id the preview showed.
  const sent = generateRequests(env.standin)
    .filter((r) => r.ret === '0')
    .map((r) => JSON.parse(r.body).submit_id);
  expect(sent.sort()).toEqual(done.map((j) => j.submitId).sort());
  await expect(page.locator('.batch .batch-state')).toHaveText('已结束', { timeout: 15_000 });
  await expect(page.locator('.batch .batch-counts')).toHaveText(/完成 3 · 进行中 0 · 失败 0 · 等待 0/);
  const notes = await env.h.worker().evaluate(() => self.shownNotifications);
  expect(notes.map((n) => n.id)).toEqual([`batch:${done[0].batchId}`]);
  expect(notes[0]).toMatchObject({ title: '即梦批量生成完成', contextMessage: '完成 3 个，失败 0 个' });
});

test('a CSV row with a ratio the model does not offer is named by row and column, and only the valid rows start when asked', async () => {
  env.h = await harness(env.standin, { locale: 'en-US' });
  const page = await openBatchDialog(env.h);
  await page.locator('#batch-file').setInputFiles({
    name: 'shots.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('prompt,ratio,count\n雪山日出,16:9,1\n海边灯塔,17:9,1\n城市夜景,1:1,1\n'),
  });
  await expect(page.locator('#batch-format')).toHaveValue('csv');
  const rows = page.locator('#batch-preview tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).locator('.problem')).toContainText('Row 3 · ratio');
  await expect(page.locator('#batch-start')).toBeDisabled();
  await expect(page.locator('#batch-start-valid')).toHaveText('Start only the 2 valid rows');
  await page.screenshot({ path: screenshotPath('batch-preview-en') });
  await page.locator('#batch-start-valid').click();
  const done = await waitForRows(env.h, (r) => r.length === 2 && r.every((j) => j.phase === 'done'));
  expect(done.map((j) => [j.job.prompt, j.job.ratioLabel])).toEqual([
    ['雪山日出', '16:9'],
    ['城市夜景', '1:1'],
  ]);
});

test('the daily limit pauses the whole batch with the reason; after Resume it finishes, each row sent once', async () => {
  env.h = await harness(env.standin);
  env.standin.control.limits({ dailyLimit: 2 });
  const page = await startBatch(
    env.h,
    ['一', '二', '三', '四'].map((n) => `第${n}张 水彩`),
  );
  const batch = page.locator('.batch');
  await expect(batch).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await expect(batch.locator('.batch-state')).toContainText('已暂停');
  const paused = await batchRows(env.h);
  expect(paused.filter((j) => j.phase === 'failed')).toEqual([]); // no row is failed for the account's limit
  const waitingIds = paused.filter((j) => j.phase === 'submitting').map((j) => j.submitId);
  expect(waitingIds.length).toBe(2);

  env.standin.control.limits({ dailyLimit: 100 });
  await batch.getByRole('button', { name: '继续' }).click();
  const done = await waitForRows(env.h, (r) => r.every((j) => j.phase === 'done'));
  expect(done).toHaveLength(4);
  // Refused rows went again with the same submit_id; every row made exactly one task.
  const tasks = env.standin.control.tasks().filter((t) => done.some((j) => j.submitId === t.submitId));
  expect(tasks).toHaveLength(4);
});

test('a full queue (5001) only slows the batch down; Cancel stops the rows not sent and says sent ones finish', async () => {
  env.h = await harness(env.standin);
  env.standin.control.limits({ queueCap: 1 });
  env.standin.control.timings({ queueMs: 1500 });
  const page = await startBatch(
    env.h,
    Array.from({ length: 6 }, (_, i) => `静物 ${i + 1}`),
    { concurrency: 3 },
  );
  // Some rows are refused with 5001 and wait; none is failed for it.
  await expect.poll(() => generateRequests(env.standin).length, { timeout: 30_000 }).toBeGreaterThan(2);
  expect((await batchRows(env.h)).filter((j) => j.phase === 'failed')).toEqual([]);
  page.once('dialog', (d) => d.accept());
  await page.locator('.batch').getByRole('button', { name: '取消未提交的' }).click();
  const rows = await waitForRows(env.h, (r) => r.every((j) => j.phase === 'done' || j.phase === 'failed'));
  const cancelled = rows.filter((j) => j.error?.code === 'cancelled');
  expect(cancelled.length).toBeGreaterThan(0);
  expect(rows.filter((j) => j.phase === 'done').length + cancelled.length).toBe(6);
  const tasks = env.standin.control.tasks().map((t) => t.submitId);
  for (const j of cancelled) expect(tasks).not.toContain(j.submitId);
  await expect(page.locator('.batch .batch-state')).toHaveText(/已结束|已取消/);
});

test('a finished batch downloads under {batch}/{row} names; its failed rows export as a CSV that goes back in, or run again', async () => {
  env.h = await harness(env.standin);
  await env.h.send({ type: 'ui:settings', settings: { template: 'jimeng/{batch}/{row}-{index}.{ext}' } });
  const page = await startBatch(env.h, ['灯塔 晨雾', '这里有违禁词', '麦田 黄昏']);
  const batch = page.locator('.batch');
  await expect(batch.locator('.batch-counts')).toHaveText(/完成 2 · 进行中 0 · 失败 1 · 等待 0/, { timeout: 60_000 });

  // The names the worker gives (the browser under test stores downloads under its own names; our records of
  // downloads under way go once each completes).
  await env.h.worker().evaluate(() => {
    const download = chrome.downloads.download.bind(chrome.downloads);
    Object.assign(self, { downloadNames: [] });
    chrome.downloads.download = /** @type {any} */ (
      (o) => {
        /** @type {any} */ (self).downloadNames.push(o.filename);
        return download(o);
      }
    );
  });
  await batch.getByRole('button', { name: '下载全部' }).click();
  await expect
    .poll(() => page.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length), {
      timeout: 20_000,
    })
    .toBe(8);
  const names = await env.h.worker().evaluate(() => /** @type {any} */ (self).downloadNames);
  expect(names.map((n) => n.replace(/^jimeng\/\d{8}-\d{4}\//, '')).sort()).toEqual([
    '1-1.png',
    '1-2.png',
    '1-3.png',
    '1-4.png',
    '3-1.png',
    '3-2.png',
    '3-3.png',
    '3-4.png',
  ]);

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    batch.getByRole('button', { name: '导出失败的行' }).click(),
  ]);
  const csv = fs.readFileSync(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFprompt,negative_prompt,model,ratio,resolution,count,seed,strength,note');
  expect(csv).toContain('这里有违禁词');
  expect(csv).toContain('审核');
  // The exported file goes straight back into a batch.
  await page.locator('#open-batch').click();
  await page
    .locator('#batch-file')
    .setInputFiles({ name: 'failed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.locator('#batch-summary')).toHaveText(/共 1 个任务，0 个有问题/);
  await page.locator('#batch-close').click();

  await batch.getByRole('button', { name: '重新排队失败的行' }).click();
  await expect(page.locator('.batch')).toHaveCount(2);
  const rows = await batchRows(env.h);
  const ids = [...new Set(rows.map((j) => j.batchId))];
  expect(ids).toHaveLength(2);
  const [first, second] = ids.map((id) => rows.filter((j) => j.batchId === id)).sort((a, b) => b.length - a.length);
  expect(second.map((j) => [j.job.prompt, j.job.seed])).toEqual([
    ['这里有违禁词', first.find((j) => j.phase === 'failed').job.seed],
  ]);
  expect(second[0].submitId).not.toBe(first.find((j) => j.phase === 'failed').submitId); // a new task, never a resend
});

test('bad files (binary, empty, 10 MB of text, broken CSV quoting) are refused with a clear message, and nothing is sent', async () => {
  env.h = await harness(env.standin);
  const page = await openBatchDialog(env.h);
  const files = [
    [
      {
        name: 'photo.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      },
      '这不是文本文件',
    ],
    [{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }, '没有可生成的内容'],
    [
      { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.from('一只猫在窗台上晒太阳\n'.repeat(350_000)) },
      '内容太大',
    ],
    [
      { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('prompt,count\n"雪山,1\n海边,1\n') },
      '未闭合的引号',
    ],
  ];
  for (const [file, message] of files) {
    await page.locator('#batch-file').setInputFiles(file);
    await expect(page.locator('#batch-summary'), file.name).toContainText(message, { timeout: 30_000 }); // 10 MB crosses twice
    await expect(page.locator('#batch-summary')).toHaveAttribute('data-state', 'error');
    await expect(page.locator('#batch-preview tbody tr')).toHaveCount(0);
    await expect(page.locator('#batch-start')).toBeDisabled();
  }
  expect(generateRequests(env.standin)).toHaveLength(0);
  expect(Object.keys(await readJobs(env.h.popup))).toHaveLength(0);
});
