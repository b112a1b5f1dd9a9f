// @ts-check
// The download manager: originals saved a few at a time from a queue kept in IndexedDB (shared/download-store.js),
// so a stopped worker or a browser restart goes on where it was. Every link is made fresh just before its file
// starts (stale ones re-signed or re-polled by `linksFor`); a file the host refuses is tried again with a new
// link, twice at most, then listed as failed with the browser's reason. Each step reads and writes only the
// files in flight: 5,000 in line cost what 5 do.
import { activeFiles, changeAllIn, fileByDownloadId, getFiles, nextWaiting, readRun, removeFiles, writeFiles, RUN_KEY } from '../shared/download-store.js';

export const RUN_MIRROR = 'downloadRun';        // chrome.storage.local: the run's counters, for the views
export const DOWNLOAD_ALARM = 'jimeng-downloads'; // while a run goes on: a stopped worker is started again
const MAX_TRIES = 3;

/** @typedef {import('../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {import('../shared/download-store.js').DownloadRun} DownloadRun */
/** @typedef {{url: string, name: string} | {error: {kind?: string, code?: string, message?: string}, stopRun?: boolean, later?: boolean}} Link */
/** @typedef {{submitId: string, files: {uri: string, index: number, video: boolean}[]}} JobFiles */

/**
 * @param {{ linksFor: (files: FileEntry[]) => Promise<Map<string, Link>>, parallel?: number, now?: () => number }} deps
 *   linksFor: a fresh link and file name for each file, or why there is none (stopRun: nothing can be fetched now,
 *   e.g. no Jimeng page to re-sign through: the run pauses with that reason instead of failing every file)
 */
