// @ts-check
// The files downloading now, kept in the worker's memory: the queue is their only writer. The store has them
// too (state 'active', with the link each started with, not the download's id), and a new worker reads them
// from it once; a download whose id this worker never learned is matched by its link.
import { activeFiles } from '../shared/download-store.js';

/** @typedef {import('../shared/download-store.js').FileEntry} FileEntry */

export function createInFlight() {
  /** @type {Map<string, FileEntry>} uri → file */
  const files = new Map();
  /** Files whose download this worker asked for and the browser has not yet given an id. */
  const launching = new Set();
  let loaded = false;
  async function load() {
    if (loaded) return;
    for (const f of await activeFiles()) files.set(f.uri, f);
    loaded = true;
  }
  /** The file a download of ours is for: by its id, else (a worker that never saw it start) by its link. */
  const ofDownload = (/** @type {chrome.downloads.DownloadItem} */ item) =>
    [...files.values()].find((f) => f.downloadId === item.id) ?? [...files.values()].find((f) => f.downloadId === undefined && f.url === item.url);
  return { files, load, ofDownload, launching };
}
