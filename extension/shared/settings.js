// @ts-check
// The user's settings and remembered compose defaults, in chrome.storage.local; read by the popup and the
// worker (the context menu submits with the same defaults the popup last used).
export const SETTINGS_KEY = 'settings';
export const COMPOSE_DEFAULTS_KEY = 'composeDefaults';

/** @typedef {{ autoDownload: boolean, notify: boolean, template: string }} Settings */
/** @type {Settings} */
export const DEFAULT_SETTINGS = Object.freeze({
  autoDownload: false, notify: true, template: 'jimeng/{date}/{prompt}-{seed}-{index}.{ext}',
});

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  return { ...DEFAULT_SETTINGS, ...(await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] };
}

/** The compose form's last settings (model, ratio, count, …), without prompt or seed. */
export async function composeDefaults() {
  return (await chrome.storage.local.get(COMPOSE_DEFAULTS_KEY))[COMPOSE_DEFAULTS_KEY] ?? {};
}
