// @ts-check
// What the download shell (download-queue.js) asks of the world for the step, each answer an event: the next files in
// line (IndexedDB), links made for files (the caller's `linksFor`), and a file's download in the browser.
import { nextWaiting } from '../../shared/download-store.js';

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {import('./download-model.js').Link} Link */
/** @typedef {import('./download-model.js').Item} Item */
/** @typedef {import('./download-model.js').DownloadEvent} DownloadEvent */

/** The fields of the browser's download the step reads. @param {chrome.downloads.DownloadItem} d @returns {Item} */
export const itemOf = (d) => ({
  id: d.id,
  url: d.url,
  state: d.state,
  error: d.error,
  fileSize: d.fileSize,
  bytesReceived: d.bytesReceived,
  paused: d.paused,
});

/** The next files in line, oldest request first. @returns {Promise<DownloadEvent>} */
export const readLine = async (/** @type {number} */ version, /** @type {number} */ count) => ({
  type: 'lineRead',
  version,
  files: await nextWaiting(count),
  asked: count,
});

/** @param {(files: FileEntry[]) => Promise<Map<string, Link>>} linksFor @param {FileEntry[]} files @returns {Promise<DownloadEvent>} */
export async function makeLinks(linksFor, files) {
  const tries = Object.fromEntries(files.map((f) => [f.uri, f.tries]));
  try {
    return { type: 'linksMade', links: Object.fromEntries(await linksFor(files)), tries };
  } catch (e) {
    // a fault of ours while making them: asked again later rather than failing every file
    console.warn('download links', e);
    return {
      type: 'linksMade',
      links: Object.fromEntries(files.map((f) => [f.uri, { error: { code: 'no_link' }, later: true }])),
      tries,
    };
  }
}

/** A file's download in the browser: by its id, else (a worker that never learned it) by its link. */
export async function lookUp(/** @type {FileEntry} */ f, /** @type {boolean} */ unseen) {
  const [d] =
    f.downloadId !== undefined
      ? await chrome.downloads.search({ id: f.downloadId })
      : f.url
        ? await chrome.downloads.search({ url: f.url })
        : [];
  return /** @type {DownloadEvent} */ ({ type: 'found', uri: f.uri, item: d && itemOf(d), unseen });
}
