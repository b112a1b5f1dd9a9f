// Smaller defects of issue 34, each as a user meets it: a Start asked twice at once, a reference removed after
// the list changed, an error answer to a selection's export or delete, a video whose link was refused, and an
// import started right after Cancel.
import { test, expect } from '@playwright/test';
import { harness, readJobs, useStandin, openWorkspace } from './harness.mjs';

const env = useStandin(test);
const LIST = '/mweb/v1/get_asset_list';
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('Start asked twice at once (a double click, a view that resends) makes one batch', async () => {
  env.h = await harness(env.standin);
  const msg = {
    type: 'ui:batch-start',
    input: { format: 'lines', text: '灯塔 晨雾\n山中小屋' },
    concurrency: 2,
    gapMs: 0,
  };
  const [a, b] = await Promise.all([env.h.send(msg), env.h.send(msg)]);
  expect(a.ok && b.ok).toBe(true);
  expect(a.batch.id).toBe(b.batch.id);
  const rows = Object.values(await readJobs(env.h.popup)).filter((j) => j.batchId);
  expect(rows).toHaveLength(2);
  expect(new Set(rows.map((j) => j.batchId)).size).toBe(1);
});

test("removing a reference after the list changed elsewhere removes that one, and keeps the others' files", async () => {
  env.h = await harness(env.standin);
  const popup = env.h.popup;
  await popup
    .locator('#reference-file')
    .setInputFiles(['a.png', 'b.png'].map((name) => ({ name, mimeType: 'image/png', buffer: PIXEL })));
  await expect(popup.locator('#reference-list img')).toHaveCount(2);
  const removeB = await popup.locator('#reference-list li').nth(1).getByRole('button').elementHandle();
  // Another view puts one of our results first meanwhile; the button drawn for "b" is clicked before the redraw.
  await popup.evaluate(async () => {
    const refs = (await chrome.storage.session.get('draftReferences')).draftReferences;
    await chrome.storage.session.set({
      draftReferences: [{ uri: 'tos-cn-i-tb4s082cfz/ours', preview: '', width: 1, height: 1 }, ...refs],
    });
  });
  await removeB.evaluate((b) => b.click());
  await expect
    .poll(async () =>
      (await popup.evaluate(async () => (await chrome.storage.session.get('draftReferences')).draftReferences)).map(
        (r) => r.name ?? r.uri,
      ),
    )
    .toEqual(['tos-cn-i-tb4s082cfz/ours', 'a.png']);
});

test("an error answer to a selection's export or delete is said on the status line, and the selection stays", async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '导出失败', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const ws = await openWorkspace(env.h);
  await ws.locator('.cell').first().waitFor();
  // The worker answers these two with an error (a full disk, say).
  await ws.evaluate(() => {
    const real = chrome.runtime.sendMessage.bind(chrome.runtime);
    // @ts-ignore
    chrome.runtime.sendMessage = (m) =>
      m?.type === 'ui:export-rows' || m?.type === 'ui:remove-many'
        ? Promise.resolve({
            ok: false,
            error: { kind: 'server_error', code: 'disk_full', message: 'disk full', retry: 'later' },
          })
        : real(m);
    window.confirm = () => true;
  });
  await ws
    .locator('.cell')
    .first()
    .click({ modifiers: ['Control'] });
  await ws.locator('#export-csv').click();
  await expect(ws.locator('#workspace-status')).toContainText('磁盘');
  await ws.evaluate(() => {
    document.getElementById('workspace-status').textContent = '';
  });
  await ws.locator('#delete-selected').click();
  await expect(ws.locator('#workspace-status')).toContainText('磁盘');
  expect(Object.keys(await env.h.jobs())).toContain(job.submitId);
});

test('a video whose link was refused opens no empty tab', async () => {
  test.setTimeout(90_000);
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({
    prompt: '被拒的链接',
    model: 'dreamina_seedance_40_pro',
    video: { durationS: 5 },
  });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  // The core passes on only Jimeng's media hosts: a link it refused is stored empty.
  await env.h.popup.evaluate(async (id) => {
    const db = await new Promise((resolve) => {
      const r = indexedDB.open('jimeng-helper');
      r.onsuccess = () => resolve(r.result);
    });
    const tx = db.transaction('jobs', 'readwrite');
    const store = tx.objectStore('jobs');
    const j = await new Promise((resolve) => {
      const q = store.get(id);
      q.onsuccess = () => resolve(q.result);
    });
    j.videos = j.videos.map((v) => ({ ...v, url: '', vid: '' }));
    store.put(j);
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
  }, job.submitId);
  const pages = env.h.context.pages().length;
  await env.h.worker().evaluate((id) => self.jimeng.notificationButton(id, 0), `job:${job.submitId}`);
  await env.h.popup.waitForTimeout(1_000);
  expect(env.h.context.pages().length).toBe(pages);
});

test('an import started right after Cancel goes on at once', async () => {
  env.standin.control.seedPastWork({ count: 400, videoShare: 0 });
  env.h = await harness(env.standin);
  const ws = await openWorkspace(env.h);
  await ws.getByRole('button', { name: '从即梦导入' }).click();
  await expect.poll(() => env.standin.control.requests({ path: LIST }).length).toBeGreaterThanOrEqual(2);
  // Cancelled while a page is on its way (Jimeng holds its answer 3 s), then started again at once.
  env.standin.control.fault({ path: LIST, holdMs: 3_000 });
  await expect.poll(() => env.standin.control.requests({ path: LIST }).at(-1)?.answeredAt === undefined).toBe(true);
  await ws.locator('#import-cancel').click();
  await expect
    .poll(
      async () =>
        (await ws.evaluate(async () => (await chrome.storage.local.get('archiveImport')).archiveImport)).state,
    )
    .toBe('cancelled');
  const before = env.standin.control.requests({ path: LIST }).length;
  await ws.getByRole('button', { name: '从即梦导入' }).click();
  await expect
    .poll(() => env.standin.control.requests({ path: LIST }).length, { timeout: 8_000 })
    .toBeGreaterThanOrEqual(before + 2);
});
