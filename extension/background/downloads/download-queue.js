// @ts-check
// The download manager: originals saved a few at a time from a queue in IndexedDB (shared/download-store.js), so
// a stopped worker or a browser restart goes on where it was. Links are made just before files start (`linksFor`);
// a refused file is tried again with a new link twice, then listed with the browser's reason. Each step touches
// only the files in flight: 5,000 in line cost what 5 do.
import { changeAllIn, claimFiles, getFiles, writeFiles } from '../../shared/download-store.js';
import { createLineAhead } from './download-line.js';
import { createInFlight } from './download-in-flight.js';
import { createRunRecord } from './download-run.js';
import * as facts from '../../state/facts.js';
import { serial as inTurn } from '../../state/serial.js';
export { DOWNLOAD_ALARM } from './download-run.js';
const MAX_TRIES = 3;
const STARTING_MS = 60_000;  // a download the browser does not list yet is given this long before it is started again

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {import('../../shared/download-store.js').DownloadRun} DownloadRun */
/** @typedef {import('./download-line.js').Link} Link */
/** @typedef {{submitId: string, files: {uri: string, index: number, video: boolean, label?: string}[]}} JobFiles */

/**
 * @param {{ linksFor: (files: FileEntry[]) => Promise<Map<string, Link>>, parallel?: number, now?: () => number }} deps
 *   linksFor: a fresh link and file name for each file, or why there is none (stopRun: nothing can be fetched now,
 *   e.g. no Jimeng page to re-sign through: the run pauses with that reason instead of failing every file)
 */
