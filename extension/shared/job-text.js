// @ts-check
// How a job is described to people, the same in the popup, the in-page tracker and notifications.
/** chrome.i18n with the key as a last resort, so a missing string shows something rather than nothing. */
export const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || subs[0] || key;

/**
 * An error for people: a message of its own for the few codes that have one (errcode_*), else the
 * explanation of its kind with the detail.
 * @param {{kind?: string, code?: string, message?: string} | undefined} error
 */
export function describeError(error) {
  return (error?.code && chrome.i18n.getMessage(`errcode_${error.code}`, [error.message ?? ''])) || t(`err_${error?.kind}`, error?.message ?? '');
}

/** @param {any} job */
export function errorText(job) {
  return describeError(job.error);
}

/** @param {any} job */
export function stateText(job) {
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

/** The state a job is drawn in (CSS and tests read it from data-state). */
export const displayState = (/** @type {any} */ job) => (job.needsLogin ? 'needs-login' : job.phase);

/** A prompt cut to `max` characters (whole code points) for titles and notifications. */
export function excerpt(text, max = 40) {
  const chars = [...String(text ?? '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
