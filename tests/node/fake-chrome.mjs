// The few chrome.* APIs the worker shell's download queue uses, faked for node: storage.local, alarms and a
// downloads list whose items end when the test says (as the browser's onChanged would report them). Also a
// meter of IndexedDB (fake-indexeddb) writes and records read, to show what a step costs.

export function fakeChrome() {
  /** @type {Map<string, unknown>} */
  const local = new Map();
  /** @type {Map<string, unknown>} */
  const session = new Map();
  /** @type {any[]} */
  let items = [];
  let nextId = 1;
  const alarms = new Set();
  const api = {
    maxRunning: 0,
    /** When set, download() answers only at releaseStarts(): the browser gives an id once the host answered. */
    holdStarts: false,
    /** @type {(() => void)[]} */
    held: [],
    releaseStarts() {
      const list = api.held;
      api.held = [];
      for (const go of list) go();
    },
    /** When set, download() rejects with this message, as a closing browser does ("The browser is shutting down."). */
    refuseStarts: '',
    reset() {
      api.holdStarts = false;
      api.refuseStarts = '';
      api.held = [];
      local.clear();
      session.clear();
      items = [];
      nextId = 1;
      alarms.clear();
      api.maxRunning = 0;
    },
    /** The browser lists none of the downloads (lost, or not made yet); nothing else changes. */
    forgetDownloads() {
      items = [];
    },
    running: () => items.filter((d) => d.state === 'in_progress'),
    started: () => items,
    alarms,
    /** A download the browser has, started outside the queue's knowledge. */
    startDownload({ url, filename }) {
      const item = {
        id: nextId++,
        url,
        filename,
        state: 'in_progress',
        paused: false,
        canResume: false,
        fileSize: 0,
        bytesReceived: 0,
        startTime: new Date().toISOString(),
      };
      items.push(item);
      api.maxRunning = Math.max(api.maxRunning, api.running().length);
      return item;
    },
    /** Ends a download: its delta, for onChanged. */
    end(id, state, error) {
      const d = items.find((x) => x.id === id);
      Object.assign(d, { state, ...(state === 'complete' ? { fileSize: 1000, bytesReceived: 1000 } : { error }) });
      return { id, state: { current: state } };
    },
    /** The browser closed and opened again: what was downloading was cut (Chromium reports it as cancelled). */
    restartBrowser() {
      session.clear();
      for (const d of api.running())
        Object.assign(d, { state: 'interrupted', error: 'USER_CANCELED', canResume: false });
    },
    meterIndexedDb() {
      const counts = { writes: 0, read: 0 };
      const undo = [];
      const wrap = (proto, name, onCall) => {
        const original = proto[name];
        proto[name] = function (...args) {
          const req = original.apply(this, args);
          onCall(req);
          return req;
        };
        undo.push(() => {
          proto[name] = original;
        });
      };
      const countResult = (req) =>
        req.addEventListener('success', () => {
          const r = req.result;
          counts.read += Array.isArray(r) ? r.length : r === undefined ? 0 : 1;
        });
      for (const name of ['put', 'add', 'delete', 'clear'])
        wrap(globalThis.IDBObjectStore.prototype, name, () => counts.writes++);
      for (const proto of [globalThis.IDBObjectStore.prototype, globalThis.IDBIndex.prototype])
        for (const name of ['get', 'getAll', 'getAllKeys']) wrap(proto, name, countResult);
      return {
        stop() {
          for (const u of undo) u();
          return counts;
        },
      };
    },
    chrome: {
      storage: {
        session: {
          async get(key) {
            return session.has(key) ? { [key]: session.get(key) } : {};
          },
          async set(values) {
            for (const [k, v] of Object.entries(values)) session.set(k, v);
          },
        },
        local: {
          async get(keys) {
            const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : [...local.keys()];
            return Object.fromEntries(list.filter((k) => local.has(k)).map((k) => [k, structuredClone(local.get(k))]));
          },
          async set(values) {
            for (const [k, v] of Object.entries(values)) local.set(k, structuredClone(v));
          },
        },
      },
      alarms: {
        create(name) {
          alarms.add(name);
        },
        clear(name) {
          alarms.delete(name);
          return Promise.resolve(true);
        },
      },
      downloads: {
        async download({ url, filename }) {
          if (api.refuseStarts) throw new Error(api.refuseStarts);
          const { id } = api.startDownload({ url, filename });
          return api.holdStarts ? new Promise((resolve) => api.held.push(() => resolve(id))) : id;
        },
        async search(q) {
          return items
            .filter(
              (d) =>
                (q.id === undefined || d.id === q.id) &&
                (q.state === undefined || d.state === q.state) &&
                (q.url === undefined || d.url === q.url) &&
                (!q.startedAfter || d.startTime > q.startedAfter) &&
                (!q.filenameRegex || new RegExp(q.filenameRegex).test(d.filename)),
            )
            .map((d) => ({ ...d }));
        },
        async pause(id) {
          const d = items.find((x) => x.id === id);
          if (d?.state === 'in_progress') d.paused = true;
        },
        async resume(id) {
          const d = items.find((x) => x.id === id);
          if (d?.state === 'in_progress') d.paused = false;
        },
        async cancel(id) {
          const d = items.find((x) => x.id === id);
          if (d?.state === 'in_progress') Object.assign(d, { state: 'interrupted', error: 'USER_CANCELED' });
        },
      },
    },
  };
  return api;
}