export function createDownloadQueue({ linksFor, parallel = 3, now = Date.now }) {
  /** Every change goes through this chain: onChanged events, the pump and the user's commands never interleave. */
  let chain = Promise.resolve();
  const serial = (/** @type {() => Promise<any>} */ fn) => {
    const next = chain.then(fn);
    chain = next.catch((e) => console.warn('download queue', e));
    return next;
  };

  const fresh = () => /** @type {DownloadRun} */ ({ uri: RUN_KEY, state: 'done', total: 0, saved: 0, failures: 0, bytes: 0, startedAt: now(), runMs: 0, nextSeq: 0 });
  /** Writes files and the run together, then shows the run to the views and keeps the alarm while it goes on. */
  async function commit(/** @type {FileEntry[]} */ files, /** @type {DownloadRun} */ run) {
    await writeFiles(files, run);
    await publish(run);
  }
  async function publish(/** @type {DownloadRun} */ run) {
    await chrome.storage.local.set({ [RUN_MIRROR]: run });
    if (run.state === 'running') chrome.alarms.create(DOWNLOAD_ALARM, { periodInMinutes: 0.5 });
    else chrome.alarms.clear(DOWNLOAD_ALARM);
  }
  const runTime = (/** @type {DownloadRun} */ r) => r.runMs + (r.state === 'running' && r.resumedAt ? now() - r.resumedAt : 0);
  const stopped = (/** @type {DownloadRun} */ r, /** @type {DownloadRun['state']} */ state) => ({ ...r, state, runMs: runTime(r), resumedAt: undefined });

  /**
   * Puts files in line. A file already waiting or downloading is not added twice; with `onlyNew`, neither is one
   * saved before. A run that had ended starts afresh (its failures are dropped: asked again, they are in line).
   * @param {JobFiles[]} jobs @param {{onlyNew?: boolean}} [o]
   */
  const enqueue = (jobs, { onlyNew = false } = {}) => serial(async () => {
    let run = (await readRun()) ?? fresh();
    if (run.state === 'done' || run.state === 'cancelled') {
      await changeAllIn('failed', () => null);
      run = { ...fresh(), nextSeq: run.nextSeq, state: 'running', resumedAt: now() };
    }
    let added = 0, skipped = 0;
    const files = jobs.flatMap((j) => j.files.map((f) => ({ ...f, submitId: j.submitId })));
    for (let start = 0; start < files.length; start += 500) {
      const part = files.slice(start, start + 500);
      const known = await getFiles(part.map((f) => f.uri));
      /** @type {FileEntry[]} */
      const line = [];
      const seen = new Set();
      part.forEach((f, k) => {
        const old = known[k];
        if (seen.has(f.uri) || old?.state === 'waiting' || old?.state === 'active' || (onlyNew && old?.state === 'saved')) { skipped++; return; }
        seen.add(f.uri);
        line.push({ uri: f.uri, submitId: f.submitId, index: f.index, video: f.video, state: 'waiting', seq: run.nextSeq++, tries: 0 });
      });
      added += line.length;
      run = { ...run, total: run.total + line.length };
      await commit(line, run);
    }
    return { ok: true, added, skipped };
  }).then(async (r) => { await pump(); return { ...r, run: await readRun() }; });

  /** Starts files while fewer than `parallel` are downloading. */
  const pump = () => serial(async () => {
    for (;;) {
      const run = await readRun();
      if (run?.state !== 'running') return;
      const active = await activeFiles();
      const next = active.length < parallel ? await nextWaiting(parallel - active.length) : [];
      if (next.length === 0) {
        if (active.length === 0) await commit([], { ...stopped(run, 'done'), endedAt: now() });
        return;
      }
      if (!(await start(next, run))) return;
    }
  });

  /** @returns {Promise<boolean>} false when the run paused instead (no links can be made now) */
  async function start(/** @type {FileEntry[]} */ next, /** @type {DownloadRun} */ run) {
    const links = await linksFor(next);
    const stop = [...links.values()].find((l) => 'error' in l && l.stopRun);
    if (stop && 'error' in stop) { await commit([], { ...stopped(run, 'paused'), reason: stop.error }); return false; }
    if ([...links.values()].some((l) => 'later' in l)) return false;
    /** @type {[FileEntry, {url: string, name: string}][]} */
    const starting = [];
    for (const f of next) {
      const link = links.get(f.uri);
      if (!link || 'error' in link) await fail(f, link && 'error' in link ? link.error.code ?? 'no_link' : 'no_link');
      else starting.push([{ ...f, state: 'active', name: link.name, url: link.url, startedAt: now(), resign: false }, link]);
    }
    await writeFiles(starting.map(([f]) => f));
    for (const [f, link] of starting) launch(f, link);
    return true;
  }

  /** The browser gives a download its id once the host answers: that wait holds no one else (pause, the next files). */
  function launch(/** @type {FileEntry} */ f, /** @type {{url: string, name: string}} */ link) {
    launching.add(f.uri);
    chrome.downloads.download({ url: link.url, filename: link.name, conflictAction: 'uniquify', saveAs: false }).then(
      (id) => serial(() => began(f, id)),
      (e) => serial(() => fail(f, String(e?.message ?? e))).then(() => pump()))
      .finally(() => launching.delete(f.uri));
  }
  /** Files whose download this worker asked for and the browser has not yet given an id. */
  const launching = new Set();

  async function began(/** @type {FileEntry} */ f, /** @type {number} */ id) {
    const [current] = await getFiles([f.uri]);
    // Cancelled (or settled through a restart) while the browser was starting it: not ours to keep.
    if (current?.state !== 'active' || current.downloadId !== undefined) { await chrome.downloads.cancel(id).catch(() => {}); return; }
    await writeFiles([{ ...current, downloadId: id }]);
    if ((await readRun())?.state === 'paused') await chrome.downloads.pause(id).catch(() => {});
    // It may have ended before its id was stored, when onChanged could not tell it was ours.
    const [item] = await chrome.downloads.search({ id });
    if (item && item.state !== 'in_progress') { await settle(item); pump(); }
  }

  async function fail(/** @type {FileEntry} */ f, /** @type {string} */ why) {
    const run = (await readRun()) ?? fresh();
    await commit([{ ...f, state: 'failed', error: why }], { ...run, failures: run.failures + 1 });
  }

  /**
   * A download of ours that ended: saved, tried again with a new link, or failed. One cancelled while no worker
   * watched (`unseen`) was most likely cut by the browser closing, which reports it as cancelled: tried again.
   * @param {chrome.downloads.DownloadItem} item
   */
  async function settle(item, unseen = false) {
    const f = await fileByDownloadId(item.id);
    if (!f || f.state !== 'active') return;
    const run = (await readRun()) ?? fresh();
    if (item.state === 'complete') {
      const bytes = item.fileSize > 0 ? item.fileSize : item.bytesReceived;
      await commit([{ ...f, state: 'saved', savedAt: now(), bytes }], { ...run, saved: run.saved + 1, bytes: run.bytes + bytes });
    } else if (item.state === 'interrupted') {
      // Refused (a link that expired, a host that blinked) or cut by a browser restart: a new link, at the front.
      if (f.tries + 1 < MAX_TRIES && (item.error !== 'USER_CANCELED' || unseen)) await writeFiles([{ ...f, state: 'waiting', tries: f.tries + 1, resign: true }]);
      else await fail(f, item.error ?? 'interrupted');
    }
  }

  /** chrome.downloads.onChanged: an ended download of ours is settled and the next file started. */
  function onChanged(/** @type {chrome.downloads.DownloadDelta} */ delta) {
    const state = delta.state?.current;
    if (state !== 'complete' && state !== 'interrupted') return Promise.resolve();
    serial(async () => {
      const [item] = await chrome.downloads.search({ id: delta.id });
      if (item) await settle(item);
    });
    return pump();
  }

  /**
   * After a worker or browser restart: each file marked downloading is looked up. Ended ones are settled; one
   * whose download never got its id (the worker stopped in between) is adopted if the browser has it, else
   * put back in line; downloads the browser paused by itself go on.
   */
  const reconcile = () => serial(async () => {
    const run = await readRun();
    if (!run || run.state === 'done' || run.state === 'cancelled') return;
    for (const f of await activeFiles()) {
      if (launching.has(f.uri)) continue;
      const [item] = f.downloadId !== undefined ? await chrome.downloads.search({ id: f.downloadId }) : await startedAs(f);
      if (!item) await writeFiles([{ ...f, state: 'waiting', resign: true }]);
      else if (f.downloadId === undefined) await writeFiles([{ ...f, downloadId: item.id }]);
      if (item && item.state !== 'in_progress') await settle(item, true);
      else if (item?.paused && run.state === 'running') await chrome.downloads.resume(item.id).catch(() => {});
    }
  }).then(() => pump());

  /** The browser's download of a file that was starting when the worker stopped, found by its link. */
  async function startedAs(/** @type {FileEntry} */ f) {
    if (!f.url) return [];
    return chrome.downloads.search({ url: f.url });
  }

  const pause = () => serial(async () => {
    const run = await readRun();
    if (run?.state !== 'running') return run;
    const paused = stopped(run, 'paused');
    await commit([], paused);
    for (const f of await activeFiles()) if (f.downloadId !== undefined) await chrome.downloads.pause(f.downloadId).catch(() => {});
    return paused;
  });

  const resume = () => serial(async () => {
    const run = await readRun();
    if (run?.state !== 'paused') return run;
    const going = { ...run, state: /** @type {const} */ ('running'), resumedAt: now(), reason: undefined };
    await commit([], going);
    for (const f of await activeFiles()) if (f.downloadId !== undefined) await chrome.downloads.resume(f.downloadId).catch(() => {});
    return going;
  }).then(async (r) => { await reconcile(); return r; });

  /** Stops the run: what is in line is dropped, what downloads is cancelled (and its part removed by the browser). */
  const cancel = () => serial(async () => {
    const run = await readRun();
    if (!run || run.state === 'done' || run.state === 'cancelled') return run;
    const active = await activeFiles();
    await changeAllIn('waiting', () => null);
    const ended = { ...stopped(run, 'cancelled'), endedAt: now() };
    await removeFiles(active.map((f) => f.uri), ended);
    await publish(ended);
    for (const f of active) if (f.downloadId !== undefined) await chrome.downloads.cancel(f.downloadId).catch(() => {});
    return ended;
  });

  /** Every failed file back in line, with a new link. */
  const retryFailed = () => serial(async () => {
    const run = (await readRun()) ?? fresh();
    const n = await changeAllIn('failed', (f) => ({ ...f, state: 'waiting', tries: 0, resign: true, error: undefined }));
    const going = run.state === 'running' ? run : { ...run, state: /** @type {const} */ ('running'), resumedAt: now(), endedAt: undefined, reason: undefined };
    await commit([], { ...going, failures: Math.max(0, run.failures - n) });
    return n;
  }).then(async (n) => { await pump(); return { ok: true, retried: n }; });

  /** Resolves once nothing is pending (for tests and benchmarks: every started step has run). */
  async function idle() {
    for (;;) {
      const seen = chain;
      await seen;
      await new Promise((r) => setTimeout(r, 0));
      if (seen === chain && launching.size === 0) return;
    }
  }

  return { enqueue, pump, onChanged, reconcile, pause, resume, cancel, retryFailed, idle, status: readRun };
}
