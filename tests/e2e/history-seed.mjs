// A believable history for workspace tests: past work the stand-in really holds (its images load and can be
// re-signed), handed to the extension the way v0.1 left it, so the real migration brings it in.
import { expect } from '@playwright/test';
import { readJobs } from './harness.mjs';
import { CARDS, STORE, cardOf, withIndexFields } from '../../extension/shared/job-store.js';

const SUBJECTS = [
  '雨夜里的灯塔',
  '一只橘猫在窗台上',
  'a fox in the snow',
  '江南小镇的清晨',
  '赛博朋克城市夜景',
  'portrait of an old sailor',
  '樱花树下的少女',
  '沙漠中的骆驼商队',
];
export const MODELS = [
  ['high_aes_general_v40', '图片 4.0'],
  ['high_aes_general_v50', '图片 5.0 Lite'],
  ['high_aes_general_v30l:general_v3.0_18b', '图片 3.0'],
];
const DAY = 86_400_000;

/** The i-th job of a seeded history: what it is, without its images. */
export function plannedJob(i) {
  const [model, modelName] = MODELS[i % MODELS.length];
  return {
    submitId: `d${String(i).padStart(7, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    prompt: `${SUBJECTS[i % SUBJECTS.length]}，第 ${i} 号`,
    model,
    modelName,
    count: 1 + (i % 4),
    seed: 5000 + i,
    agoMs: (i + 1) * (DAY / 10),
    failed: i % 17 === 5,
    favourite: i % 11 === 3,
  };
}

function v01Job(p, made, now) {
  const images = made?.images ?? [];
  const createdAt = now - p.agoMs;
  const expiresAt = (url) => Number(new URL(url).searchParams.get('x-expires')) || 0;
  return {
    submitId: p.submitId,
    createdAt,
    updatedAt: createdAt,
    phase: p.failed ? 'failed' : 'done',
    announced: true,
    historyId: made?.historyId,
    favourite: p.favourite,
    total: p.count,
    finished: p.failed ? 0 : p.count,
    images: p.failed ? [] : images.map((im) => ({ ...im, format: 'png', expiresAt: expiresAt(im.url) })),
    ...(p.failed
      ? { error: { kind: 'content_rejected', code: '2038', message: 'rejected by content moderation', retry: 'never' } }
      : {}),
    input: { prompt: p.prompt, model: p.model, count: p.count, ratio: '1:1', resolution: '2k', seed: p.seed },
    origin: { from: 'popup' },
    job: {
      submitId: p.submitId,
      prompt: p.prompt,
      negativePrompt: '',
      model: p.model,
      modelName: p.modelName,
      ratio: 1,
      ratioLabel: '1:1',
      intelligentRatio: false,
      resolution: '2k',
      width: 2048,
      height: 2048,
      count: p.count,
      seed: p.seed,
      sampleStrength: 0.5,
    },
  };
}

const CHUNK = 10_000;

/**
 * Seeds past jobs `from`..`n - 1` through the v0.1 migration (a v0.1 map of at most 10,000 jobs at a time,
 * each moved in by a fresh worker) and waits until each chunk has been moved.
 */
export async function seedHistory(h, standin, n, { previewTtlS, from = 0 } = {}) {
  const planned = Array.from({ length: n - from }, (_, i) => plannedJob(from + i));
  const now = Date.now();
  for (let start = 0; start < planned.length; start += CHUNK) {
    const chunk = planned.slice(start, start + CHUNK);
    const made = standin.control.pastWork({
      items: chunk.filter((p) => !p.failed),
      ...(previewTtlS === undefined ? {} : { previewTtlS }),
    });
    const madeById = new Map(made.map((m) => [m.submitId, m]));
    const jobs = Object.fromEntries(chunk.map((p) => [p.submitId, v01Job(p, madeById.get(p.submitId), now)]));
    await h.popup.evaluate((j) => chrome.storage.local.set({ jobs: j }), jobs);
    await h.stopWorker();
    await h.send({ type: 'ui:settings' }); // wakes a new worker, which migrates first
    await expect
      .poll(() => h.popup.evaluate(async () => (await chrome.storage.local.get('jobs')).jobs === undefined), {
        timeout: 300_000,
      })
      .toBe(true);
  }
  if (n <= 1000)
    await expect
      .poll(async () => Object.keys(await readJobs(h.popup)).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(n);
  return { planned };
}

/** How many gallery cells a set of planned jobs makes (one per image; one for a job without images). */
export const cellsOf = (planned) => planned.reduce((sum, p) => sum + (p.failed ? 1 : p.count), 0);

/**
 * Seeds past jobs `from`..`n - 1` as the worker itself stores jobs (a native history, no v0.1 map): each record and
 * its card made by the extension's own store functions, written straight into its database from an extension page.
 */
export async function seedNativeHistory(h, standin, n, { from = 0 } = {}) {
  const planned = Array.from({ length: n - from }, (_, i) => plannedJob(from + i));
  const now = Date.now();
  await expect
    .poll(() => h.popup.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'jimeng-helper')))
    .toBe(true);
  for (let start = 0; start < planned.length; start += 2_000) {
    const chunk = planned.slice(start, start + 2_000);
    const made = new Map(
      standin.control.pastWork({ items: chunk.filter((p) => !p.failed) }).map((m) => [m.submitId, m]),
    );
    const records = chunk.map((p) => withIndexFields(v01Job(p, made.get(p.submitId), now)));
    await h.popup.evaluate(
      async ([jobs, cards, names]) => {
        const db = await new Promise((resolve, reject) => {
          const r = indexedDB.open('jimeng-helper');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const tx = db.transaction(names, 'readwrite');
        for (const j of jobs) tx.objectStore(names[0]).put(j);
        for (const c of cards) tx.objectStore(names[1]).put(c);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      [records, records.map(cardOf), [STORE, CARDS]],
    );
  }
  return { planned };
}
