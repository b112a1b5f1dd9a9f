// @ts-check
// What each event means to the download run (download-step.js calls these; each changes the step's copy of the
// state and lists actions; none performs I/O). The browser's answers, the user's commands and the worker's wake.
import {
  LINK_RETRY_MS,
  MAX_TRIES,
  STARTING_MS,
  fail,
  freshRun,
  idsOf,
  launching,
  lineChanged,
  lookUpAll,
  stopped,
  stored,
} from './download-model.js';
import { cancel, pause, requeued, resume } from './download-commands.js';

/** @typedef {import('./download-model.js').Context} Context */
/** @typedef {import('./download-model.js').DownloadEvent} DownloadEvent */
/** @typedef {import('./download-model.js').Active} Active */
/** @typedef {import('./download-model.js').Item} Item */
/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */

/** @param {Context} c @param {DownloadEvent} e @returns {any} the answer to a command */
export function onEvent(c, e) {
  switch (e.type) {
    case 'woke':
      return woke(c, e);
    case 'enqueue':
      return enqueue(c, e);
    case 'lineRead':
      return lineRead(c, e);
    case 'linksMade':
      return linksMade(c, e);
    case 'started':
      return started(c, e);
    case 'refused':
      return refused(c, e);
    case 'ended':
      return ended(c, e.item);
    case 'found':
      return found(c, e);
    case 'claimed':
      return claimed(c, e);
    case 'tick':
      return lookUpAll(c);
    case 'poke':
      return undefined;
    case 'pause':
      return pause(c);
    case 'resume':
      return resume(c);
    case 'cancel':
      return cancel(c);
    case 'requeued':
      return requeued(c, e.count);
  }
}

/** Files claimed ahead are on disk as downloading: they may start. One something else had started is dropped. */
function claimed(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'claimed'}>} */ e) {
  for (const r of c.s.ready) if (e.uris.includes(r.file.uri)) r.durable = true;
  if (!e.unclaimed.length) return;
  c.s.ready = c.s.ready.filter((r) => r.durable || !e.unclaimed.includes(r.file.uri));
  lineChanged(c);
}

/** A new worker: the run and the files marked downloading, from the store; each is looked up in the browser. */
function woke(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'woke'}>} */ e) {
  Object.assign(c.s, { loaded: true, restarted: e.restarted, run: e.run, wokeAt: c.now });
  for (const f of e.active) c.s.active[f.uri] = f;
  lookUpAll(c);
}

/** Files put in line: not twice while waiting or downloading, nor (`onlyNew`) when saved before. */
function enqueue(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'enqueue'}>} */ e) {
  const seen = new Set();
  const fresh = e.files.filter((f, k) => {
    const old = e.known[k];
    const skip =
      seen.has(f.uri) ||
      old?.state === 'waiting' ||
      old?.state === 'active' ||
      (e.onlyNew && !!(old?.savedAt || old?.state === 'saved'));
    seen.add(f.uri);
    return !skip;
  });
  const skipped = e.files.length - fresh.length;
  if (fresh.length === 0) return { added: 0, skipped };
  const old = new Map(e.files.map((f, k) => [f.uri, e.known[k]]));
  let run = c.s.run ?? freshRun(c.now);
  // An ended run stays on screen until something new is put in line; its failures are dropped (asked again, they are in line).
  // In a run going on, a failed file asked again is in line again: no longer a failure, and not a new file.
  let again = 0;
  if (run.state === 'done' || run.state === 'cancelled') {
    c.actions.push({ do: 'dropFailed' });
    run = { ...freshRun(c.now), nextSeq: run.nextSeq, state: 'running', resumedAt: c.now };
  } else again = fresh.filter((f) => old.get(f.uri)?.state === 'failed').length;
  const line = fresh.map((f) => {
    const was = old.get(f.uri);
    const saved = was?.savedAt ? { savedAt: was.savedAt, bytes: was.bytes } : {}; // a saved file stays known as saved
    return {
      uri: f.uri,
      submitId: f.submitId,
      index: f.index,
      video: f.video,
      label: f.label,
      ...saved,
      state: /** @type {const} */ ('waiting'),
      seq: run.nextSeq++,
      tries: 0,
    };
  });
  c.s.run = { ...run, total: run.total + line.length - again, failures: run.failures - again };
  c.actions.push({ do: 'write', files: line, run: c.s.run });
  lineChanged(c);
  return { added: line.length, skipped };
}

function lineRead(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'lineRead'}>} */ e) {
  if (e.version !== c.s.version) return; // the line changed meanwhile: read again
  c.s.reading = false;
  // A read made before the last claims still lists the files claimed since: they are not in line any more.
  const claimed = new Set(c.s.ready.map((r) => r.file.uri));
  c.s.upcoming = e.files.filter((f) => !c.s.active[f.uri] && !claimed.has(f.uri));
  c.s.exhausted = e.files.length < e.asked;
}

