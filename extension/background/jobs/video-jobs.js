// @ts-check
// Video jobs (Seedance): a compose form's video with its frames and 全能参考 images (files uploaded through
// ImageX first, our own results by uri), and "animate this image": a finished image as the first frame of a
// video, with nothing uploaded.
import { startJob } from './engine.js';
import { buildSubmit } from './submit.js';
import { catalogue } from './catalogue.js';
import { getJob } from './jobs.js';
import { actionId, onceAtATime } from './once.js';
import { resolveReferences } from './uploads.js';
import { siteId } from '../../shared/site.js';
import { currentSite } from '../pages/session.js';
import * as facts from '../../state/facts.js';

const PENDING = { uri: 'tos-cn-i-pending/0', width: 1, height: 1 };
const noJob = () => ({
  ok: false,
  error: { kind: 'invalid_input', code: 'no_job', message: 'no such job', retry: 'never' },
});

/** @typedef {{fileId?: string, uri?: string, width?: number, height?: number}} VideoImage */

/** A compose form's video: judged by the core before any upload, then uploaded, then stored and sent. */
export function startVideo(/** @type {Record<string, any>} */ input, /** @type {object} */ origin) {
  const id = typeof input?.submitId === 'string' ? input.submitId : crypto.randomUUID();
  return onceAtATime(`submit:${id}`, () => startComposedVideo({ ...input, submitId: id }, origin));
}

async function startComposedVideo(/** @type {Record<string, any>} */ input, /** @type {object} */ origin) {
  const existing = await getJob(input.submitId);
  if (existing) return { ok: true, job: existing, existing: true }; // sent twice: nothing is uploaded again
  const video = input.video ?? {};
  /** @type {VideoImage[]} */
  const images = [
    video.firstFrame,
    video.lastFrame,
    ...(Array.isArray(video.references) ? video.references : []),
  ].filter(Boolean);
  if (images.every((i) => i.uri)) return startJob(input, origin);
  input = { ...input, site: input.site ?? (await currentSite()) }; // chosen before any upload: its ImageX
  const placeholder = (/** @type {VideoImage | undefined} */ i) => (i ? (i.uri ? i : PENDING) : undefined);
  const trial = await buildSubmit({
    ...input,
    video: {
      ...video,
      firstFrame: placeholder(video.firstFrame),
      lastFrame: placeholder(video.lastFrame),
      references: video.references?.map(placeholder),
    },
  });
  if (!trial.ok) return trial;
  const resolved = await resolveReferences(images, input.site);
  if (!resolved.ok) return { ok: false, error: { ...resolved.error, field: fieldOf(video, resolved.error.index) } };
  const out = [...resolved.references];
  const take = (/** @type {unknown} */ given) => (given ? out.shift() : undefined);
  const firstFrame = take(video.firstFrame),
    lastFrame = take(video.lastFrame);
  const references = video.references?.map(() => out.shift());
  return startJob(
    { ...input, video: { ...video, firstFrame, lastFrame, references } },
    { ...origin, uploaded: resolved.uploaded },
  );
}

/** Which of the form's pickers an upload's failure belongs to. */
function fieldOf(/** @type {any} */ video, /** @type {number} */ index) {
  const slots = [video.firstFrame && 'video.firstFrame', video.lastFrame && 'video.lastFrame'].filter(Boolean);
  return index < slots.length ? slots[index] : 'video.references';
}

export const noVideoModel = () => ({
  ok: false,
  error: { kind: 'invalid_input', code: 'no_video_model', message: 'no video model is offered', retry: 'never' },
});

/** What 动起来 makes: the last video settings used in the popup (model, length, resolution), else the first video
 *  model at 5 s. @returns {Promise<{model: import('../../../wasm/jimeng-core').VideoModelInfo, durationS: number, resolution?: string} | null>} */
export async function animateSettings(/** @type {import('../../shared/site.js').SiteId} */ site = 'jimeng') {
  const [{ models }, stored] = await Promise.all([catalogue(site), facts.get('videoDefaults')]);
  const videos = /** @type {import('../../../wasm/jimeng-core').VideoModelInfo[]} */ (
    models.filter((m) => 'kind' in m && m.kind === 'video')
  );
  const saved = /** @type {Record<string, any>} */ (stored ?? {});
  const model = videos.find((m) => m.key === saved.model) ?? videos[0];
  if (!model) return null;
  const durationS = model.durations.includes(saved.durationS)
    ? saved.durationS
    : model.durations.includes(5)
      ? 5
      : model.durations[0];
  return { model, durationS, resolution: model.resolutions.includes(saved.resolution) ? saved.resolution : undefined };
}

/** The model's ratio nearest to an image's shape. */
export function nearestRatio(
  /** @type {string[]} */ ratios,
  /** @type {number} */ width,
  /** @type {number} */ height,
) {
  const value = (/** @type {string} */ r) => {
    const [w, h] = r.split(':').map(Number);
    return Math.abs(Math.log(w / h / (width / height)));
  };
  return [...ratios].sort((a, b) => value(a) - value(b))[0] ?? '16:9';
}

/**
 * 动起来: image `index` of a finished job becomes the first frame of a video, by its uri (nothing uploaded),
 * with the last video settings used (model, length) and the ratio nearest the image. The same image animated
 * again with the same settings, from any view and however often, is the same video job while it runs or once
 * done; after it failed, or with other settings, it is a new one.
 */
export function animateImage(
  /** @type {string} */ submitId,
  /** @type {number} */ index,
  /** @type {import('./jobs.js').JobOrigin} */ origin = { from: 'popup' },
) {
  return onceAtATime(`animate:${submitId}:${index}`, async () => {
    const job = await getJob(submitId);
    const image = job?.phase === 'done' ? job.images?.[index] : undefined;
    if (!job || !image) return noJob();
    const site = siteId(job.site); // a video of an image is made where the image was
    const settings = await animateSettings(site);
    if (!settings) return noVideoModel();
    const { model, durationS, resolution } = settings;
    const ratio = nearestRatio(model.ratios, image.width, image.height);
    // Keyed by what it makes: settings chosen since, or a failed attempt, make a new video.
    const id = await actionId(getJob, 'animate', submitId, index, {
      model: model.key,
      durationS,
      resolution: resolution ?? '',
      ratio,
    });
    const input = {
      submitId: id,
      site,
      model: model.key,
      prompt: job.job.prompt,
      ratio,
      video: { durationS, resolution, firstFrame: { uri: image.uri, width: image.width, height: image.height } },
    };
    return startJob(input, {
      ...origin,
      parent: { submitId, index, preview: image.preview ?? '', width: image.width, height: image.height },
    });
  });
}
