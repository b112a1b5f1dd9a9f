// @ts-check
// What a page's tracker lists and draws: the recent jobs (unfinished, or changed within the hour: never the
// history) of its own tab (every one on Jimeng's pages), each as its view-model less what a web page need not get.
import { jobView } from '../../shared/job-view.js';
import { clock } from '../../shared/video-view.js';
import { isActive, jobsUpdatedSince, openJobs } from '../jobs/jobs.js';
import { JIMENG_ORIGIN } from './bridges.js';

const RECENT_MS = 60 * 60_000; // finished jobs stay listed for an hour unless dismissed
/** @typedef {import('../jobs/jobs.js').Job} Job */

export const isJimeng = (/** @type {string | undefined} */ url) => {
  try {
    return new URL(url ?? '').origin === JIMENG_ORIGIN;
  } catch {
    return false;
  }
};

/** The jobs any tracker may list: unfinished ones and those changed within the hour (never the history). */
export async function recentJobs(now = Date.now()) {
  const [open, recent] = await Promise.all([openJobs(), jobsUpdatedSince(now - RECENT_MS)]);
  return [...new Map([...open, ...recent].map((j) => [j.submitId, j])).values()];
}

/**
 * Which jobs a tab's tracker lists.
 * @param {Job[]} jobs @param {number} tabId @param {boolean} jimeng
 */
export function jobsFor(jobs, tabId, jimeng, now = Date.now()) {
  return (
    jobs
      // A batch's rows are followed in the popup and the workspace, as their batch, not one by one here.
      .filter(
        (j) =>
          !j.trackerDismissed &&
          !j.batchId &&
          (jimeng || j.origin?.tabId === tabId) &&
          (isActive(j) || now - j.updatedAt < RECENT_MS),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
  );
}

/** What the tracker draws of a job: its view-model (shared/job-view.js), less what a web page need not get. */
export const viewOf = (/** @type {any} */ j) => {
  const v = jobView(j);
  return {
    submitId: v.submitId,
    prompt: v.prompt,
    state: v.state,
    text: v.text,
    progress: v.progress,
    images: v.images.map((i) => ({ preview: i.preview, url: i.url })),
    videos: v.videos.map((x) => ({ cover: x.cover, length: clock(x.durationMs), mark: x.mark })),
    can: { download: v.can.download, upscale: v.can.upscale, animate: v.can.animate, dismiss: !isActive(j) },
  };
};
