// @ts-check
// Strings for people: the locale with a fallback, errors, excerpts. What a job shows is job-view.js.
/** chrome.i18n with the key as a last resort, so a missing string shows something rather than nothing. */
export const t = (/** @type {string} */ key, /** @type {unknown[]} */ ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || (subs[0] ? String(subs[0]) : '') || key;

/**
 * An error for people: a message of its own for the few codes that have one (errcode_*), else the
 * explanation of its kind with the detail.
 * @param {{kind?: string, code?: string, message?: string} | undefined} error
 */
export function describeError(error) {
  return (error?.code && chrome.i18n.getMessage(`errcode_${error.code}`, [error.message ?? ''])) || t(`err_${error?.kind}`, error?.message ?? '');
}

/** Why a job failed, for people. @param {{error?: {kind?: string, code?: string, message?: string}}} job */
export function errorText(job) {
  return describeError(job.error);
}

/** A prompt cut to `max` characters (whole code points) for titles and notifications. */
export function excerpt(/** @type {unknown} */ text, max = 40) {
  const chars = [...String(text ?? '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
