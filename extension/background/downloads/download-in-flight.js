// @ts-check
// The files downloading now, kept in the worker's memory: the queue is their only writer. The store has them
// too (state 'active', with the link each started with, not the download's id), and a new worker reads them
// from it once; a download whose id this worker never learned is matched by its link.
import { activeFiles } from '../../shared/download-store.js';

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */

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
  /** The browser's download of a file: by its id, else (a worker that stopped before learning it) by its link. */
  async function browserItemOf(/** @type {FileEntry} */ f) {
    if (f.downloadId !== undefined) return (await chrome.downloads.search({ id: f.downloadId }))[0];
    return f.url ? (await chrome.downloads.search({ url: f.url }))[0] : undefined;
  }
  /** Pauses, resumes or cancels the browser's downloads of these files (the ones whose id is known). */
  async function act(/** @type {'pause' | 'resume' | 'cancel'} */ what, list = [...files.values()]) {
    for (const f of list) if (f.downloadId !== undefined) await chrome.downloads[what](f.downloadId).catch(() => {});
  }
  return { files, load, ofDownload, browserItemOf, act, launching };
}
