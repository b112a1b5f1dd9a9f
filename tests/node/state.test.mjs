// The state's one home (extension/state/): every fact's key as earlier versions stored it (a renamed key would lose a
// user's sessions, settings and walks on update), a view's facts read in one call per area, hand-overs taken once,
// and serial(): one thing at a time, in order, a failure not stopping the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** chrome.storage with both areas, counting reads, and onChanged. */
function fakeStorage() {
  const areas = { local: new Map(), session: new Map() };
  const listeners = new Set();
  const reads = { local: 0, session: 0 };
  const area = (name) => ({
    async get(keys) {
      reads[name]++;
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(
        list.filter((k) => areas[name].has(k)).map((k) => [k, structuredClone(areas[name].get(k))]),
      );
    },
    async set(values) {
      const changes = {};
      for (const [k, v] of Object.entries(values)) {
        changes[k] = { oldValue: areas[name].get(k), newValue: v };
        areas[name].set(k, structuredClone(v));
      }
      for (const l of listeners) l(changes, name);
    },
    async remove(keys) {
      for (const k of [].concat(keys)) areas[name].delete(k);
    },
  });
  return {
    areas,
    reads,
    storage: {
      local: area('local'),
      session: area('session'),
      onChanged: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    },
  };
}
const fake = fakeStorage();
globalThis.chrome = { storage: fake.storage };
const facts = await import('../../extension/state/facts.js');
const { serial } = await import('../../extension/state/serial.js');
const { storedSite } = await import('../../extension/state/site-choice.js');

test('every fact keeps the key earlier versions stored it under, and no two facts share one', () => {
  const keys = Object.entries({
    session: ['session', 'session:dreamina'],
    models: ['models', 'models:dreamina'],
    prices: ['prices', 'prices:dreamina'],
    consent: ['consent', 'consent:dreamina'],
    uploadToken: ['uploadToken', 'uploadToken:dreamina'],
    archiveImport: ['archiveImport', 'archiveImport:dreamina'],
  });
  for (const [name, [jimeng, dreamina]] of keys) {
    assert.equal(facts.keyOf(name, 'jimeng'), jimeng);
    assert.equal(facts.keyOf(name, 'dreamina'), dreamina);
  }
  for (const [name, key] of Object.entries({
    settings: 'settings',
    composeDefaults: 'composeDefaults',
    videoDefaults: 'videoDefaults',
    composeKind: 'composeKind',
    credit: 'credit',
    signedIn: 'signedIn',
    chosenSite: 'chosenSite',
    archiveSync: 'archiveSync',
    downloadRun: 'downloadRun',
    downloadRecords: 'downloadRecords',
    engineState: 'engineState',
    trackerCollapsed: 'trackerCollapsed',
    whatsNew: 'whatsNew',
    legacyJobs: 'jobs',
    draftReferences: 'draftReferences',
  }))
    assert.equal(facts.keyOf(name), key, name);
  for (const area of ['local', 'session']) {
    const own = Object.values(facts.FACTS)
      .filter((f) => f.area === area)
      .map((f) => f.key);
    assert.equal(new Set(own).size, own.length, `${area}: one key, one fact`);
  }
  for (const [name, fact] of Object.entries(facts.FACTS))
    assert.ok(fact.life.length > 10, `${name} says how long it lives`);
});

test("a view's facts come in one read per area, in the order asked", async () => {
  await facts.set('chosenSite', 'dreamina');
  await facts.set('session', { observedAt: 5 }, 'dreamina');
  await facts.set('draftPrompt', '雪山');
  const before = { ...fake.reads };
  const values = await facts.getMany(['chosenSite', ['session', 'dreamina'], 'draftPrompt', 'composeKind']);
  assert.deepEqual(values, ['dreamina', { observedAt: 5 }, '雪山', undefined]);
  assert.deepEqual(
    { local: fake.reads.local - before.local, session: fake.reads.session - before.session },
    { local: 1, session: 1 },
  );
  assert.equal(await storedSite(), 'dreamina');
});

test('a hand-over is taken once, and a watcher hears its fact only', async () => {
  await facts.set('focusJob', 'abc');
  assert.deepEqual(await facts.take(['focusJob', 'draftInput']), ['abc', undefined]);
  assert.deepEqual(await facts.take(['focusJob']), [undefined]);
  const heard = [];
  const stop = facts.watch('credit', (v) => heard.push(v));
  await facts.set('credit', { total: 3 });
  await facts.set('chosenSite', 'jimeng');
  await facts.set('archiveImport', { state: 'done' }, 'dreamina');
  stop();
  await facts.set('credit', { total: 4 });
  assert.deepEqual(heard, [{ total: 3 }]);
});

test('serial() runs one thing at a time, in order; a failure is told and the next still runs', async () => {
  const failures = [];
  const inTurn = serial((e) => failures.push(String(e)));
  const log = [];
  const slow = (name, ms) => () =>
    new Promise((r) =>
      setTimeout(() => {
        log.push(name);
        r(name);
      }, ms),
    );
  const runs = [
    inTurn(slow('a', 30)),
    inTurn(() => {
      throw new Error('b failed');
    }),
    inTurn(slow('c', 1)),
  ];
  assert.deepEqual(await Promise.allSettled(runs).then((r) => r.map((x) => x.status)), [
    'fulfilled',
    'rejected',
    'fulfilled',
  ]);
  assert.deepEqual(log, ['a', 'c']);
  assert.deepEqual(failures, ['Error: b failed']);
  await inTurn.settled();
});
