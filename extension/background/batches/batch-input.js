// @ts-check
// What a batch is made of: the core's expansion of the pasted or imported rows (priced for a preview), its
// reference images (placeholders in a preview, uploaded at Start), its site, and each row's input as it is sent again.
import { freshEntropy } from '../../shared/core.js';
import { catalogue } from '../jobs/catalogue.js';
import { core } from '../pages/core-instance.js';
import { pricing } from '../jobs/prices.js';
import { placeholderUris, referencesOf, resolveReferences } from '../jobs/uploads.js';
import { namedImages } from './batch-images.js';
import { siteId } from '../../shared/site.js';
import { currentSite } from '../pages/session.js';

// The fields a row's job is sent with again: what the core resolved for that row (its own cells over the form's).
export const INPUT_FIELDS = [
  'prompt',
  'negativePrompt',
  'model',
  'ratio',
  'intelligentRatio',
  'resolution',
  'count',
  'seed',
  'sampleStrength',
  'references',
];
/** A row's input as buildGenerate takes it again (retry, reuse): a video's settings go in its `video` object. */
export function inputOf(/** @type {any} */ job) {
  if (job.kind === 'video')
    return {
      prompt: job.prompt,
      model: job.model,
      ratio: job.ratioLabel ?? job.ratio,
      seed: job.seed,
      video: {
        durationS: job.durationS,
        resolution: job.resolution,
        firstFrame: job.firstFrame,
        lastFrame: job.lastFrame,
        references: job.videoReferences,
      },
    };
  return Object.fromEntries(INPUT_FIELDS.filter((k) => job[k] !== undefined).map((k) => [k, job[k]]));
}

/** The batch's reference images as every row's default: placeholders for a preview (nothing is uploaded
 * before Start), the uploaded uris for Start.
 * @returns {Promise<{ok: true, input: any} | {ok: false, error: any}>} */
export async function withReferences(/** @type {any} */ input, /** @type {boolean} */ upload) {
  const refs = referencesOf(input);
  const { references, ...rest } = input ?? {};
  const site = await siteOf(input);
  // Video rows that name images take the picked files (and our results) by name instead.
  const named = await namedImages(input, (await catalogue(site)).models, upload);
  if (!named.ok) return named;
  if (named.images) return { ok: true, input: { ...rest, images: named.images } };
  if (!refs.length) return { ok: true, input: rest };
  if (!upload)
    return { ok: true, input: { ...rest, defaults: { ...rest.defaults, references: placeholderUris(refs) } } };
  const resolved = await resolveReferences(refs, site);
  if (!resolved.ok) return { ok: false, error: /** @type {any} */ (resolved).error };
  return { ok: true, input: { ...rest, defaults: { ...rest.defaults, references: resolved.references } } };
}

/** A batch's site: the one its input names (animating images: theirs), else where new jobs go. */
export const siteOf = async (/** @type {any} */ input) => (input?.site ? siteId(input.site) : currentSite());

/** The core's expansion; a preview also gets each row's price and the estimate against the balance. */
export async function expand(/** @type {any} */ input, priced = false) {
  const c = await core;
  const now = Number.isFinite(input?.now) ? input.now : Date.now();
  const entropy = typeof input?.entropy === 'string' ? input.entropy : freshEntropy();
  const [{ models }, costs] = await Promise.all([catalogue(await siteOf(input)), priced ? pricing() : {}]);
  const answer = c.expandBatch({ ...input, prices: undefined, balance: undefined, ...costs, now, entropy, models });
  return answer.ok ? { ...answer, now, entropy } : answer;
}
