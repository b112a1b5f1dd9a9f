// @ts-check
// The model catalogue: the live get_common_config answer, cached for half a day; the core's built-in table
// when Jimeng cannot be asked.
import { call, core } from './core-instance.js';
import { CATALOGUE_KEY as KEY } from '../shared/catalogue-cache.js';

const MAX_AGE_MS = 12 * 3600_000;

/** @typedef {import('../../wasm/jimeng-core').ModelInfo} ModelInfo */

/** @returns {Promise<{models: ModelInfo[], live: boolean}>} */
export async function catalogue() {
  /** @type {{models: ModelInfo[], at: number} | undefined} */
  const cached = /** @type {any} */ ((await chrome.storage.local.get(KEY))[KEY]);
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return { models: cached.models, live: true };
  const r = await call('buildModelConfig', 'parseModelConfig');
  if (r.ok) {
    await chrome.storage.local.set({ [KEY]: { models: r.models, at: Date.now() } });
    return { models: r.models, live: true };
  }
  return { models: cached?.models ?? (await core).builtinModels(), live: false };
}
