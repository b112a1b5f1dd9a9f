// 从即梦导入: the account's past work walked into the workspace, politely and resumably, each record once.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { harness, readJobs, useStandin, openWorkspace } from './harness.mjs';
import { screenshotPath } from './browser.mjs';

const env = useStandin(test);
const pages = () => env.standin.control.requests({ path: '/mweb/v1/get_asset_list' });
const importState = (page) =>
  page.evaluate(async () => (await chrome.storage.local.get('archiveImport')).archiveImport);
async function untilDone(page, timeout = 150_000) {
  for (const start = Date.now(); Date.now() - start < timeout; await page.waitForTimeout(500)) {
    const s = await importState(page);
    if (s?.state === 'done' || s?.state === 'paused') return s;
  }
  throw new Error(`the import did not end: ${JSON.stringify(await importState(page))}`);
}

test('从即梦导入 walks 2,000 past records in, through a worker kill and a gateway error: each once, searchable, with thumbnails', async () => {
  test.setTimeout(240_000);
  env.standin.control.seedPastWork({ count: 2000, videoShare: 0.2 });
  env.h = await harness(env.standin);
  const ws = await openWorkspace(env.h);
  await ws.getByRole('button', { name: '从即梦导入' }).click();
  await expect(ws.locator('#import-text')).toContainText('正在导入');
  await ws.screenshot({ path: screenshotPath('import-running-zh') });
  await expect.poll(async () => (await importState(ws))?.pages ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await env.h.stopWorker();
  env.standin.control.fault({ path: '/mweb/v1/get_asset_list', status: 502 });
  await env.h.send({ type: 'ui:batches' }); // a message wakes a new worker: it goes on where the last one was
  const s = await untilDone(ws);
  expect(s.state).toBe('done');
  const jobs = Object.values(await readJobs(env.h.popup)).filter((j) => j.origin?.from === 'jimeng');
  expect(jobs).toHaveLength(2000);
  expect(jobs.filter((j) => j.kind === 'video').length).toBeGreaterThan(300);
  expect(s.imported).toBe(2000);
  expect(pages().filter((r) => r.ret === 'http_502')).toHaveLength(1);
  await expect(ws.locator('#import-text')).toContainText('导入完成');
  // Searchable, filterable by where it was made, its thumbnail shown, its settings reusable.
  await ws.reload();
  await ws.getByLabel('来源').selectOption('jimeng');
  await ws.locator('#q').fill('第1234号');
  const cell = ws.locator('.cell').first();
  await expect(cell).toHaveAttribute('aria-label', /第1234号/); // the search applied (it waits for typing to pause)
  await expect
    .poll(() => cell.locator('img').evaluate((i) => i.complete && i.naturalWidth > 0), { timeout: 15_000 })
    .toBe(true);
  await cell.click();
  await expect(ws.locator('#inspector-prompt')).toContainText('第1234号');
  await ws.getByRole('button', { name: /复用全部设置|复用设置/ }).click();
  const draft = await ws.evaluate(async () => (await chrome.storage.session.get('draftInput')).draftInput);
  expect(draft.prompt).toContain('第1234号');
  expect(draft.model).toBeTruthy();
  await ws.screenshot({ path: screenshotPath('import-done-zh') });
  const axe = await new AxeBuilder({ page: ws }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('a second import fetches only the newest page and brings the new work; our own jobs appear once', async () => {
  env.standin.control.seedPastWork({ count: 120, startAgoMs: 3_600_000 });
  env.h = await harness(env.standin, { locale: 'en-US' });
  const { job } = await env.h.submit({ prompt: 'made here first', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const ws = await openWorkspace(env.h);
  await ws.getByRole('button', { name: 'Import from Jimeng' }).click();
  const first = await untilDone(ws);
  expect([first.imported, first.known]).toEqual([120, 1]);
  const ours = (await readJobs(env.h.popup))[job.submitId];
  expect(ours.origin.from).not.toBe('jimeng');
  env.standin.control.seedPastWork({ count: 5, startAgoMs: 1, everyMs: 100 }); // made since the first import
  const before = pages().length;
  await ws.getByRole('button', { name: 'Import from Jimeng' }).click();
  await expect
    .poll(async () => (await importState(ws))?.startedAt !== first.startedAt && (await importState(ws))?.state)
    .toBe('done');
  const second = await importState(ws);
  expect(second.imported).toBe(5);
  expect(pages().length - before).toBe(1);
  await expect(ws.locator('#import-text')).toContainText('Import finished');
  await ws.screenshot({ path: screenshotPath('import-done-en') });
});

test("risk control pauses the import with Jimeng's words; Continue finishes it", async () => {
  env.standin.control.seedPastWork({ count: 150 });
  env.standin.control.fault({ path: '/mweb/v1/get_asset_list', ret: '1019', errmsg: 'shark not pass', count: 1 });
  env.h = await harness(env.standin);
  const ws = await openWorkspace(env.h);
  await ws.getByRole('button', { name: '从即梦导入' }).click();
  const paused = await untilDone(ws, 30_000);
  expect(paused.state).toBe('paused');
  await expect(ws.locator('#import-text')).toContainText('导入已暂停');
  await expect(ws.getByRole('button', { name: '继续导入' })).toBeVisible();
  await ws.getByRole('button', { name: '继续导入' }).click();
  await expect.poll(async () => (await importState(ws))?.state, { timeout: 30_000 }).toBe('done');
  expect((await importState(ws)).imported).toBe(150);
});

test('with no page of ours open, a stopped worker goes on with the import by itself', async () => {
  test.setTimeout(150_000);
  env.standin.control.seedPastWork({ count: 400 });
  env.h = await harness(env.standin);
  const ws = await openWorkspace(env.h);
  await ws.getByRole('button', { name: '从即梦导入' }).click();
  await expect.poll(async () => (await importState(ws))?.pages ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const blank = await env.h.context.newPage();
  await ws.close();
  await env.h.popup.close();
  const cdp = await env.h.context.newCDPSession(blank);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const stoppedAt = pages().length;
  // Nothing of ours is open and no job runs: only the import's own alarm can start the worker again.
  await expect.poll(() => pages().length, { timeout: 90_000 }).toBeGreaterThan(stoppedAt);
  const check = await openWorkspace(env.h);
  const s = await untilDone(check, 60_000);
  expect([s.state, s.imported]).toEqual(['done', 400]);
});

test('"keep in sync" sets a 10-minute alarm, and when it is due with Jimeng open it imports only what is new', async () => {
  env.standin.control.seedPastWork({ count: 60, startAgoMs: 3_600_000 });
  env.h = await harness(env.standin);
  const ws = await openWorkspace(env.h);
  await ws.getByRole('button', { name: '从即梦导入' }).click();
  await untilDone(ws);
  await ws.getByLabel(/自动同步/).check();
  await expect
    .poll(() => env.h.worker().evaluate(async () => (await chrome.alarms.get('jimeng-sync'))?.periodInMinutes))
    .toBe(10);
  const soon = await env.h.worker().evaluate(() => self.jimeng.syncTick(Date.now() + 60_000));
  expect(soon).toEqual({ started: [], why: { jimeng: 'recent', dreamina: 'no_page' } });
  env.standin.control.seedPastWork({ count: 3, startAgoMs: 1, everyMs: 100 });
  const due = await env.h.worker().evaluate(() => self.jimeng.syncTick(Date.now() + 11 * 60_000));
  expect(due).toEqual({ started: ['jimeng'], why: { dreamina: 'no_page' } });
  await expect
    .poll(
      async () => {
        const s = await importState(ws);
        return s.state === 'done' && s.imported;
      },
      { timeout: 20_000 },
    )
    .toBe(3);
  await ws.getByLabel(/自动同步/).uncheck();
  await expect.poll(() => env.h.worker().evaluate(async () => !!(await chrome.alarms.get('jimeng-sync')))).toBe(false);
});