export function createDownloadQueue({ linksFor, parallel = 3, now = Date.now }) {
  const serial = inTurn((e) => console.warn('download queue', e));  // every change in turn: events, the pump and commands never interleave

  const { readRun, commit, commitRemoving, publish, freshRun, stopped } = createRunRecord(now);
  const { take: takeWaiting, linksOf, changed: lineChanged } = createLineAhead(linksFor, now);
  const { files: inFlight, load: loadInFlight, ofDownload: fileOfDownload, browserItemOf, act, launching } = createInFlight();

  /**
   * Puts files in line. A file already waiting or downloading is not added twice; with `onlyNew`, neither is one
   * saved before. A run that had ended starts afresh (its failures are dropped: asked again, they are in line).
   * @param {JobFiles[]} jobs @param {{onlyNew?: boolean}} [o]
   */
  const enqueue = (jobs, { onlyNew = false } = {}) => serial(async () => {
    let run = (await readRun()) ?? freshRun();
    // An ended run stays on screen until something new is put in line (a backup that finds nothing keeps it).
    let ended = run.state === 'done' || run.state === 'cancelled';
    let added = 0, skipped = 0;
    const files = jobs.flatMap((j) => j.files.map((f) => ({ ...f, submitId: j.submitId })));
    for (let start = 0; start < files.length; start += 500) {
      const part = files.slice(start, start + 500);
      const known = await getFiles(part.map((f) => f.uri));
      const seen = new Set();
      const fresh = part.filter((f, k) => {
        const old = known[k];
        const skip = seen.has(f.uri) || old?.state === 'waiting' || old?.state === 'active' || (onlyNew && old?.state === 'saved');
        seen.add(f.uri);
        return !skip;
      });
      skipped += part.length - fresh.length;
      if (fresh.length === 0) continue;
      if (ended) {
        await changeAllIn('failed', () => null);
        run = { ...freshRun(), nextSeq: run.nextSeq, state: 'running', resumedAt: now() };
        ended = false;
      }
      /** @type {FileEntry[]} */
      const line = fresh.map((f) => ({ uri: f.uri, submitId: f.submitId, index: f.index, video: f.video, label: f.label, state: 'waiting', seq: run.nextSeq++, tries: 0 }));
      added += line.length;
      run = { ...run, total: run.total + line.length };
      await commit(line, run);
      lineChanged();
    }
    return { ok: true, added, skipped };
  }).then(async (r) => { await pump(); return { ...r, run: await readRun() }; });

  let closing = false;  // the browser said it is shutting down: the line waits for the next session's worker
  /** Starts files while fewer than `parallel` are downloading. */
  const pump = () => serial(async () => {
    await loadInFlight();
    for (;;) {
      if (closing) return;
      const run = await readRun();
      if (run?.state !== 'running') return;
      const next = inFlight.size < parallel ? await takeWaiting(parallel - inFlight.size) : [];
      if (next.length === 0) {
        if (inFlight.size === 0) await commit([], { ...stopped(run, 'done'), endedAt: now() });
        return;
      }
      if (!(await start(next, run))) return;
    }
  });

  /** @returns {Promise<boolean>} false when the run paused instead (no links can be made now) */
  async function start(/** @type {FileEntry[]} */ next, /** @type {DownloadRun} */ run) {
    const links = await linksOf(next);
    const stop = [...links.values()].find((l) => 'error' in l && l.stopRun);
    if (stop && 'error' in stop) { lineChanged(); await commit([], { ...stopped(run, 'paused'), reason: stop.error }); return false; }
    if ([...links.values()].some((l) => 'later' in l)) { lineChanged(); return false; }
    /** @type {[FileEntry, {url: string, name: string}][]} */
    const starting = [];
    for (const f of next) {
      const link = links.get(f.uri);
      if (!link || 'error' in link) await fail(f, link && 'error' in link ? link.error.code ?? 'no_link' : 'no_link');
      else starting.push([{ ...f, state: 'active', name: link.name, url: link.url, startedAt: now(), resign: false }, link]);
    }
    const claimed = new Set((await claimFiles(starting.map(([f]) => f))).map((f) => f.uri));
    if (claimed.size < starting.length) lineChanged();  // something else had started one: read the line again
    for (const [f, link] of starting) if (claimed.has(f.uri)) { inFlight.set(f.uri, f); launch(f, link); }
    return true;
  }

  /** The browser gives a download its id once the host answers: that wait holds no one else (pause, the next files). */
  function launch(/** @type {FileEntry} */ f, /** @type {{url: string, name: string}} */ link) {
    launching.add(f.uri);
    chrome.downloads.download({ url: link.url, filename: link.name, conflictAction: 'uniquify', saveAs: false }).then(
      (id) => serial(() => began(f, id)),
      (e) => serial(() => refused(f, String(e?.message ?? e))).then(() => pump()))
      .finally(() => launching.delete(f.uri));
  }

  /** The browser would not start it. Closing, it says so: the file waits in line for the next session's worker. */
  async function refused(/** @type {FileEntry} */ f, /** @type {string} */ why) {
    if (!/shutting down/i.test(why)) return fail(f, why);
    closing = true;
    inFlight.delete(f.uri);
    await writeFiles([{ ...f, state: 'waiting', resign: true }]);
  }

  async function began(/** @type {FileEntry} */ f, /** @type {number} */ id) {
    const current = inFlight.get(f.uri);
    // Cancelled, or settled meanwhile (its end reported before its id was known) and the file started again:
    // this download is no longer the file's, and a newer try must not take its id.
    if (current !== f || current.downloadId !== undefined) { await chrome.downloads.cancel(id).catch(() => {}); return; }
    current.downloadId = id;
    if ((await readRun())?.state === 'paused') await chrome.downloads.pause(id).catch(() => {});
    // It may have ended before its id was stored, when onChanged could not tell it was ours.
    const [item] = await chrome.downloads.search({ id });
    if (item && item.state !== 'in_progress') { await settle(item); pump(); }
  }

  async function fail(/** @type {FileEntry} */ f, /** @type {string} */ why) {
    const run = (await readRun()) ?? freshRun();
    inFlight.delete(f.uri);
    await commit([{ ...f, state: 'failed', error: why }], { ...run, failures: run.failures + 1 });
  }

  /**
   * A download of ours that ended: saved, tried again with a new link, or failed. One cancelled while no worker
   * watched (`unseen`) was most likely cut by the browser closing, which reports it as cancelled: tried again.
   * @param {chrome.downloads.DownloadItem} item
   */
  async function settle(item, unseen = false) {
    await loadInFlight();
    const f = fileOfDownload(item);
    if (!f || item.state === 'in_progress') return;
    const run = (await readRun()) ?? freshRun();
    inFlight.delete(f.uri);
    if (item.state === 'complete') {
      const bytes = item.fileSize > 0 ? item.fileSize : item.bytesReceived;
      await commit([{ ...f, state: 'saved', savedAt: now(), bytes }], { ...run, saved: run.saved + 1, bytes: run.bytes + bytes });
    } else if (item.state === 'interrupted') {
      // Refused (a link that expired, a host that blinked) or cut by a browser restart: a new link, at the front.
      if (f.tries + 1 < MAX_TRIES && (item.error !== 'USER_CANCELED' || unseen)) { await writeFiles([{ ...f, state: 'waiting', tries: f.tries + 1, resign: true }]); lineChanged(); }
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
    // Session facts are emptied when the browser closes: no mark there means this is a new browser session
    // (every worker reconciles when it starts, so a worker of this session has left the mark).
    const restarted = !(await facts.get('downloadQueueSession'));
    await facts.set('downloadQueueSession', true);
    const run = await readRun();
    if (!run || run.state === 'done' || run.state === 'cancelled') return;
    await publish(run);  // the alarm too, which a browser restart may have lost
    await loadInFlight();
    for (const f of [...inFlight.values()]) {
      if (launching.has(f.uri)) continue;
      const item = await browserItemOf(f);
      // Not (yet) in the browser: one started a moment ago may still be waiting for the host's first answer.
      // After a browser restart nothing is still starting: what the browser does not list is started again now.
      if (!item && !restarted && now() - (f.startedAt ?? 0) < STARTING_MS) continue;
      if (!item) { inFlight.delete(f.uri); await writeFiles([{ ...f, state: 'waiting', resign: true }]); lineChanged(); }
      else f.downloadId = item.id;
      if (item && item.state !== 'in_progress') await settle(item, true);
      else if (item?.paused && run.state === 'running') await chrome.downloads.resume(item.id).catch(() => {});
    }
  }).then(() => pump());

  const pause = () => serial(async () => {
    const run = await readRun();
    if (run?.state !== 'running') return run;
    const paused = stopped(run, 'paused');
    await commit([], paused);
    await act('pause');
    return paused;
  });

  const resume = () => serial(async () => {
    const run = await readRun();
    if (run?.state !== 'paused') return run;
    const going = { ...run, state: /** @type {const} */ ('running'), resumedAt: now(), reason: undefined };
    await commit([], going);
    await act('resume');
    return going;
  }).then(async (r) => { await reconcile(); return r; });

  /** Stops the run: what is in line is dropped, what downloads is cancelled (and its part removed by the browser). */
  const cancel = () => serial(async () => {
    const run = await readRun();
    if (!run || run.state === 'done' || run.state === 'cancelled') return run;
    await loadInFlight();
    const active = [...inFlight.values()];
    inFlight.clear();
    await changeAllIn('waiting', () => null);
    lineChanged();
    const ended = { ...stopped(run, 'cancelled'), endedAt: now() };
    await commitRemoving(active.map((f) => f.uri), ended);
    await act('cancel', active);
    return ended;
  });

  /** Every failed file back in line, with a new link. */
  const retryFailed = () => serial(async () => {
    const run = (await readRun()) ?? freshRun();
    const n = await changeAllIn('failed', (f) => ({ ...f, state: 'waiting', tries: 0, resign: true, error: undefined }));
    lineChanged();
    const going = run.state === 'running' ? run : { ...run, state: /** @type {const} */ ('running'), resumedAt: now(), endedAt: undefined, reason: undefined };
    await commit([], { ...going, failures: Math.max(0, run.failures - n) });
    return n;
  }).then(async (n) => { await pump(); return { ok: true, retried: n }; });

  /** Resolves once nothing is pending (for tests and benchmarks: every started step has run). */
  async function idle() {
    for (let seen; seen !== serial.settled() || launching.size > 0;) { seen = serial.settled(); await seen; await new Promise((r) => setTimeout(r, 0)); }
  }

  return { enqueue, pump, onChanged, reconcile, pause, resume, cancel, retryFailed, idle, status: readRun };
}
