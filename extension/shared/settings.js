// @ts-check
// The user's settings and remembered compose defaults (the `settings`, `composeDefaults` and `videoDefaults`
// facts); read by the popup and the worker (the context menu submits with the same defaults the popup last used).
// The video defaults (model, durationS, ratio, resolution) are also what "animate" uses.
import * as facts from '../state/facts.js';

/** @typedef {{ autoDownload: boolean, notify: boolean, template: string, claimDaily: boolean }} Settings */
/** @type {Settings} claimDaily: today's free credits claimed once a day while a page of the site is open (opt-in) */
export const DEFAULT_SETTINGS = Object.freeze({
  autoDownload: false,
  notify: true,
  template: 'jimeng/{date}/{prompt}-{seed}-{index}.{ext}',
  claimDaily: false,
});

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  /** @type {Partial<Settings> | undefined} */
  const stored = /** @type {any} */ (await facts.get('settings'));
  return { ...DEFAULT_SETTINGS, ...stored };
}

/**
 * The compose form's last settings (model, ratio, count, …), without prompt, seed or submit_id: a job made from
 * them is a new job.
 * @returns {Promise<Record<string, unknown>>}
 */
export async function composeDefaults() {
  /** @type {Record<string, unknown> | undefined} */
  const saved = /** @type {any} */ (await facts.get('composeDefaults'));
  const { prompt, seed, submitId, references, ...settings } = saved ?? {};
  return settings;
}
