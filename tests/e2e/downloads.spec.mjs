// 下载原图 / 备份新作品: the download manager saves an imported archive to disk, a few files at a time, each once,
// through a worker kill, a browser restart and links that expired; later backups fetch only what is new.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { harness, useStandin, openWorkspace } from './harness.mjs';
import { screenshotPath } from './browser.mjs';

const env = useStandin(test);
const TEMPLATE = 'jimeng/{kind}/{model}/{prompt}-{id}-{index}.{ext}';
const run = (page) => page.evaluate(async () => (await chrome.storage.local.get('downloadRun')).downloadRun);
const importState = (page) =>
  page.evaluate(async () => (await chrome.storage.local.get('archiveImport')).archiveImport);
/** The manager's file records (IndexedDB), without its run record. */
const files = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('jimeng-helper');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      const all = await new Promise((resolve) => {
        const q = db.transaction('files').objectStore('files').getAll();
        q.onsuccess = () => resolve(q.result);
      });
      return all.filter((f) => f.state);
    } finally {
      db.close();
    }
  });
async function importAll(ws, name) {
  const before = (await importState(ws))?.startedAt;
  await ws.getByRole('button', { name }).click();
  await expect
    .poll(
      async () => {
        const s = await importState(ws);
        return s?.startedAt !== before && s?.state;
      },
      { timeout: 30_000 },
    )
    .toBe('done');
}
const untilSaved = (page, n, timeout = 90_000) =>
  expect.poll(async () => (await run(page))?.saved ?? 0, { timeout }).toBeGreaterThanOrEqual(n);

test('下载原图 saves 300+ past files once each under the template, through a worker kill, a browser restart and expired links; 备份新作品 then saves 0, and 5 after 5 new jobs', async () => {
  test.setTimeout(240_000);
  env.standin.control.seedPastWork({ count: 130, videoShare: 0.1, startAgoMs: 30 * 60_000, everyMs: 60_000 });
  env.h = await harness(env.standin);
  await env.h.send({ type: 'ui:settings', settings: { template: TEMPLATE } });
  let ws = await openWorkspace(env.h);
  await importAll(ws, '从即梦导入');
  // Links of the newest records still look fresh to the extension, but the image host's clock has gone past
  // them: those are refused and fetched again with new ones; the older ones are re-signed before they start.
  env.standin.control.advance({ ms: 80 * 60_000 });
  env.standin.control.mediaDelay({ ms: 120 });
  await ws.getByRole('button', { name: '下载原图' }).click();
  await expect(ws.locator('#workspace-status')).toContainText('已加入下载队列');
  const total = (await run(ws)).total;
  expect(total).toBeGreaterThanOrEqual(300);
  await expect(ws.locator('#download-text')).toContainText('正在下载原图');
  await untilSaved(ws, 40);
  await ws.screenshot({ path: screenshotPath('downloads-running-zh') });
  expect((await new AxeBuilder({ page: ws }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await env.h.stopWorker();
  await untilSaved(ws, 120);
  // The browser closes mid-run and opens again on the same profile: the run goes on where it was.
  const profile = env.h.userDataDir;
  await env.h.context.close();
  env.h = await harness(env.standin, { userDataDir: profile });
  ws = await openWorkspace(env.h);
  await expect.poll(async () => (await run(ws))?.state, { timeout: 120_000 }).toBe('done');
  const done = await run(ws);
  expect([done.saved, done.failures, done.total]).toEqual([total, 0, total]);
  await expect(ws.locator('#download-text')).toContainText(`下载完成：已保存 ${total} 个文件`);

  // Each file once: one saved record per uri, every name from the template and none twice.
  const saved = (await files(ws)).filter((f) => f.state === 'saved');
  expect(saved).toHaveLength(total);
  const names = saved.map((f) => f.name);
  expect(new Set(names).size).toBe(total);
  for (const name of names) expect(name).toMatch(/^jimeng\/(image\/[^/]+\/.+-\d\.png|video\/[^/]+\/.+-1\.mp4)$/);
  expect(names.filter((n) => n.startsWith('jimeng/video/Seedance 2.0/')).length).toBeGreaterThan(5);
  const completed = await ws.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length);
  expect(completed).toBe(total);
  expect(env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' }).length).toBeGreaterThan(0);

  // A backup now finds nothing new; after 5 new jobs it saves those 5 files.
  await ws.getByRole('button', { name: '备份新作品' }).click();
  await expect(ws.locator('#workspace-status')).toHaveText('没有需要下载的新文件');
  env.standin.control.seedPastWork({
    count: 5,
    videoShare: 0,
    imagesEach: 1,
    startAgoMs: 1000,
    everyMs: 10,
    from: 900,
  });
  await importAll(ws, '从即梦导入');
  await ws.getByRole('button', { name: '备份新作品' }).click();
  await expect(ws.locator('#workspace-status')).toHaveText('已加入下载队列：5 个文件');
  await expect.poll(async () => (await run(ws))?.state, { timeout: 30_000 }).toBe('done');
  expect([(await run(ws)).saved, (await run(ws)).total]).toEqual([5, 5]);
  expect((await files(ws)).filter((f) => f.state === 'saved')).toHaveLength(total + 5);
  await ws.screenshot({ path: screenshotPath('downloads-done-zh') });
});

test('Pause holds the downloads, Resume finishes them, and a file that cannot be saved is listed with its reason (English)', async () => {
  env.standin.control.seedPastWork({ count: 8, videoShare: 0, imagesEach: 2, startAgoMs: 10 * 60_000 });
  env.h = await harness(env.standin, { locale: 'en-US' });
  const ws = await openWorkspace(env.h);
  await importAll(ws, 'Import from Jimeng');
  env.standin.control.mediaDelay({ ms: 2500 });
  await ws.getByRole('button', { name: 'Download originals' }).click();
  await ws.getByRole('button', { name: 'Pause' }).click();
  await expect(ws.locator('#download-text')).toContainText('Paused: 0 of 16');
  // While paused, one of the jobs is deleted on Jimeng's side: its files cannot be saved any more.
  const line = await files(ws);
  const victim = line.findLast((f) => line.every((g) => g.submitId !== f.submitId || g.state === 'waiting'));
  env.standin.control.removeTask({ submitId: victim.submitId });
  env.standin.control.mediaDelay({ ms: 0 });
  await ws.screenshot({ path: screenshotPath('downloads-paused-en') });
  expect((await new AxeBuilder({ page: ws }).analyze()).violations.map((v) => v.id)).toEqual([]);
  // The browser's downloads (files claimed to go next are on disk as downloading, but not started).
  const startedWhilePaused = await env.h.worker().evaluate(async () => (await chrome.downloads.search({})).length);
  expect(startedWhilePaused).toBeLessThanOrEqual(3);
  await ws.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(async () => (await run(ws))?.state, { timeout: 30_000 }).toBe('done');
  const end = await run(ws);
  expect([end.saved, end.failures]).toEqual([14, 2]);
  await expect(ws.locator('#download-failures-title')).toHaveText('2 files failed');
  await ws.locator('#download-failures-title').click();
  await expect(ws.locator('#download-failure-list li')).toHaveCount(2);
  await expect(ws.locator('#download-failure-list li').first()).toContainText(
    /Jimeng gave no new link|the file is not on the server/,
  );
  await expect(ws.getByRole('button', { name: 'Retry failed files' })).toBeVisible();
  await ws.screenshot({ path: screenshotPath('downloads-failed-en') });
  expect((await new AxeBuilder({ page: ws }).analyze()).violations.map((v) => v.id)).toEqual([]);
});
