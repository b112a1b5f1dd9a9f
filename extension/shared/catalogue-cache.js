// @ts-check
// The model catalogue the worker last learned (background/catalogue.js keeps it in chrome.storage.local). A
// view reads it directly, so its form is usable before a stopped worker has started (popup: 158 against
// under 100 ms to interactive when it waited for the worker).
import { SITE_CHOICE_KEYS, siteFromStored } from './site.js';

export const CATALOGUE_KEY = 'models';
/** Each site's catalogue (Dreamina's models differ per cluster and account): Jimeng's key predates sites. */
export const catalogueKey = (/** @type {string} */ site) => (site === 'dreamina' ? `${CATALOGUE_KEY}:dreamina` : CATALOGUE_KEY);

/** @typedef {import('../../wasm/jimeng-core').ModelInfo | import('../../wasm/jimeng-core').VideoModelInfo} ModelInfo  images, then videos (kind 'video') */

/**
 * The stored catalogue at once when there is one, else the worker's answer (which stores it). With a stored
 * one the worker is still asked, once `askLater` settles (the view is usable: a stopped worker starting up
 * does not slow the view's own start), so a catalogue older than half a day is renewed for the next view.
 * @param {() => Promise<{models: ModelInfo[]}>} askWorker
 * @param {Promise<unknown>} askLater
 * @returns {Promise<{models: ModelInfo[]}>}
 */
export async function catalogueForView(askWorker, askLater = Promise.resolve()) {
  // One read: which site new jobs go to, and both sites' stored catalogues (the view shows that site's).
  const all = await chrome.storage.local.get([...SITE_CHOICE_KEYS, catalogueKey('jimeng'), catalogueKey('dreamina')]);
  const key = catalogueKey(siteFromStored(all) ?? 'jimeng');
  const stored = /** @type {{models?: ModelInfo[]} | undefined} */ (all[key]);
  if (!stored?.models?.length) return askWorker();
  askLater.then(askWorker).catch(() => {});
  return { models: stored.models };
}
