// History at scale: the IndexedDB job store, the v0.1 migration, and views that get changes, not the world.
import { test, expect } from '@playwright/test';
import { harness, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);
const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });

/** A v0.1 job record, as that version stored it in chrome.storage.local under `jobs`. */
function v01Job(submitId, prompt, phase, extra = {}) {
  const createdAt = Date.now() - 3600_000;
  return {
    submitId,
    createdAt,
    updatedAt: createdAt,
    phase,
    announced: phase === 'done' || phase === 'failed',
    input: { prompt, count: 1 },
    origin: { from: 'popup' },
    job: {
      submitId,
      prompt,
      negativePrompt: '',
      model: 'high_aes_general_v40',
      modelName: '图片 4.0',
      ratio: 1,
      ratioLabel: '1:1',
      intelligentRatio: false,
      resolution: '2k',
      width: 2048,
      height: 2048,
      count: 1,
      seed: 42,
      sampleStrength: 0.5,
    },
    ...extra,
  };
}

test('jobs left by v0.1 are all moved into the new store, and the one still running finishes', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  const ids = [
    'a0000000-0000-4000-8000-000000000001',
    'a0000000-0000-4000-8000-000000000002',
    'a0000000-0000-4000-8000-000000000003',
  ];
  const old = {
    [ids[0]]: v01Job(ids[0], '旧版本完成的任务', 'done', {
      total: 1,
      finished: 1,
      images: [
        {
          url: 'https://p3-dreamina-sign.byteimg.com/x.png',
          preview: 'https://p3-dreamina-sign.byteimg.com/x.png',
          uri: 'tos-cn-i-x/x',
          width: 2048,
          height: 2048,
          format: 'png',
          expiresAt: 0,
        },
      ],
    }),
    [ids[1]]: v01Job(ids[1], '旧版本失败的任务', 'failed', {
      error: { kind: 'content_rejected', code: '2038', message: 'rejected', retry: 'never' },
    }),
    // Stored, never sent: v0.1 writes a job before its submit, so a stop right there leaves exactly this.
    [ids[2]]: v01Job(ids[2], '旧版本进行中的任务', 'submitting'),
  };
  await popup.evaluate((jobs) => chrome.storage.local.set({ jobs }), old);
  // The next worker start migrates: stop this one; the popup's port wakes a new one.
  await env.h.stopWorker();
  await expect
    .poll(async () => Object.keys(await readJobs(popup)).sort(), { timeout: 20_000 })
    .toEqual([...ids].sort());
  await expect.poll(() => popup.evaluate(async () => (await chrome.storage.local.get('jobs')).jobs ?? null)).toBeNull();
  const jobs = await readJobs(popup);
  expect(jobs[ids[0]]).toMatchObject({ phase: 'done', images: old[ids[0]].images, job: old[ids[0]].job });
  expect(jobs[ids[1]]).toMatchObject({ phase: 'failed', error: old[ids[1]].error });
  const done = await env.h.waitFor(ids[2], (j) => j.phase === 'done');
  expect(done.images).toHaveLength(1);
  expect(generates().filter((r) => JSON.parse(r.body).submit_id === ids[2])).toHaveLength(1);
  expect(env.standin.control.ledger().filter((r) => r.submit_id === ids[2])).toHaveLength(1);
  // The popup lists all three.
  await popup.reload();
  await expect(popup.locator('.job')).toHaveCount(3);
  for (const id of ids) await expect(popup.locator(`.job[data-submit-id="${id}"]`)).toBeVisible();
});

