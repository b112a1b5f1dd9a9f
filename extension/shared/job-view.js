// @ts-check
// One job's view-model: what every view shows of a stored job (its state and text, progress, images, the
// upscale's original, and which actions apply). The popup, the in-page tracker (drawn from what the worker
// sends) and the workspace's details all draw from it; none of them formats a job's state itself.
import { errorText, t } from './job-text.js';

/**
 * @typedef {object} JobImageView
 * @property {string} url @property {string} preview @property {string} uri @property {number} width @property {number} height
 *
 * @typedef {object} JobView
 * @property {string} submitId
 * @property {string} state      what the job is drawn as (CSS and tests read it from data-state):
 *                               submitting | queued | generating | done | failed | needs-login
 * @property {string} prompt
 * @property {string} text       the state in words ("排队中 第 3 位", "失败：…")
 * @property {{ value: number, max: number } | null} progress  while queued or generating
 * @property {JobImageView[]} images
 * @property {boolean} isUpscale an upscale shows beside the image it was made from
 * @property {{ preview: string, width: number | string, height: number | string } | null} original
 * @property {{ width: number, height: number }} size  what was asked for
 * @property {'image' | 'video'} kind
 * @property {JobVideoView[]} videos  a finished video job's files
 * @property {number} durationS  a video's length as asked for (0 for images)
 * @property {{ login: boolean, retry: boolean, download: boolean, upscale: boolean, animate: boolean, reuse: boolean, remove: boolean }} can
 *
 * @typedef {object} JobVideoView
 * @property {string} url @property {string} cover @property {number} width @property {number} height
 * @property {number} durationMs @property {boolean} watermarked  only a watermarked copy is offered
 * @property {{ text: string, hint: string, clean: boolean } | null} mark  the watermark state in words: always said on Dreamina, where
 *   a clean file is the plan's (§9.6); on Jimeng only when the copy is watermarked
 */

const isVideo = (/** @type {any} */ job) => job.kind === 'video' || job.job?.kind === 'video';

/** @param {any} job  a stored job (extension/shared/job-store.js) @returns {JobView} */
export function jobView(job) {
  const finished = job.phase === 'done' || job.phase === 'failed';
  const upscale = !!job.job?.upscale;
  const parent = job.origin?.parent;
  const video = isVideo(job);
  return {
    submitId: job.submitId,
    ...jobState(job),
    prompt: job.job?.prompt ?? '',
    progress:
      !video && (job.phase === 'queued' || job.phase === 'generating')
        ? { value: job.finished ?? 0, max: job.total || job.job?.count || 1 }
        : null,
    images: (job.images ?? []).map((/** @type {any} */ i) => ({
      url: i.url,
      preview: i.preview,
      uri: i.uri,
      width: i.width,
      height: i.height,
    })),
    isUpscale: upscale,
    original: upscale
      ? { preview: parent?.preview ?? '', width: parent?.width ?? '?', height: parent?.height ?? '?' }
      : null,
    size: { width: job.job?.width, height: job.job?.height },
    kind: video ? 'video' : 'image',
    videos: (job.videos ?? []).map((/** @type {any} */ v) => ({
      url: v.url,
      cover: v.cover,
      width: v.width,
      height: v.height,
      durationMs: v.durationMs || (job.job?.durationS ?? 0) * 1000,
      watermarked: !!v.watermarked,
      mark: markOf(job, !!v.watermarked),
    })),
    durationS: video ? (job.job?.durationS ?? 0) : 0,
    can: {
      login: !!job.needsLogin,
      retry: job.phase === 'failed',
      download: job.phase === 'done',
      upscale: job.phase === 'done' && !upscale && !video, // an upscale is already 4K
      animate: job.phase === 'done' && !video && (job.images?.length ?? 0) > 0,
      reuse: !upscale, // an upscale has no prompt or settings of its own
      remove: finished,
    },
  };
}

/** @param {any} job @param {boolean} watermarked @returns {{ text: string, hint: string, clean: boolean } | null} */
function markOf(job, watermarked) {
  const dreamina = job.site === 'dreamina';
  if (watermarked)
    return { text: t('watermarked'), hint: t(dreamina ? 'watermarkedHintDreamina' : 'watermarkedHint'), clean: false };
  return dreamina ? { text: t('noWatermark'), hint: t('noWatermarkHintDreamina'), clean: true } : null;
}

/**
 * Only a job's state and its words: what a gallery cell needs, on every frame that draws it.
 * @param {any} job @returns {{ state: string, text: string }}
 */
export function jobState(job) {
  return { state: job.needsLogin ? 'needs-login' : job.phase, text: stateText(job) };
}

/** @param {any} job */
function stateText(job) {
  if (job.needsLogin) return t('stateNeedsLogin');
  switch (job.phase) {
    // A batch row not sent yet waits for its turn (the batch's pace and concurrency), not for an answer.
    case 'submitting':
      return job.batchId && !job.attemptAt ? t('stateWaitingInBatch') : t('stateSubmitting');
    case 'queued':
      return isVideo(job)
        ? withForecast(job, videoQueueText(job))
        : job.queue?.position
          ? t('stateQueuedAt', job.queue.position)
          : t('stateQueued');
    case 'generating':
      return isVideo(job)
        ? withForecast(job, t('stateVideoGenerating'))
        : t('stateGenerating', job.finished ?? 0, job.total || job.job.count);
    case 'done':
      return t('stateDone');
    default:
      return `${t('stateFailed')}: ${errorText(job)}`;
  }
}

/** Jimeng's own forecast of a video's charge overstates it 5–9 times (protocol §7.5): said only as "up to". @param {any} job */
const withForecast = (job, /** @type {string} */ text) =>
  job.cost > 0 ? `${text} · ${t('videoUpTo', job.cost)}` : text;

/** A queued video: its place, and the service's estimate of the wait left (forecast_queue_cost, counted down
 *  from when it was read). @param {any} job */
function videoQueueText(job, now = Date.now()) {
  const position = job.queue?.position;
  if (!position) return t('stateQueued');
  const left = (job.queueSeconds ?? 0) - (now - (job.queueSeenAt ?? now)) / 1000;
  return left > 30 ? t('stateVideoQueued', position, Math.ceil(left / 60)) : t('stateVideoQueuedSoon', position);
}
