// @ts-check
// What one gallery cell says and shows: its label (in the page's language), preview, state and badges, from the
// job's card and, once read, the full job (pending until then).
import { t } from '../shared/i18n.js';
import { jobState } from '../shared/job-view.js';
import { clock } from '../shared/video-view.js';

/** @typedef {import('../shared/job-store.js').Card} Card */
/** @typedef {import('../background/jobs/jobs.js').Job} Job */

// "prompt (image n)" in the page's language, built without a chrome.i18n call per cell drawn.
const [IMAGE_OF_HEAD, IMAGE_OF_MID, IMAGE_OF_TAIL] = t('imageOf', '\uE000', '\uE001').split(/[\uE000\uE001]/);
const imageOf = (/** @type {string} */ prompt, /** @type {number} */ n) =>
  `${IMAGE_OF_HEAD}${prompt}${IMAGE_OF_MID}${n}${IMAGE_OF_TAIL}`;

/** @param {Card} card @param {Job | undefined} job @param {number} k  the cell's image (or video) of the job */
export function describeCell(card, job, k) {
  const shown = job ? jobState(job) : null; // per cell and frame: the state only, not the whole view-model
  const state = shown?.state ?? card.phase;
  const pending = !job;
  const video =
    job?.phase === 'done'
      ? /** @type {import('../../wasm/jimeng-core').Video[] | undefined} */ (job.videos)?.[k]
      : null;
  const image = job?.phase === 'done' && !video ? job.images?.[k] : null;
  const duration = card.kind === 'video' ? clock(video?.durationMs || (card.durationS ?? 0) * 1000) : '';
  const label = video
    ? `${t('kindVideo')} ${duration} · ${card.prompt}`
    : image
      ? imageOf(card.prompt, k + 1)
      : `${card.prompt} · ${shown?.text ?? ''}`;
  const site = card.site === 'dreamina' ? t('siteDreamina') : ''; // a badge on Dreamina's work
  return {
    key: `${card.submitId}:${k}`,
    label: site ? `${site} · ${label}` : label,
    preview: video?.cover ?? image?.preview ?? null,
    state,
    favourite: card.favourite,
    pending,
    duration,
    site,
  };
}
