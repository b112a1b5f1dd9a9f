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
 * @property {{ login: boolean, retry: boolean, download: boolean, upscale: boolean, reuse: boolean, remove: boolean }} can
 */

/** @param {any} job  a stored job (extension/shared/job-store.js) @returns {JobView} */
export function jobView(job) {
  const finished = job.phase === 'done' || job.phase === 'failed';
  const upscale = !!job.job?.upscale;
  const parent = job.origin?.parent;
  return {
    submitId: job.submitId,
    ...jobState(job),
    prompt: job.job?.prompt ?? '',
    progress: job.phase === 'queued' || job.phase === 'generating' ? { value: job.finished ?? 0, max: job.total || job.job?.count || 1 } : null,
    images: (job.images ?? []).map((/** @type {any} */ i) => ({ url: i.url, preview: i.preview, uri: i.uri, width: i.width, height: i.height })),
    isUpscale: upscale,
    original: upscale ? { preview: parent?.preview ?? '', width: parent?.width ?? '?', height: parent?.height ?? '?' } : null,
    size: { width: job.job?.width, height: job.job?.height },
    can: {
      login: !!job.needsLogin,
      retry: job.phase === 'failed',
      download: job.phase === 'done',
      upscale: job.phase === 'done' && !upscale,  // an upscale is already 4K
      reuse: !upscale,                            // an upscale has no prompt or settings of its own
      remove: finished,
    },
  };
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
    case 'submitting': return job.batchId && !job.attemptAt ? t('stateWaitingInBatch') : t('stateSubmitting');
    case 'queued': return job.queue?.position ? t('stateQueuedAt', job.queue.position) : t('stateQueued');
    case 'generating': return t('stateGenerating', job.finished ?? 0, job.total || job.job.count);
    case 'done': return t('stateDone');
    default: return `${t('stateFailed')}: ${errorText(job)}`;
  }
}
