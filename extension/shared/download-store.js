// @ts-check
// The download manager's files, in IndexedDB beside the jobs: one record per file, keyed by its uri (an image's
// image_uri, a video's vid), waiting in line, downloading, failed (with why) or saved (with its name and
// when). Sparse indexes hold only the files in each state, so the manager reads what is in flight, never the
// history; a saved record stays, which is how "back up what is new" knows what is on disk already.
// The run's counters live in the same store under RUN_KEY (no state, so in no index), written in the same
// transaction as the file they count: a worker stopped between two writes cannot leave them out of step.
import { FILES, db } from './job-store.js';

export const RUN_KEY = '\u0000run';

/**
 * @typedef {{uri: string, submitId: string, index: number, video?: boolean, state: 'waiting' | 'active' | 'failed' | 'saved',
 *   seq: number, tries: number, label?: string, name?: string, url?: string, downloadId?: number, startedAt?: number, savedAt?: number, bytes?: number,
 *   resign?: boolean, error?: string, waiting?: number, active?: number, failed?: number}} FileEntry
 * @typedef {{uri: string, state: 'running' | 'paused' | 'done' | 'cancelled', total: number, saved: number, failures: number,
 *   bytes: number, startedAt: number, runMs: number, resumedAt?: number, endedAt?: number, nextSeq: number,
 *   reason?: {kind?: string, code?: string, message?: string}}} DownloadRun
 */

/** The index fields of a file in its state; a saved or failed file keeps no download id. @param {FileEntry} e */
export function withFileIndexFields(e) {
  const out = { ...e };
  // The download's id is the worker's to keep (download-queue.js): a new worker finds a download by its link.
  delete out.waiting;
  delete out.active;
  delete out.failed;
  delete out.downloadId;
  if (e.state !== 'active') delete out.url; // a signed link, kept only while its download may be found by it
  if (e.state === 'waiting') out.waiting = e.seq;
  if (e.state === 'active') out.active = 1;
  if (e.state === 'failed') out.failed = e.seq;
  return out;
}

/** @returns {Promise<DownloadRun | undefined>} */
export async function readRun() {
  return (await db()).get(FILES, RUN_KEY);
}

/**
 * Writes files (and the run, when given) in one transaction.
 * @param {FileEntry[]} files @param {DownloadRun} [run]
 */
export async function writeFiles(files, run) {
  const tx = (await db()).transaction(FILES, 'readwrite');
  for (const f of files) tx.store.put(withFileIndexFields(f));
  if (run) tx.store.put(run);
  await tx.done;
}

/**
 * Marks files as downloading only if each is still waiting at the same try (read and written in one
 * transaction): whatever else started it meanwhile (another worker, a stale read), it starts once.
 * @param {FileEntry[]} files the files as they will be stored, state 'active' @returns {Promise<FileEntry[]>} those claimed
 * @param {{files: FileEntry[], run?: DownloadRun}} [first] written first in the same transaction (the file that
 *   ended, before the next starts: one transaction where there were two)
 */
export async function claimFiles(files, first) {
  const tx = (await db()).transaction(FILES, 'readwrite');
  for (const f of first?.files ?? []) tx.store.put(withFileIndexFields(f));
  if (first?.run) tx.store.put(first.run);
  const now = await Promise.all(files.map((f) => tx.store.get(f.uri)));
  const seen = new Set();
  const claimed = files.filter(
    (f, k) => now[k]?.state === 'waiting' && now[k].tries === f.tries && !seen.has(f.uri) && seen.add(f.uri),
  );
  for (const f of claimed) tx.store.put(withFileIndexFields(f));
  await tx.done;
  return claimed;
}

/** Removes files (and writes the run, when given) in one transaction. @param {string[]} uris @param {DownloadRun} [run] */
export async function removeFiles(uris, run) {
  const tx = (await db()).transaction(FILES, 'readwrite');
  for (const uri of uris) tx.store.delete(uri);
  if (run) tx.store.put(run);
  await tx.done;
}

/** @param {string[]} uris @returns {Promise<(FileEntry | undefined)[]>} */
export async function getFiles(uris) {
  const tx = (await db()).transaction(FILES);
  return Promise.all(uris.map((u) => tx.store.get(u)));
}

/** The next `limit` files in line, oldest request first. @returns {Promise<FileEntry[]>} */
export async function nextWaiting(/** @type {number} */ limit) {
  return (await db()).getAllFromIndex(FILES, 'waiting', null, limit);
}

/** The files downloading now (2–3). @returns {Promise<FileEntry[]>} */
export async function activeFiles() {
  return (await db()).getAllFromIndex(FILES, 'active');
}

/** The first `limit` failed files, with their reasons. @returns {Promise<FileEntry[]>} */
export async function failedFiles(limit = 50) {
  return (await db()).getAllFromIndex(FILES, 'failed', null, limit);
}

/** How many files are in a state's index. @param {'waiting' | 'active' | 'failed'} index */
export async function countFiles(index) {
  return (await db()).countFromIndex(FILES, index);
}

/** Changes every file of one state's index, a chunk per transaction (cancel, retry: the user's one-off acts).
 *  `change` returns the file to write, or null to remove it. @param {'waiting' | 'failed'} index
 *  @param {(f: FileEntry) => FileEntry | null} change @returns {Promise<number>} how many */
export async function changeAllIn(index, change, chunk = 500) {
  let n = 0;
  for (;;) {
    const tx = (await db()).transaction(FILES, 'readwrite');
    const got = /** @type {FileEntry[]} */ (await tx.store.index(index).getAll(null, chunk));
    for (const f of got) {
      const next = change(f);
      if (next) tx.store.put(withFileIndexFields(next));
      else tx.store.delete(f.uri);
    }
    await tx.done;
    n += got.length;
    if (got.length < chunk) return n;
  }
}
