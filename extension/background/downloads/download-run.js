// @ts-check
// The download run's record: its counters (files in all, saved, failed, bytes, time spent running) kept in the
// files store (written in the same transaction as the file they count), the last value kept in memory (only the
// worker's queue writes it, one change at a time), and a copy in the `downloadRun` fact for the views: a change
// of state at once (with the alarm that wakes a stopped worker while the run goes on), counters at most every 300 ms.
import { readRun as readStoredRun, removeFiles, writeFiles, RUN_KEY } from '../../shared/download-store.js';
import * as facts from '../../state/facts.js';

export const DOWNLOAD_ALARM = 'jimeng-downloads'; // while a run goes on: a stopped worker is started again
const MIRROR_EVERY_MS = 300;

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {import('../../shared/download-store.js').DownloadRun} DownloadRun */

export function createRunRecord(/** @type {() => number} */ now) {
  const freshRun = () => /** @type {DownloadRun} */ ({ uri: RUN_KEY, state: 'done', total: 0, saved: 0, failures: 0, bytes: 0, startedAt: now(), runMs: 0, nextSeq: 0 });
  /** @type {DownloadRun | undefined} */
  let runCache;
  const readRun = async () => (runCache ??= await readStoredRun());
  /** Writes files and the run together, then shows the run to the views and keeps the alarm while it goes on. */
  async function commit(/** @type {FileEntry[]} */ files, /** @type {DownloadRun} */ run) {
    await writeFiles(files, run);
    runCache = run;
    await publish(run);
  }
  /** @type {DownloadRun['state'] | undefined} */
  let published;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let mirrorTimer;
  /** A change of state is shown at once (and sets or clears the alarm); counters alone at most every 300 ms. */
  async function publish(/** @type {DownloadRun} */ run) {
    if (run.state === published) {
      mirrorTimer ??= setTimeout(() => { mirrorTimer = undefined; if (runCache) facts.set('downloadRun', runCache); }, MIRROR_EVERY_MS);
      return;
    }
    published = run.state;
    await facts.set('downloadRun', run);
    if (run.state === 'running') chrome.alarms.create(DOWNLOAD_ALARM, { periodInMinutes: 0.5 });
    else chrome.alarms.clear(DOWNLOAD_ALARM);
  }
  const runTime = (/** @type {DownloadRun} */ r) => r.runMs + (r.state === 'running' && r.resumedAt ? now() - r.resumedAt : 0);
  const stopped = (/** @type {DownloadRun} */ r, /** @type {DownloadRun['state']} */ state) => ({ ...r, state, runMs: runTime(r), resumedAt: undefined });

  /** Removes files and writes the run, in one transaction, and shows it. @param {string[]} uris @param {DownloadRun} run */
  async function commitRemoving(uris, run) {
    await removeFiles(uris, run);
    runCache = run;
    await publish(run);
  }
  return { readRun, commit, commitRemoving, publish, freshRun, stopped };
}
