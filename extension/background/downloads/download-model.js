// @ts-check
// The download run's model: its state, events, actions and limits, and the small changes every decision shares
// (download-step.js decides, download-events.js says what each event means). Pure: no I/O, no clock.
export const MAX_TRIES = 3;
export const PARALLEL = 3;
export const LOOKAHEAD = 32; // links made ahead for this many files at once (one re-sign for them all; the core takes 200)
export const STARTING_MS = 60_000; // a download the browser does not list yet is given this long to appear
export const PREPARED_MS = 60_000; // a link made ahead is used for a minute (the core calls it stale 5 minutes early)
export const LINK_RETRY_MS = 30_000; // links that could not be made for a passing reason: asked again after this

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {import('../../shared/download-store.js').DownloadRun} DownloadRun */
/** @typedef {{url: string, name: string} | {error: {kind?: string, code?: string, message?: string}, stopRun?: boolean, later?: boolean}} Link */
/** @typedef {{id: number, url: string, state: string, error?: string, fileSize?: number, bytesReceived?: number, paused?: boolean}} Item */
/** @typedef {FileEntry & {launchId?: number}} Active */
/** @typedef {{file: FileEntry & {url: string, name: string}, durable: boolean}} Ready  claimed ahead (with its link), not launched */
/**
 * @typedef {{loaded: boolean, restarted: boolean, run?: DownloadRun, active: Record<string, Active>, upcoming: FileEntry[],
 *   version: number, reading: boolean, exhausted: boolean, links: Record<string, {link: Link, tries: number, at: number}>,
 *   linking: boolean, linkRetryAt: number, closing: boolean, launches: number, ready: Ready[], wokeAt: number}} DownloadState
 * @typedef {{type: 'woke', run?: DownloadRun, active: FileEntry[], restarted: boolean}
 *   | {type: 'enqueue', files: FileEntry[], known: (FileEntry | undefined)[], onlyNew: boolean}
 *   | {type: 'lineRead', version: number, files: FileEntry[], asked: number}
 *   | {type: 'linksMade', links: Record<string, Link>, tries: Record<string, number>}
 *   | {type: 'started', uri: string, launchId: number, id: number}
 *   | {type: 'refused', uri: string, launchId: number, why: string}
 *   | {type: 'ended', item: Item} | {type: 'found', uri: string, item?: Item, unseen: boolean}
 *   | {type: 'claimed', uris: string[], unclaimed: string[]} | {type: 'requeued', count: number}
 *   | {type: 'poke' | 'tick' | 'pause' | 'resume' | 'cancel'}} DownloadEvent
 * @typedef {{do: 'write', files: FileEntry[], run?: DownloadRun} | {do: 'claim', files: FileEntry[]}
 *   | {do: 'remove', uris: string[], run: DownloadRun} | {do: 'dropLine' | 'dropFailed'}
 *   | {do: 'readLine', version: number, count: number} | {do: 'makeLinks', files: FileEntry[]}
 *   | {do: 'download', file: FileEntry, url: string, name: string, launchId: number}
 *   | {do: 'lookUp', file: FileEntry, unseen: boolean} | {do: 'browser', what: 'pause' | 'resume' | 'cancel', ids: number[]}} DownloadAction
 */

/** @returns {DownloadState} */
export const initialState = () => ({
  loaded: false,
  restarted: false,
  active: {},
  upcoming: [],
  version: 0,
  reading: false,
  exhausted: false,
  links: {},
  ready: [],
  wokeAt: 0,
  linking: false,
  linkRetryAt: 0,
  closing: false,
  launches: 0,
});

/** @param {number} now @returns {DownloadRun} */
export const freshRun = (now) => ({
  uri: '\u0000run',
  state: 'done',
  total: 0,
  saved: 0,
  failures: 0,
  bytes: 0,
  startedAt: now,
  runMs: 0,
  nextSeq: 0,
});

/** A file dropped from the line (cancelled, or a failure forgotten): one saved before stays known as saved. @param {FileEntry} f */
export const forgetUnlessSaved = (f) =>
  f.savedAt ? { ...f, state: /** @type {const} */ ('saved'), error: undefined, tries: 0 } : null;

/** @typedef {{s: DownloadState, now: number, actions: DownloadAction[]}} Context */

/** The run's time spent running, and the run stopped in a state. @param {Context} c @param {DownloadRun} r @param {DownloadRun['state']} state */
export const stopped = (c, r, state) => ({
  ...r,
  state,
  runMs: r.runMs + (r.state === 'running' && r.resumedAt ? c.now - r.resumedAt : 0),
  resumedAt: undefined,
});

/** The line changed other than by a file starting: what was read ahead is read again. @param {Context} c */
export function lineChanged(c) {
  c.s.version++;
  c.s.upcoming = [];
  c.s.reading = false;
  c.s.exhausted = false;
}

/** A file given up: listed as failed with why. @param {Context} c @param {FileEntry} f @param {string} why */
export function fail(c, f, why) {
  delete c.s.active[f.uri];
  const run = c.s.run ?? freshRun(c.now);
  c.s.run = { ...run, failures: run.failures + 1 };
  c.actions.push({ do: 'write', files: [{ ...stored(f), state: 'failed', error: why, url: undefined }], run: c.s.run });
}

/** A file as stored: without what only this worker knows (its launch, its download's id). @param {Active} f @returns {FileEntry} */
export function stored(f) {
  const out = { ...f };
  delete out.launchId;
  delete out.downloadId;
  return out;
}

/** The browser's ids of the downloads under way. */
export const idsOf = (/** @type {Context} */ c) =>
  Object.values(c.s.active).flatMap((f) => (f.downloadId === undefined ? [] : [f.downloadId]));
/** Launched by this worker, its id not yet given by the browser: nothing to look up yet. */
export const launching = (/** @type {Active} */ f) => f.launchId !== undefined && f.downloadId === undefined;
/** Every download under way looked up in the browser. */
export function lookUpAll(/** @type {Context} */ c) {
  for (const f of Object.values(c.s.active)) if (!launching(f)) c.actions.push({ do: 'lookUp', file: f, unseen: true });
}
