// @ts-check
// The model catalogue the worker last learned (background/jobs/catalogue.js keeps it: the `models` fact). A
// view reads it directly, so its form is usable before a stopped worker has started (popup: 158 against
// under 100 ms to interactive when it waited for the worker).
import { SITE_CHOICE, siteFromValues } from '../state/site-choice.js';
import { getMany } from '../state/facts.js';

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
  const values = await getMany([...SITE_CHOICE, ['models', 'jimeng'], ['models', 'dreamina']]);
  const [jimeng, dreamina] = values.slice(SITE_CHOICE.length);
  const stored = /** @type {{models?: ModelInfo[]} | undefined} */ (
    siteFromValues(values) === 'dreamina' ? dreamina : jimeng
  );
  if (!stored?.models?.length) return askWorker();
  askLater.then(askWorker).catch(() => {});
  return { models: stored.models };
}
