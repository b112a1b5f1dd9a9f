// @ts-check
// The download run shown to the views: a copy of the run's record (its counters live in the files store, written
// with the files they count) in the `downloadRun` fact. A change of state is shown at once, with the alarm that
// wakes a stopped worker while the run goes on; counters alone at most every 300 ms.
import * as facts from '../../state/facts.js';

export const DOWNLOAD_ALARM = 'jimeng-downloads'; // while a run goes on: a stopped worker is started again
const MIRROR_EVERY_MS = 300;

/** @typedef {import('../../shared/download-store.js').DownloadRun} DownloadRun */

export function createRunPublisher() {
  /** @type {DownloadRun['state'] | undefined} */
  let published;
  /** @type {DownloadRun | undefined} */
  let latest;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let mirrorTimer;
  return async function publish(/** @type {DownloadRun} */ run) {
    latest = run;
    if (run.state === published) {
      mirrorTimer ??= setTimeout(() => {
        mirrorTimer = undefined;
        if (latest) facts.set('downloadRun', latest);
      }, MIRROR_EVERY_MS);
      return;
    }
    published = run.state;
    await facts.set('downloadRun', run);
    if (run.state === 'running') chrome.alarms.create(DOWNLOAD_ALARM, { periodInMinutes: 0.5 });
    else chrome.alarms.clear(DOWNLOAD_ALARM);
  };
}
