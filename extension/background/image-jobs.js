// @ts-check
// Jobs made from images: a generation with reference images, an upscale (超清) of one of our results, and the
// right-click "generate from this image" on any page.
import { startJob } from './engine.js';
import { buildSubmit } from './submit.js';
import { getJob } from './jobs.js';
import { placeholderUris, referencesOf, resolveReferences } from './uploads.js';
import { addNotice, showTracker } from './trackers.js';
import { draftReferences, putFile, setDraftReferences } from '../shared/references.js';
import { t } from '../shared/job-text.js';

/**
 * A compose form's job: everything the core can judge (prompt, model, the number of references) is judged
 * before any upload, then the files, then the uploads; only then is the job stored and sent.
 * @param {Record<string, any>} input @param {object} origin
 */
export async function startWithReferences(input, origin) {
  const refs = referencesOf(input);
  if (!refs.length) return startJob({ ...input, references: undefined }, origin);
  const trial = await buildSubmit({ ...input, references: placeholderUris(refs) });
  if (!trial.ok) return trial;
  const resolved = await resolveReferences(refs);
  if (!resolved.ok) return resolved;
  return startJob({ ...input, references: resolved.references }, { ...origin, uploaded: resolved.uploaded });
}

/** 超清 (normal_hd) or 智能超清 (pro_hd) of one image of a job; the core refuses anything not finished. */
export async function upscaleImage(/** @type {string} */ submitId, /** @type {number} */ index, kind = 'normal_hd', origin = { from: 'popup' }) {
  const job = await getJob(submitId);
  if (!job) return { ok: false, error: { kind: 'invalid_input', code: 'no_job', message: 'no such job', retry: 'never' } };
  const image = job.images?.[index];
  const source = { state: job.phase, uri: image?.uri ?? '', width: image?.width ?? 0, height: image?.height ?? 0, model: job.job.model,
    submitId, index, prompt: job.job.prompt, ratio: job.job.ratio, seed: job.job.seed };
  return startJob({ upscale: { kind, source } }, { ...origin, parent: { submitId, index, preview: image?.preview ?? '', width: source.width, height: source.height } });
}

/** The bytes of an image on a page, read by the page itself (activeTab, granted by the menu click). */
async function readImageInPage(/** @type {number} */ tabId, /** @type {string} */ src) {
  const [result] = await chrome.scripting.executeScript({ target: { tabId }, args: [src], func: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { type: res.headers.get('content-type') ?? '', base64: new Uint8Array(await res.arrayBuffer()).toBase64() };
  } });
  return result?.result;
}

/** The same, from the worker: only works where the image's site allows cross-origin reads (CORS). */
async function readImageDirect(/** @type {string} */ src) {
  const res = await fetch(src, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { type: res.headers.get('content-type') ?? '', base64: new Uint8Array(await res.arrayBuffer()).toBase64() };
}

/**
 * Right-click on an image: it becomes the popup's reference (the popup opens with it, for a prompt). Its
 * upload starts at once, so the generate does not wait for it later.
 * @param {string} src @param {chrome.tabs.Tab | undefined} tab @param {() => Promise<void>} openPopup
 */
export async function generateFromImage(src, tab, openPopup) {
  let read = null;
  if (/^data:image\//.test(src)) read = { base64: src.slice(src.indexOf(',') + 1), type: src.slice(5, src.indexOf(';')) };
  if (!read && tab?.id !== undefined) read = await readImageInPage(tab.id, src).catch(() => null);
  if (!read) read = await readImageDirect(src).catch(() => null);
  if (!read) {
    if (tab?.id !== undefined) { await addNotice(tab.id, t('imageUnreadable')); await showTracker(tab.id); }
    return { ok: false, error: { kind: 'invalid_input', code: 'image_unreadable', message: t('imageUnreadable'), retry: 'never' } };
  }
  const fileId = await putFile(new Blob([Uint8Array.fromBase64(read.base64)], { type: read.type }), src.split(/[?#]/)[0].split('/').pop() ?? '');
  await setDraftReferences([...(await draftReferences()), { fileId }]);
  resolveReferences([{ fileId }]).catch(() => {});  // warms the upload cache; errors show at generate
  await openPopup();
  return { ok: true, fileId };
}