/** Links made ahead are kept for their try; none can be made now: the run pauses with why, or asks again later. */
function linksMade(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'linksMade'}>} */ e) {
  c.s.linking = false;
  const links = Object.values(e.links);
  const stop = links.find((l) => 'error' in l && l.stopRun);
  if (stop && 'error' in stop) {
    if (c.s.run?.state === 'running') {
      c.s.run = { ...stopped(c, c.s.run, 'paused'), reason: stop.error };
      c.actions.push({ do: 'write', files: [], run: c.s.run }, { do: 'browser', what: 'pause', ids: idsOf(c) });
    }
    return;
  }
  if (links.some((l) => 'error' in l && l.later)) {
    c.s.linkRetryAt = c.now + LINK_RETRY_MS;
    return;
  }
  for (const [uri, link] of Object.entries(e.links)) c.s.links[uri] = { link, tries: e.tries[uri] ?? 0, at: c.now };
}

/** The browser gave a download its id. One no longer the file's (cancelled, or settled and started again) is cancelled. */
function started(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'started'}>} */ e) {
  const f = c.s.active[e.uri];
  if (!f || f.launchId !== e.launchId) {
    c.actions.push({ do: 'browser', what: 'cancel', ids: [e.id] });
    return;
  }
  c.s.active[e.uri] = { ...f, downloadId: e.id };
  if (c.s.run?.state === 'paused') c.actions.push({ do: 'browser', what: 'pause', ids: [e.id] });
  // One that ended before its id was known was told to be ours by its link (`ended`): nothing to look up here.
}

/** The browser would not start it. Closing, it says so: the file waits in line for the next session's worker. */
function refused(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'refused'}>} */ e) {
  const f = c.s.active[e.uri];
  if (!f || f.launchId !== e.launchId) return;
  if (!/shutting down/i.test(e.why)) return fail(c, f, e.why);
  c.s.closing = true;
  delete c.s.active[e.uri];
  c.actions.push({ do: 'write', files: [{ ...stored(f), state: 'waiting', resign: true, url: undefined }] });
}

/** A download ended: the file it is for, by its id, else (its id not known yet) by its link. */
function ended(/** @type {Context} */ c, /** @type {Item} */ item) {
  const files = Object.values(c.s.active);
  const f =
    files.find((x) => x.downloadId === item.id) ?? files.find((x) => x.downloadId === undefined && x.url === item.url);
  if (f && item.state !== 'in_progress') settle(c, f, item, false);
}

/** A file's download looked up in the browser (after a wake, a resume, or its id given). */
function found(/** @type {Context} */ c, /** @type {Extract<DownloadEvent, {type: 'found'}>} */ e) {
  const f = c.s.active[e.uri];
  if (!f) return;
  if (!e.item) {
    // Not (yet) listed: one started a moment ago may still wait for the host's first answer; after a browser
    // restart nothing is still starting, and what the browser does not list is started again now.
    // (A file claimed ahead by a worker that stopped looks the same: it is given the minute from this worker's wake.)
    if (launching(f) || (!c.s.restarted && c.now - Math.max(f.startedAt ?? 0, c.s.wokeAt) < STARTING_MS)) return;
    delete c.s.active[e.uri];
    c.actions.push({ do: 'write', files: [{ ...stored(f), state: 'waiting', resign: true, url: undefined }] });
    return lineChanged(c);
  }
  const item = e.item;
  c.s.active[e.uri] = { ...f, downloadId: item.id };
  if (item.state !== 'in_progress') return settle(c, c.s.active[e.uri], item, e.unseen);
  if (item.paused && c.s.run?.state === 'running') c.actions.push({ do: 'browser', what: 'resume', ids: [item.id] });
  if (!item.paused && c.s.run?.state === 'paused') c.actions.push({ do: 'browser', what: 'pause', ids: [item.id] });
}

/**
 * Saved, tried again with a new link, or failed. One cancelled while no worker watched (`unseen`) was most
 * likely cut by the browser closing, which reports it as cancelled: tried again.
 * @param {Context} c @param {Active} f @param {Item} item @param {boolean} unseen
 */
function settle(c, f, item, unseen) {
  delete c.s.active[f.uri];
  const run = c.s.run ?? freshRun(c.now);
  const file = stored(f);
  if (item.state === 'complete') {
    const bytes = (item.fileSize ?? 0) > 0 ? (item.fileSize ?? 0) : (item.bytesReceived ?? 0);
    c.s.run = { ...run, saved: run.saved + 1, bytes: run.bytes + bytes };
    c.actions.push({
      do: 'write',
      files: [{ ...file, state: 'saved', savedAt: c.now, bytes, url: undefined }],
      run: c.s.run,
    });
  } else if (f.tries + 1 < MAX_TRIES && (item.error !== 'USER_CANCELED' || unseen)) {
    // Refused (a link that expired, a host that blinked) or cut by a browser restart: a new link, at the front.
    c.actions.push({
      do: 'write',
      files: [{ ...file, state: 'waiting', tries: f.tries + 1, resign: true, url: undefined }],
    });
    lineChanged(c);
  } else fail(c, file, item.error ?? 'interrupted');
}
