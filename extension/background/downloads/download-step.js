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
    s: { ...state, active: { ...state.active }, links: { ...state.links }, upcoming: [...state.upcoming] },
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
  // In order, every next file whose link is ready, while places are free.
  const starting = [];
  while (Object.keys(s.active).length < PARALLEL && s.upcoming.length && usable(c, s.upcoming[0])) {
    const f = /** @type {FileEntry} */ (s.upcoming.shift());
    const link = s.links[f.uri].link;
    delete s.links[f.uri];
    if ('error' in link) {
      fail(c, f, link.error.code ?? 'no_link');
      continue;
    }
    const launchId = ++s.launches;
    const file = { ...f, state: /** @type {const} */ ('active'), name: link.name, url: link.url, startedAt: c.now };
    s.active[f.uri] = { ...file, resign: false, launchId };
    starting.push({ file: { ...file, resign: false }, link, launchId });
  }
  if (starting.length) {
    c.actions.push({ do: 'claim', files: starting.map((x) => x.file) });
    for (const { file, link, launchId } of starting)
      c.actions.push({ do: 'download', file, url: link.url, name: link.name, launchId });
  }
  // Ahead of need, while the files in flight download: the line read on, and the links of the next files made.
  if (s.upcoming.length < LOOKAHEAD && !s.reading && !s.exhausted) {
    s.reading = true;
    c.actions.push({ do: 'readLine', version: s.version, count: 2 * LOOKAHEAD });
  }
  const lacking = s.upcoming.slice(0, LOOKAHEAD).filter((f) => !usable(c, f));
  if (lacking.length && !s.linking && c.now >= s.linkRetryAt) {
    s.linking = true;
    c.actions.push({ do: 'makeLinks', files: lacking });
  }
  const idle = !Object.keys(s.active).length && !s.upcoming.length && s.exhausted && !s.reading;
  if (idle && s.run) {
    s.run = { ...stopped(c, s.run, 'done'), endedAt: c.now };
    c.actions.push({ do: 'write', files: [], run: s.run });
  }
}