test('the popup shows running jobs and the 20 newest finished ones, and redraws only the job that changed', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  // 30 finished jobs from an earlier version, then one fresh job.
  const old = {};
  for (let i = 0; i < 30; i++) {
    const id = `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    old[id] = v01Job(id, `历史任务 ${i}`, 'failed', {
      createdAt: Date.now() - (100 - i) * 60_000,
      error: { kind: 'server_error', code: '30', message: 'x', retry: 'never' },
    });
  }
  await popup.evaluate((jobs) => chrome.storage.local.set({ jobs }), old);
  await env.h.stopWorker();
  await expect.poll(async () => Object.keys(await readJobs(popup)).length, { timeout: 20_000 }).toBe(30);
  await popup.reload();
  await expect(popup.locator('.job')).toHaveCount(20);
  await expect(popup.locator('.job .prompt').first()).toHaveText('历史任务 29');
  // Mark every drawn item; a fresh job must come in without the others being redrawn.
  await popup.evaluate(() => {
    for (const li of document.querySelectorAll('.job')) li.dataset.mark = '1';
  });
  const r = await env.h.submit({ prompt: '新的任务', count: 1 });
  await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  const fresh = popup.locator(`.job[data-submit-id="${r.job.submitId}"]`);
  await expect(fresh).toHaveAttribute('data-state', 'done');
  await expect(popup.locator('.job').first()).toHaveAttribute('data-submit-id', r.job.submitId);
  await expect(popup.locator('.job')).toHaveCount(20); // the oldest finished one left the popup
  expect(await popup.locator('.job[data-mark="1"]').count()).toBe(19);
});

const HOUR = 3600_000;
/** A finished job whose full-size links are about to expire (the service's clock is 2 h behind ours). */
async function jobWithExpiredLinks(prompt) {
  env.standin.control.advance({ ms: -2 * HOUR });
  const { job } = await env.h.submit({ prompt, count: 1 });
  return env.h.waitFor(job.submitId, (j) => j.phase === 'done');
}
const resigns = () => env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' });

/** The page a click opened, once it has loaded: its URL and whether it shows an image. */
async function openedImage(context, click) {
  const [page] = await Promise.all([context.waitForEvent('page'), click()]);
  await page.waitForLoadState();
  // An image opened as a document: its type, and whether the picture decoded (an error page has neither).
  const shown = await page.evaluate(() => ({
    type: document.contentType,
    width: document.images[0]?.naturalWidth ?? 0,
  }));
  return { url: page.url(), ...shown };
}

test('an original whose link expired opens from the popup (re-signed first), not as an error page', async () => {
  env.h = await harness(env.standin);
  const job = await jobWithExpiredLinks('过期原图 弹窗');
  await env.h.popup.reload();
  const link = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"] .thumbs a`).first();
  const opened = await openedImage(env.h.context, () => link.click());
  expect(resigns()).toHaveLength(1);
  expect(opened.url).not.toBe(job.images[0].url);
  expect(opened.type).toBe('image/png');
  expect(opened.width).toBeGreaterThan(0);
});

test('an original whose link expired opens from the in-page tracker too', async () => {
  const { trackerProbe } = await import('./tracker-probe.mjs');
  env.h = await harness(env.standin);
  const job = await jobWithExpiredLinks('过期原图 页内');
  const probe = await trackerProbe(env.h.jimeng);
  await expect
    .poll(async () => (await probe.read())?.jobs.find((j) => j.submitId === job.submitId)?.images ?? 0, {
      timeout: 15_000,
    })
    .toBe(1);
  const opened = await openedImage(env.h.context, () =>
    probe.click(`.job[data-submit-id="${job.submitId}"] .thumbs a`),
  );
  expect(resigns()).toHaveLength(1);
  expect(opened.type).toBe('image/png');
  expect(opened.width).toBeGreaterThan(0);
});

test('a full disk: the new job is refused with a clear message and not sent; the running job is not lost', async () => {
  const { execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  // The browser profile on a small disk of its own (a tmpfs; these tests run as root, as CI does).
  const dir = fs.mkdtempSync('/tmp/jimeng-full-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200m', 'tmpfs', dir]);
  try {
    env.h = await harness(env.standin, { userDataDir: dir });
    env.standin.control.timings({ queueMs: 8_000 });
    const running = await env.h.submit({ prompt: '磁盘写满前的任务', count: 1 });
    await env.h.waitFor(running.job.submitId, (j) => j.phase === 'queued');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${dir}/filler`, 'bs=1M', 'count=400'], { stdio: 'ignore' });
    } catch {
      /* fills the disk, then fails */
    }
    // The store's log file may still have room in its last page for a small record; a write of a few MB by
    // this origin (another database, same backing store) takes it, as any ordinary use of the disk would.
    const filled = await env.h.popup.evaluate(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open('filler');
          open.onupgradeneeded = () => open.result.createObjectStore('x');
          open.onerror = () => resolve('refused at open');
          open.onsuccess = () => {
            const tx = open.result.transaction('x', 'readwrite', { durability: 'strict' });
            tx.objectStore('x').put(
              new Uint8Array(4 << 20).map((_, i) => i * 7),
              'big',
            );
            tx.oncomplete = () => resolve('stored');
            tx.onabort = () => resolve(`refused: ${tx.error?.name}`);
          };
        }),
    );
    expect(filled).toMatch(/^refused/);
    const sent = generates().length;
    const { popup } = env.h;
    await popup.getByLabel('提示词').fill('磁盘满了还能提交吗');
    await popup.getByRole('button', { name: '生成' }).click();
    await expect(popup.locator('#form-error')).toContainText('磁盘已满');
    expect(generates()).toHaveLength(sent);
    // Space comes back: the running job finishes, and a new job goes through.
    fs.rmSync(`${dir}/filler`);
    await env.h.waitFor(running.job.submitId, (j) => j.phase === 'done', 30_000);
    const after = await env.h.submit({ prompt: '空间恢复后的任务', count: 1 });
    expect(after.ok).toBe(true);
    await env.h.waitFor(after.job.submitId, (j) => j.phase === 'done');
    expect(env.standin.control.ledger().filter((r) => r.submit_id === running.job.submitId)).toHaveLength(1);
  } finally {
    await env.h?.context.close();
    env.h = null;
    execFileSync('umount', ['-l', dir]);
  }
});
