// @ts-check
// The model catalogue: the live get_common_config answer, cached for half a day; the core's built-in table
// when Jimeng cannot be asked.
import { call, core } from '../pages/core-instance.js';
import * as facts from '../../state/facts.js';

const MAX_AGE_MS = 12 * 3600_000;

/** @typedef {import('../../../wasm/jimeng-core').ModelInfo | import('../../../wasm/jimeng-core').VideoModelInfo} ModelInfo */
const isVideo = (/** @type {ModelInfo} */ m) => 'kind' in m && m.kind === 'video';

/** The site's catalogue (Jimeng's unless `site` names Dreamina). @returns {Promise<{models: ModelInfo[], live: boolean}>} */
export async function catalogue(/** @type {import('../../shared/site.js').SiteId} */ site = 'jimeng') {
  /** @type {{models: ModelInfo[], at: number} | undefined} */
  const cached = /** @type {any} */ (await facts.get('models', site));
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return { models: cached.models, live: true };
  // Images and videos come from two requests; the list holds both (a video model's entry has kind 'video').
  const [images, videos] = await Promise.all([
    call('buildModelConfig', 'parseModelConfig', { site }),
    call('buildVideoModelConfig', 'parseVideoModelConfig', { site }),
  ]);
  if (images.ok) {
    const builtin = (await core).builtinModels();
    // Without a live video catalogue, the stored one, else the built-in Seedance 2.0 (Jimeng's only: nothing of
    // Dreamina's models is built in).
    const videoModels =
      videos.ok && videos.models.length
        ? videos.models
        : cached?.models.filter(isVideo).length
          ? cached.models.filter(isVideo)
          : site === 'jimeng'
            ? builtin.filter(isVideo)
            : [];
    const models = [...images.models, ...videoModels];
    await facts.set('models', { models, at: Date.now() }, site);
    return { models, live: true };
  }
  return { models: cached?.models ?? (await core).builtinModels(), live: false };
}
