// @ts-check
// Jobs made from images: a generation with reference images, an upscale (超清) of one of our results, and the
// right-click "generate from this image" on any page.
import { startJob } from './engine.js';
import { buildSubmit } from './submit.js';
import { getJob } from './jobs.js';
import { actionId, onceAtATime } from './once.js';
import { placeholderUris, referencesOf, resolveReferences } from './uploads.js';
import { addNotice, showTracker } from '../pages/trackers.js';
import { draftReferences, putFile, setDraftReferences } from '../../shared/references.js';
import { describeError, t } from '../../shared/job-text.js';
import { core } from '../pages/core-instance.js';
import { currentSite } from '../pages/session.js';
import { siteId } from '../../shared/site.js';

/**
 * A compose form's job: everything the core can judge (prompt, model, the number of references) is judged
 * before any upload, then the files, then the uploads; only then is the job stored and sent.
 * @param {Record<string, any>} input @param {object} origin
 */
export function startWithReferences(input, origin) {
  const id = typeof input?.submitId === 'string' ? input.submitId : crypto.randomUUID();
  return onceAtATime(`submit:${id}`, () => startComposed({ ...input, submitId: id }, origin));
}
async function startComposed(/** @type {Record<string, any>} */ input, /** @type {object} */ origin) {
  const existing = await getJob(input.submitId);
  if (existing) return { ok: true, job: existing, existing: true }; // sent twice: nothing is uploaded again
  const refs = referencesOf(input);
  if (!refs.length) return startJob({ ...input, references: undefined }, origin);
  // The site is chosen before anything is uploaded: the references go to its ImageX.
  input = { ...input, site: input.site ?? (await currentSite()) };
  const trial = await buildSubmit({ ...input, references: placeholderUris(refs) });
  if (!trial.ok) return trial;
  const resolved = await resolveReferences(refs, input.site);
  if (!resolved.ok) return resolved;
  return startJob({ ...input, references: resolved.references }, { ...origin, uploaded: resolved.uploaded });
}

/**
 * 超清 (normal_hd) or 智能超清 (pro_hd) of one image of a job; the core refuses anything not finished. The same
 * image and kind asked for again (from any view, however often) is the same child job, until it fails: then the
 * next click makes a new one.
 */
export function upscaleImage(
  /** @type {string} */ submitId,
  /** @type {number} */ index,
  kind = 'normal_hd',
  /** @type {import('./jobs.js').JobOrigin} */ origin = { from: 'popup' },
) {
  return onceAtATime(`upscale:${submitId}:${index}:${kind}`, () => startUpscale(submitId, index, kind, origin));
}
async function startUpscale(
  /** @type {string} */ submitId,
  /** @type {number} */ index,
  /** @type {string} */ kind,
  /** @type {object} */ origin,
) {
  const job = await getJob(submitId);
  if (!job)
    return { ok: false, error: { kind: 'invalid_input', code: 'no_job', message: 'no such job', retry: 'never' } };
  const image = job.images?.[index];
  const source = {
    state: job.phase,
    uri: image?.uri ?? '',
    width: image?.width ?? 0,
    height: image?.height ?? 0,
    model: job.job.model,
    submitId,
    index,
    prompt: job.job.prompt,
    ratio: job.job.ratio,
    seed: job.job.seed,
  };
  const childId = await actionId(getJob, 'upscale', submitId, index, { kind });
  return startJob(
    { upscale: { kind, source }, submitId: childId, site: siteId(job.site) },
    {
      ...origin,
      parent: { submitId, index, preview: image?.preview ?? '', width: source.width, height: source.height },
    },
  );
}

// What ImageX takes at most (the core's kMaxImageBytes): an image larger than this is not read past it.
const MAX_IMAGE_BYTES = 20 << 20;

/**
 * An image's bytes, read at most to `max` + 1: a larger one is refused by its stated length before its body is
 * read, or once the bytes read pass `max` (a length not stated, or wrong). Runs in the page (executeScript: it
 * uses nothing from outside itself) and in the worker.
 * @param {string} url @param {number} max @param {RequestInit} init
 * @returns {Promise<{type: string, base64: string} | {tooLarge: true}>}
 */
async function fetchCapped(url, max, init) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const type = res.headers.get('content-type') ?? '';
  if (Number(res.headers.get('content-length')) > max) {
    res.body?.cancel();
    return { tooLarge: true };
  }
  const reader = /** @type {ReadableStream<Uint8Array>} */ (res.body).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel();
      return { tooLarge: true };
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { type, base64: bytes.toBase64() };
}

/** The bytes of an image on a page, read by the page itself (activeTab, granted by the menu click). */
async function readImageInPage(/** @type {number} */ tabId, /** @type {string} */ src) {
  const [result] = await chrome.scripting.executeScript({
    target: { tabId },
    args: [src, MAX_IMAGE_BYTES, {}],
    func: fetchCapped,
  });
  return result?.result;
}

/** The same, from the worker: only works where the image's site allows cross-origin reads (CORS). */
const readImageDirect = (/** @type {string} */ src) =>
  fetchCapped(src, MAX_IMAGE_BYTES, { credentials: 'omit', referrerPolicy: 'no-referrer' });

const tooLarge = () => ({
  ok: /** @type {const} */ (false),
  error: { kind: 'invalid_input', code: 'image_too_large', message: 'the image is larger than 20 MB', retry: 'never' },
});

/**
 * Right-click on an image: it becomes the popup's reference (the popup opens with it, for a prompt). Its
 * upload starts at once, so the generate does not wait for it later.
 * @param {string} src @param {chrome.tabs.Tab | undefined} tab @param {() => Promise<void>} openPopup
 */
export async function generateFromImage(src, tab, openPopup) {
  let read = null;
  if (/^data:image\//.test(src))
    read = { base64: src.slice(src.indexOf(',') + 1), type: src.slice(5, src.indexOf(';')) };
  if (!read && tab?.id !== undefined) read = await readImageInPage(tab.id, src).catch(() => null);
  if (!read) read = await readImageDirect(src).catch(() => null);
  if (!read) {
    if (tab?.id !== undefined) {
      await addNotice(tab.id, t('imageUnreadable'));
      await showTracker(tab.id);
    }
    return {
      ok: false,
      error: { kind: 'invalid_input', code: 'image_unreadable', message: t('imageUnreadable'), retry: 'never' },
    };
  }
  // Judged before it is stored: a file the upload would refuse (too large, not an image) is not kept.
  const bytes = 'tooLarge' in read ? null : Uint8Array.fromBase64(read.base64);
  const check = bytes ? (await core).checkImage(bytes) : tooLarge();
  if (!check.ok) {
    const said = t('referenceProblem', 1, describeError(check.error));
    if (tab?.id !== undefined) {
      await addNotice(tab.id, said);
      await showTracker(tab.id);
    }
    return check;
  }
  const fileId = await putFile(
    new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)], { type: 'type' in read ? read.type : '' }),
    src.split(/[?#]/)[0].split('/').pop() ?? '',
  );
  await setDraftReferences([...(await draftReferences()), { fileId }]);
  resolveReferences([{ fileId }]).catch(() => {}); // warms the upload cache; errors show at generate
  await openPopup();
  return { ok: true, fileId };
}
