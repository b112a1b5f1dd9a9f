// When a job ends: a notification, and the originals downloaded under names from the user's template,
// re-signing image links that expired.
import { test, expect } from '@playwright/test';
import { harness, useStandin } from './harness.mjs';

const env = useStandin(test);
const HOUR = 3_600_000;

/** Records what the worker asks the notifications API to show (the platform's own UI is not inspectable). */
const recordNotifications = () =>
  env.h.worker().evaluate(() => {
    self.shownNotifications = [];
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id, options) => {
      self.shownNotifications.push({ id, ...options });
      return create(id, options);
    };
  });
const shown = () => env.h.worker().evaluate(() => self.shownNotifications);
const downloads = (ids) =>
  env.h.popup.evaluate((list) => Promise.all(list.map((id) => chrome.downloads.search({ id }).then((r) => r[0]))), ids);

async function settle(ids, timeout = 20_000) {
  for (const start = Date.now(); Date.now() - start < timeout;) {
    const items = await downloads(ids);
    if (items.every((d) => d && d.state !== 'in_progress')) return items;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('downloads did not finish');
}

test('a finished job raises a notification with its first image; a failed one says why', async () => {
  env.h = await harness(env.standin);
  await recordNotifications();
  const ok = await env.h.submit({ prompt: '<b>灯塔</b> 与海', count: 2 });
  const bad = await env.h.submit({ prompt: '这里有违禁词', count: 1 });
  await env.h.waitFor(ok.job.submitId, (j) => j.phase === 'done');
  await env.h.waitFor(bad.job.submitId, (j) => j.phase === 'failed');
  const byId = async () => Object.fromEntries((await shown()).map((n) => [n.id, n]));
  for (const start = Date.now(); Object.keys(await byId()).length < 2 && Date.now() - start < 10_000;)
    await new Promise((r) => setTimeout(r, 200));
  const n = await byId();
  expect(n[`job:${ok.job.submitId}`]).toMatchObject({
    title: '即梦生成完成',
    message: '<b>灯塔</b> 与海',
    contextMessage: '2 张图片',
    type: 'image',
  });
  expect(n[`job:${ok.job.submitId}`].imageUrl).toMatch(/^data:image\/png;base64,/);
  expect(n[`job:${bad.job.submitId}`]).toMatchObject({ title: '即梦生成失败', type: 'basic' });
  expect(n[`job:${bad.job.submitId}`].contextMessage).toContain('审核');
  const listed = () => env.h.worker().evaluate(() => chrome.notifications.getAll());
  for (const start = Date.now(); !(await listed())[`job:${ok.job.submitId}`] && Date.now() - start < 10_000;)
    await new Promise((r) => setTimeout(r, 200));
  expect(await listed()).toHaveProperty(`job:${ok.job.submitId}`);
});

test('"download all" saves every original under safe names from the template', async () => {
  env.h = await harness(env.standin);
  await env.h.send({ type: 'ui:settings', settings: { template: '即梦/{prompt}/{seed}-{index}.{ext}' } });
  const { job } = await env.h.submit({ prompt: '../x <script>:*?"| 猫', count: 2, seed: 77 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const r = await env.h.send({ type: 'ui:download', submitId: job.submitId });
  expect(r.ok).toBe(true);
  expect(r.files.map((f) => f.name)).toEqual([
    '即梦/_x _script______ 猫/77-1.png',
    '即梦/_x _script______ 猫/77-2.png',
  ]);
  const items = await settle(r.files.map((f) => f.downloadId));
  expect(items.map((d) => d.state)).toEqual(['complete', 'complete']);
  expect(items.every((d) => d.fileSize > 1000 && d.mime === 'image/png')).toBe(true);
  expect(env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' })).toHaveLength(0); // links were fresh
});

test('image links that have expired are re-signed before downloading', async () => {
  env.standin.control.advance({ ms: -2 * HOUR }); // the service's clock is behind: its links expire sooner
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '过期的链接', count: 2 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const r = await env.h.send({ type: 'ui:download', submitId: job.submitId });
  expect(env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' })).toHaveLength(1);
  expect((await settle(r.files.map((f) => f.downloadId))).map((d) => d.state)).toEqual(['complete', 'complete']);
});

test('a download the image host refuses as expired is re-signed and completes', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '时钟不一致', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  env.standin.control.advance({ ms: 3 * HOUR }); // now the host says the link has expired
  const r = await env.h.send({ type: 'ui:download', submitId: job.submitId });
  const [first] = await settle([r.files[0].downloadId]);
  expect(first.state).toBe('interrupted');
  for (const start = Date.now(); Date.now() - start < 15_000;) {
    const done = await env.h.popup.evaluate(() => chrome.downloads.search({ state: 'complete' }));
    if (done.length === 1) {
      expect(done[0].fileSize).toBeGreaterThan(1000);
      break;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  const all = await env.h.popup.evaluate(() => chrome.downloads.search({}));
  expect(all.map((d) => [d.state, d.error ?? ''])).toEqual([
    ['complete', ''],
    ['interrupted', 'SERVER_FORBIDDEN'],
  ]);
  expect(env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' })).toHaveLength(1);
});

test('with auto-download on, a finished job downloads by itself, once', async () => {
  env.h = await harness(env.standin);
  await env.h.send({ type: 'ui:settings', settings: { autoDownload: true } });
  const { job } = await env.h.submit({ prompt: '自动下载', count: 2 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  let found = [];
  for (
    const start = Date.now();
    found.length < 2 && Date.now() - start < 15_000;
    await new Promise((r) => setTimeout(r, 250))
  )
    found = await env.h.popup.evaluate(() => chrome.downloads.search({ state: 'complete' }));
  expect(found).toHaveLength(2);
  await env.h.stopWorker();
  await new Promise((r) => setTimeout(r, 3000));
  expect(await env.h.popup.evaluate(() => chrome.downloads.search({}))).toHaveLength(2);
});

test('a click on the notification opens the popup on that job; the shortcuts are registered', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '点击通知', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  await env.h.worker().evaluate((id) => self.jimeng.openJob(id), job.submitId);
  const focused = () =>
    env.h.popup.evaluate(
      () => chrome.extension.getViews({ type: 'popup' })[0]?.document.querySelector('.job.focus')?.dataset.submitId,
    );
  await expect.poll(focused).toBe(job.submitId);
  const commands = await env.h.worker().evaluate(() => chrome.commands.getAll());
  expect(Object.fromEntries(commands.map((c) => [c.name, c.shortcut]))).toEqual({
    _execute_action: 'Alt+Shift+J',
    'generate-selection': 'Alt+Shift+G',
  });
});

test('the settings panel keeps auto-download and the template, and explains a template it cannot use', async () => {
  env.h = await harness(env.standin);
  const popup = env.h.popup;
  await popup.getByText('设置').click();
  await popup.getByLabel('完成后自动下载原图').check();
  await popup.getByLabel('文件名模板').fill('即梦/{date}/{prompt}-{index}.{ext}');
  await popup.getByLabel('文件名模板').blur();
  await expect(popup.locator('#settings-status')).toHaveText('已保存');
  await popup.getByLabel('文件名模板').fill('{prompt}-{作者}.{ext}');
  await popup.getByLabel('文件名模板').blur();
  await expect(popup.locator('#settings-status')).toContainText('作者');
  await expect(popup.getByLabel('文件名模板')).toHaveAttribute('aria-invalid', 'true');
  const { settings } = await popup.evaluate(() => chrome.storage.local.get('settings'));
  expect(settings).toMatchObject({ autoDownload: true, template: '即梦/{date}/{prompt}-{index}.{ext}' });
});
