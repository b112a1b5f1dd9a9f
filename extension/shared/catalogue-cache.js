// @ts-check
// The model catalogue the worker last learned (background/catalogue.js keeps it in chrome.storage.local). A
// view reads it directly, so its form is usable before a stopped worker has started (popup: 158 against
// under 100 ms to interactive when it waited for the worker).

export const CATALOGUE_KEY = 'models';

/** @typedef {import('../../wasm/jimeng-core').ModelInfo} ModelInfo */

/**
 * The stored catalogue at once when there is one, else the worker's answer (which stores it). The worker is
 * asked either way, so a catalogue older than half a day is renewed for the next view.
 * @param {() => Promise<{models: ModelInfo[]}>} askWorker
 * @returns {Promise<{models: ModelInfo[]}>}
 */
export async function catalogueForView(askWorker) {
  const fromWorker = askWorker();
  const stored = /** @type {{models?: ModelInfo[]} | undefined} */ ((await chrome.storage.local.get(CATALOGUE_KEY))[CATALOGUE_KEY]);
  if (stored?.models?.length) { fromWorker.catch(() => {}); return { models: stored.models }; }
  return fromWorker;
}
