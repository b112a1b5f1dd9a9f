// @ts-check
// The user's settings and remembered compose defaults, in chrome.storage.local; read by the popup and the
// worker (the context menu submits with the same defaults the popup last used).
export const SETTINGS_KEY = 'settings';
export const COMPOSE_DEFAULTS_KEY = 'composeDefaults';
/** The compose form's last video settings (model, durationS, ratio, resolution): also what "animate" uses. */
export const VIDEO_DEFAULTS_KEY = 'videoDefaults';

/** @typedef {{ autoDownload: boolean, notify: boolean, template: string }} Settings */
/** @type {Settings} */
export const DEFAULT_SETTINGS = Object.freeze({
  autoDownload: false, notify: true, template: 'jimeng/{date}/{prompt}-{seed}-{index}.{ext}',
});

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  /** @type {Partial<Settings> | undefined} */
  const stored = /** @type {any} */ ((await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  return { ...DEFAULT_SETTINGS, ...stored };
}

/**
 * The compose form's last settings (model, ratio, count, …), without prompt, seed or submit_id: a job made from
 * them is a new job.
 * @returns {Promise<Record<string, unknown>>}
 */
export async function composeDefaults() {
  /** @type {Record<string, unknown> | undefined} */
  const saved = /** @type {any} */ ((await chrome.storage.local.get(COMPOSE_DEFAULTS_KEY))[COMPOSE_DEFAULTS_KEY]);
  const { prompt, seed, submitId, references, ...settings } = saved ?? {};
  return settings;
}
