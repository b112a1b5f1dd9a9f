// @ts-check
// Past work as stored jobs: a record of the site's asset list made into a job (finished and announced there), and
// the store given the ones it lacks (archive-import.js walks the list).
import { updateJobs } from '../jobs/jobs.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */

/** Adds the jobs the store lacks; the ones it has are the engine's to reconcile (`seen`). @returns {Promise<number>} how many were known */
export function merge(/** @type {any[]} */ jobs) {
  return updateJobs(
    jobs.map((j) => j.submitId),
    (stored) => {
      let known = 0;
      for (const j of jobs) {
        if (stored[j.submitId]) known++;
        else stored[j.submitId] = j;
      }
      return known;
    },
  );
}

/**
 * A record as a stored job: made in the site's web app (origin.from 'jimeng' means "the web app" on either site: the
 * value predates Dreamina), already finished and announced there.
 * @param {import('../../../wasm/jimeng-core').AssetRecord} record @param {SiteId} site @param {string} cluster
 */
export function jobOf(record, site, cluster) {
  const task = /** @type {any} */ (record.task),
    j = /** @type {any} */ (record.job);
  const submitId = task.submitId || j.submitId || `history-${task.historyId || record.assetId}`;
  const video = j.kind === 'video';
  const input = video
    ? {
        prompt: j.prompt,
        model: j.model,
        ratio: j.ratioLabel,
        seed: j.seed,
        video: {
          durationS: j.durationS,
          firstFrame: j.firstFrame,
          lastFrame: j.lastFrame,
          references: j.videoReferences,
        },
      }
    : {
        prompt: j.prompt,
        negativePrompt: j.negativePrompt,
        model: j.model,
        ratio: j.ratioLabel,
        resolution: j.resolution,
        count: j.count,
        seed: j.seed,
      };
  const at = record.createdMs ?? Date.now();
  return {
    submitId,
    ...(task.submitId || j.submitId ? {} : { pollByHistory: true }),
    createdAt: at,
    updatedAt: at,
    phase: task.state,
    kind: video ? 'video' : 'image',
    model: j.model,
    input,
    job: { ...j, submitId },
    images: task.images ?? [],
    ...(video ? { videos: task.videos ?? [] } : {}),
    historyId: task.historyId,
    total: task.total,
    finished: task.finished,
    ...(task.error ? { error: task.error } : {}),
    origin: { from: 'jimeng' },
    announced: true,
    trackerDismissed: true,
    site,
    ...(site === 'dreamina' ? { cluster } : {}),
  };
}
