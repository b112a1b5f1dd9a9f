// @ts-check
// The download manager's decisions, without I/O: `downloadStep(state, event, now)` → `{state, actions, answer}`.
// What to read from the line, which links to make, what to start, re-sign, give up and do after a restart is
// decided here; the shell (download-queue.js) performs the actions (IndexedDB, chrome.downloads, the bridge)
// and feeds their results back as events. Nothing waits on the network, so Pause and Cancel answer at once.
// The state is the worker's memory: a stopped worker loses it and rebuilds it from the store ('woke').
import { onEvent } from './download-events.js';
import { LOOKAHEAD, PARALLEL, PREPARED_MS, fail, stopped } from './download-model.js';

/** @typedef {import('./download-model.js').DownloadState} DownloadState */
/** @typedef {import('./download-model.js').DownloadEvent} DownloadEvent */
/** @typedef {import('./download-model.js').DownloadAction} DownloadAction */
/** @typedef {import('./download-model.js').Context} Context */
/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
export { initialState, forgetUnlessSaved } from './download-model.js';

/**
 * @param {DownloadState} state @param {DownloadEvent} event @param {number} now
 * @returns {{state: DownloadState, actions: DownloadAction[], answer?: any}}
 */
export function downloadStep(state, event, now) {
  /** @type {Context} */
  const c = {
    s: {
      ...state,
      active: { ...state.active },
      links: { ...state.links },
      upcoming: [...state.upcoming],
      ready: state.ready.map((r) => ({ ...r })),
    },
    now,
    actions: [],
  };
  const answer = onEvent(c, event);
  plan(c);
  return { state: c.s, actions: c.actions, answer };
}

const usable = (/** @type {Context} */ c, /** @type {FileEntry} */ f) => {
  const p = c.s.links[f.uri];
  return !!p && p.tries === f.tries && c.now - p.at < PREPARED_MS;
};

/** After every event: read ahead, make links, start files while fewer than PARALLEL download, or end the run. @param {Context} c */
function plan(c) {
  const { s } = c;
  if (!s.loaded || s.closing || s.run?.state !== 'running') return;
  // Files claimed ahead (on disk as downloading) start at once when a place is free: no write waits in between.
  while (Object.keys(s.active).length < PARALLEL && s.ready[0]?.durable) {
    const { file } = /** @type {import('./download-model.js').Ready} */ (s.ready.shift());
    const launchId = ++s.launches;
    s.active[file.uri] = { ...file, launchId };
    c.actions.push({ do: 'download', file, url: file.url, name: file.name, launchId });
  }
  // The next files with their links claimed ahead, in order, while the files in flight download.
  const claiming = [];
  while (s.ready.length < PARALLEL && s.upcoming.length && usable(c, s.upcoming[0])) {
    const f = /** @type {FileEntry} */ (s.upcoming.shift());
    const link = s.links[f.uri].link;
    delete s.links[f.uri];
    if ('error' in link) {
      fail(c, f, link.error.code ?? 'no_link');
      continue;
    }
    const file = {
      ...f,
      state: /** @type {const} */ ('active'),
      name: link.name,
      url: link.url,
      startedAt: c.now,
      resign: false,
    };
    s.ready.push({ file, durable: false });
    claiming.push(file);
  }
  if (claiming.length) c.actions.push({ do: 'claim', files: claiming });
  // Ahead of need: the line read on, and the links of the next files made.
  if (s.upcoming.length < LOOKAHEAD && !s.reading && !s.exhausted) {
    s.reading = true;
    c.actions.push({ do: 'readLine', version: s.version, count: 2 * LOOKAHEAD });
  }
  // In batches: once fewer than a quarter of the next files have their links, links for all those lacking.
  let linked = 0;
  while (linked < s.upcoming.length && usable(c, s.upcoming[linked])) linked++;
  const lacking = s.upcoming.slice(0, LOOKAHEAD).filter((f) => !usable(c, f));
  if (lacking.length && linked < LOOKAHEAD / 4 && !s.linking && c.now >= s.linkRetryAt) {
    s.linking = true;
    c.actions.push({ do: 'makeLinks', files: lacking });
  }
  const idle = !Object.keys(s.active).length && !s.ready.length && !s.upcoming.length && s.exhausted && !s.reading;
  if (idle && s.run) {
    s.run = { ...stopped(c, s.run, 'done'), endedAt: c.now };
    c.actions.push({ do: 'write', files: [], run: s.run });
  }
}
