// The simulated world of download-sim.test.mjs: a store, a browser and a link service on a simulated clock, answering
// late, out of order or not at all; the worker killed at random (even halfway through an event's actions), the
// browser restarted, links refused for a while, downloads cut, and a user who pauses, resumes and asks again.
import assert from 'node:assert/strict';
import { downloadStep, initialState, forgetUnlessSaved } from '../../extension/background/downloads/download-step.js';

const mulberry32 = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export function simulate(seed, { files = 120, killEvery = 0.06, restarts = 3 } = {}) {
  const rand = mulberry32(seed);
  const between = (a, b) => a + Math.floor(rand() * (b - a));
  let now = 1_000_000,
    seq = 0,
    generation = 0,
    linkOutageUntil = 0;
  const store = new Map(); // uri → FileEntry, as IndexedDB holds it
  let storedRun;
  let session = false; // the browser's session storage: a worker of this session has run
  /** @type {{id: number, url: string, uri: string, state: string, error?: string, paused: boolean, endsAt: number}[]} */
  const downloads = [];
  const completions = new Map();
  const queue = []; // {at, seq, gen, run}: gen null = the browser's own (delivered to whichever worker lives)
  const at = (delay, gen, run) => queue.push({ at: now + delay, seq: seq++, gen, run });
  let worker = null; // {state} while alive
  const stats = { kills: 0, restarts: 0, events: 0 };

  const stored = (f) => {
    const out = { ...f };
    delete out.downloadId;
    if (f.state !== 'active') delete out.url;
    return out;
  };
  const uriOfUrl = (url) => url.split('/')[3].split('?')[0];
  function feed(event) {
    if (!worker) {
      // a new worker: wakes from the store before anything else
      worker = { state: initialState() };
      const restarted = !session;
      session = true;
      const active = [...store.values()].filter((f) => f.state === 'active').map((f) => ({ ...f }));
      if (!handle({ type: 'woke', run: storedRun && { ...storedRun }, active, restarted })) return false;
    }
    return handle(event);
  }
  function handle(event) {
    stats.events++;
    const { state, actions } = downloadStep(worker.state, event, now);
    worker.state = state;
    const gen = generation;
    // Killed at random, even halfway through performing this event's actions.
    // As the shell does them: the launches first, then the rest in order.
    const ordered = [...actions.filter((a) => a.do === 'download'), ...actions.filter((a) => a.do !== 'download')];
    const cut = rand() < killEvery ? between(0, ordered.length + 1) : Infinity;
    for (const [k, a] of ordered.entries()) {
      if (k >= cut) {
        kill();
        return false;
      }
      perform(a, gen);
    }
    return true;
  }
  function perform(a, gen) {
    if (a.do === 'write') {
      for (const f of a.files) store.set(f.uri, stored(f));
      if (a.run) storedRun = { ...a.run };
    } else if (a.do === 'remove') {
      for (const u of a.uris) store.delete(u);
      storedRun = { ...a.run };
    } else if (a.do === 'dropLine' || a.do === 'dropFailed') {
      for (const f of [...store.values()].filter((x) => x.state === (a.do === 'dropLine' ? 'waiting' : 'failed'))) {
        const kept = forgetUnlessSaved(f);
        if (kept) store.set(f.uri, stored(kept));
        else store.delete(f.uri);
      }
    } else if (a.do === 'claim') {
      const uris = [],
        unclaimed = [];
      for (const f of a.files) {
        const old = store.get(f.uri);
        if (old?.state === 'waiting' && old.tries === f.tries) (store.set(f.uri, stored(f)), uris.push(f.uri));
        else unclaimed.push(f.uri);
      }
      at(1, gen, () => ({ type: 'claimed', uris, unclaimed }));
    } else if (a.do === 'readLine') {
      const files = [...store.values()]
        .filter((f) => f.state === 'waiting')
        .sort((x, y) => x.seq - y.seq)
        .slice(0, a.count)
        .map((f) => ({ ...f }));
      at(between(1, 200), gen, () => ({ type: 'lineRead', version: a.version, files, asked: a.count }));
    } else if (a.do === 'makeLinks') {
      const tries = Object.fromEntries(a.files.map((f) => [f.uri, f.tries]));
      at(rand() < 0.5 ? between(1, 10) : between(50, 2000), gen, () => {
        if (now < linkOutageUntil)
          return {
            type: 'linksMade',
            tries,
            links: Object.fromEntries(a.files.map((f) => [f.uri, { error: { code: 'network' }, later: true }])),
          };
        if (rand() < 0.02)
          return {
            type: 'linksMade',
            tries,
            links: Object.fromEntries(
              a.files.map((f) => [f.uri, { error: { code: 'no_page', message: 'open a Jimeng page' }, stopRun: true }]),
            ),
          };
        return {
          type: 'linksMade',
          tries,
          links: Object.fromEntries(
            a.files.map((f) => [
              f.uri,
              rand() < 0.01
                ? { error: { code: 'no_file' } }
                : { url: `https://cdn/${f.uri}?t=${now}.${f.tries}`, name: `${f.uri}.png` },
            ]),
          ),
        };
      });
    } else if (a.do === 'download') {
      assert.equal(store.get(a.file.uri)?.state, 'active', `${a.file.uri} is on disk as downloading before it starts`);
      // The browser starts it whether or not the worker that asked still lives, once the host answers (now and then slowly).
      at(rand() < 0.2 ? between(1_000, 8_000) : between(10, 300), null, () => {
        if (rand() < 0.02)
          return gen === generation
            ? { type: 'refused', uri: a.file.uri, launchId: a.launchId, why: 'Invalid filename' }
            : null;
        const uri = uriOfUrl(a.url);
        assert.ok(
          !downloads.some((d) => d.uri === uri && d.state === 'in_progress'),
          `${uri} is never downloading twice at once`,
        );
        const d = {
          id: downloads.length + 1,
          url: a.url,
          uri,
          state: 'in_progress',
          paused: false,
          endsAt: now + between(200, 3000),
        };
        downloads.push(d);
        at(d.endsAt - now, null, () => end(d, rand() < 0.1 ? 'NETWORK_FAILED' : null));
        return gen === generation ? { type: 'started', uri: a.file.uri, launchId: a.launchId, id: d.id } : null;
      });
    } else if (a.do === 'lookUp') {
      const d =
        a.file.downloadId !== undefined
          ? downloads.find((x) => x.id === a.file.downloadId)
          : downloads.find((x) => x.url === a.file.url);
      at(between(1, 10), gen, () => ({ type: 'found', uri: a.file.uri, item: d && { ...d }, unseen: a.unseen }));
    } else if (a.do === 'browser') {
      for (const id of a.ids) {
        const d = downloads.find((x) => x.id === id);
        if (!d || d.state !== 'in_progress') continue;
        if (a.what === 'cancel') at(1, null, () => end(d, 'USER_CANCELED', true));
        else d.paused = a.what === 'pause';
      }
    }
  }
  function end(d, error, force = false) {
    if (d.state !== 'in_progress') return null;
    if (d.paused && !force) {
      at(500, null, () => end(d, error));
      return null;
    } // a paused download waits
    d.state = error ? 'interrupted' : 'complete';
    d.error = error ?? undefined;
    if (!error) completions.set(d.uri, (completions.get(d.uri) ?? 0) + 1);
    return { type: 'ended', item: { ...d } };
  }
  function kill() {
    worker = null;
    generation++;
    stats.kills++;
  }
  function restartBrowser() {
    kill();
    stats.restarts++;
    session = false;
    for (const d of downloads)
      if (d.state === 'in_progress') {
        d.state = 'interrupted';
        d.error = 'USER_CANCELED';
      }
    // Whatever was on its way is gone with the browser: downloads not yet started, their ends, the old worker's answers.
    const kept = queue.filter((e) => e.alarm || e.user);
    queue.length = 0;
    queue.push(...kept);
  }

  // The user asks for the files (some twice), later backs up what is new, pauses and resumes now and then.
  const jobs = Array.from({ length: files }, (_, i) => ({
    uri: `f${i}`,
    submitId: `s${i >> 2}`,
    index: i & 3,
    state: 'waiting',
    seq: 0,
    tries: 0,
  }));
  const enqueue = (list, onlyNew) => () => ({
    type: 'enqueue',
    files: list,
    known: list.map((f) => store.get(f.uri) && { ...store.get(f.uri) }),
    onlyNew,
  });
  const user = (delay, run) => queue.push({ at: now + delay, seq: seq++, gen: null, user: true, run });
  user(0, enqueue(jobs.slice(0, files / 2), false));
  user(400, enqueue(jobs, true)); // asked again with more: what is in line or saved is not added twice
  user(9_000, enqueue(jobs, true));
  for (let k = 0; k < restarts; k++)
    user(between(2_000, 40_000), () => {
      restartBrowser();
      return { type: 'tick' };
    });
  user(between(5_000, 15_000), () => {
    linkOutageUntil = now + 40_000;
    return null;
  });
  for (let k = 0; k < 4; k++) {
    const t = between(1_000, 60_000);
    user(t, () => ({ type: 'pause' }));
    user(t + between(100, 5_000), () => ({ type: 'resume' }));
  }

  const deadline = now + 3_600_000;
  for (let tick = now + 30_000; tick < deadline; tick += 30_000)
    queue.push({ at: tick, seq: seq++, gen: null, alarm: true, run: () => ({ type: 'tick' }) });
  while (queue.length) {
    queue.sort((x, y) => x.at - y.at || x.seq - y.seq);
    const next = queue.shift();
    now = next.at;
    if (next.alarm && storedRun?.state !== 'running' && storedRun?.state !== 'paused') continue; // the alarm is kept only while a run goes on
    if (next.alarm && storedRun?.state === 'paused' && storedRun.reason) {
      queue.push({ at: now + 1, seq: seq++, gen: null, run: () => ({ type: 'resume' }) });
    } // the user opens a page and resumes
    if (next.gen !== null && next.gen !== generation) continue; // an answer to a worker that died
    const event = next.run();
    // A user's click whose worker died under it is answered with an error: the user clicks again.
    if (event && !feed(event) && next.user) queue.push({ ...next, at: now + 1_000, seq: seq++ });
    if (storedRun?.state === 'done' && !queue.some((e) => !e.alarm && e.at > now)) break;
  }
  return { store, storedRun, completions, downloads, stats };
}
