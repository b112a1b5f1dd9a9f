// @ts-check
// Strings for people: the locale with a fallback, errors, excerpts. What a job shows is job-view.js.
/** chrome.i18n with the key as a last resort, so a missing string shows something rather than nothing. */
export const t = (/** @type {string} */ key, /** @type {unknown[]} */ ...subs) =>
  chrome.i18n.getMessage(key, subs.map(String)) || (subs[0] ? String(subs[0]) : '') || key;

/**
 * An error for people: a message of its own for the few codes that have one (errcode_*; a site's own first,
 * errcode_<code>_dreamina, where the same code means more there), else the explanation of its kind with the
 * detail. A negative code (-6) is named minus6: message names take no hyphen.
 * @param {{kind?: string, code?: string, message?: string} | undefined} error
 * @param {string=} site  the job's site
 */
export function describeError(error, site = undefined) {
  const code = String(error?.code ?? '').replace(/^-/, 'minus');
  const own = (/** @type {string} */ name) =>
    (code && /^\w+$/.test(name) && chrome.i18n.getMessage(name, [error?.message ?? ''])) || '';
  return (
    (site === 'dreamina' && own(`errcode_${code}_dreamina`)) ||
    own(`errcode_${code}`) ||
    t(`err_${error?.kind}`, error?.message ?? '')
  );
}

/** Why a job failed, for people (in its site's words). @param {{error?: {kind?: string, code?: string, message?: string}, site?: string}} job */
export function errorText(job) {
  return describeError(job.error, job.site);
}

/** A prompt cut to `max` characters (whole code points) for titles and notifications. */
export function excerpt(/** @type {unknown} */ text, max = 40) {
  const chars = [...String(text ?? '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
