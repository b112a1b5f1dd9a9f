// @ts-check
// Every fact the extension keeps in chrome.storage, where and for how long: one table, and the only code that
// touches chrome.storage (ESLint forbids it anywhere else). `local` outlives the browser; `session` is emptied
// when the browser closes, and pages of ours can read it. A per-site fact takes the site (Jimeng's keys predate
// sites, so they keep their old names). The jobs, batches and files are in IndexedDB (state/databases.js).

/** @typedef {'jimeng' | 'dreamina'} SiteId */
/** @typedef {{area: 'local' | 'session', key: string, perSite?: true, life: string}} Fact */

const perSite = (/** @type {string} */ key, /** @type {'local' | 'session'} */ area, /** @type {string} */ life) =>
  /** @type {Fact} */ ({ area, key, perSite: true, life });

export const FACTS = /** @type {const} */ ({
  // What the sites told us
  session: perSite(
    'session',
    'local',
    "the session learned from the site's own requests (versions, cluster, device): until a newer one",
  ),
  signedIn: {
    area: 'local',
    key: 'signedIn',
    life: '{site: ms}: when each site last answered a credit read, i.e. was logged in',
  },
  chosenSite: {
    area: 'local',
    key: 'chosenSite',
    life: 'the site new jobs go to, once the user chose one in the popup',
  },
  credit: {
    area: 'local',
    key: 'credit',
    life: 'the last balance read, with its site and time: replaced by the next read',
  },
  models: perSite('models', 'local', "the site's live catalogue and when it was read: renewed after half a day"),
  prices: perSite('prices', 'local', 'prices learned from the ledger (§7.5): grows up to 200 keys, the oldest dropped'),
  consent: perSite('consent', 'local', "when the user agreed to the site's AIGC rules (Dreamina): for good"),
  uploadToken: perSite(
    'uploadToken',
    'session',
    "the site's ImageX credentials: until they expire or the browser closes",
  ),
  dailyClaim: perSite(
    'dailyClaim',
    'local',
    "today's claim of free credits (§11): its day, what it gave or why it was refused; replaced the next day",
  ),
  // The user's choices
  settings: { area: 'local', key: 'settings', life: "the user's settings: for good" },
  composeDefaults: {
    area: 'local',
    key: 'composeDefaults',
    life: "the image form's last settings: replaced on each submit",
  },
  videoDefaults: {
    area: 'local',
    key: 'videoDefaults',
    life: "the video form's last settings: replaced on each submit",
  },
  composeKind: { area: 'local', key: 'composeKind', life: 'image or video, as the popup was last left' },
  trackerCollapsed: { area: 'local', key: 'trackerCollapsed', life: 'the in-page tracker folded: until unfolded' },
  archiveSync: { area: 'local', key: 'archiveSync', life: '"keep in sync" is on: until turned off' },
  whatsNew: { area: 'local', key: 'whatsNew', life: 'the version just updated to, until the popup has said so once' },
  // Work in progress
  archiveImport: perSite(
    'archiveImport',
    'local',
    "the site's walk of past work (its cursor and counts): until the next walk",
  ),
  downloadRun: {
    area: 'local',
    key: 'downloadRun',
    life: "the download run's counters, for the views: until the next run",
  },
  downloadRecords: { area: 'local', key: 'downloadRecords', life: 'downloadId → file, for downloads under way only' },
  engineState: {
    area: 'session',
    key: 'engineState',
    life: "the engine's holds and backoff: outlive a worker, not the browser",
  },
  downloadQueueSession: {
    area: 'session',
    key: 'downloadQueueSession',
    life: 'a worker of this browser session has run (a restart is told by its absence)',
  },
  trackedTabs: { area: 'session', key: 'trackedTabs', life: 'tabId → true: trackers to re-attach after a navigation' },
  trackerNotices: { area: 'session', key: 'trackerNotices', life: 'tabId → notices the tracker shows' },
  // Hand-overs to the popup: taken (read and removed) when it opens
  draftPrompt: { area: 'session', key: 'draftPrompt', life: 'a selection to edit in the popup first: until it opens' },
  draftInput: { area: 'session', key: 'draftInput', life: "a job's whole input to reuse: until the popup opens" },
  focusJob: { area: 'session', key: 'focusJob', life: 'the job a notification pointed at: until the popup opens' },
  draftFirstFrame: {
    area: 'session',
    key: 'draftFirstFrame',
    life: "an image chosen as a video's first frame: until used",
  },
  draftLastFrame: {
    area: 'session',
    key: 'draftLastFrame',
    life: "an image chosen as a video's last frame: until used",
  },
  draftReferences: {
    area: 'session',
    key: 'draftReferences',
    life: "the popup form's reference images: until submitted or cleared",
  },
  batchReferences: {
    area: 'session',
    key: 'batchReferences',
    life: "the batch dialog's reference images: until started or cleared",
  },
  // v0.1 kept every job in one value: read once to move them into IndexedDB, then removed
  legacyJobs: { area: 'local', key: 'jobs', life: "v0.1's jobs: removed once moved into the job store" },
});

/** @typedef {keyof typeof FACTS} FactName */

/** The storage key of a fact (of a site, for a per-site one). @param {FactName} name @param {SiteId=} site */
export function keyOf(name, site = 'jimeng') {
  const fact = /** @type {Fact} */ (FACTS[name]);
  return fact.perSite && site !== 'jimeng' ? `${fact.key}:${site}` : fact.key;
}
const areaOf = (/** @type {FactName} */ name) => chrome.storage[/** @type {Fact} */ (FACTS[name]).area];

/** A fact's value (undefined when none is kept). @param {FactName} name @param {SiteId=} site @returns {Promise<any>} */
export async function get(name, site) {
  const key = keyOf(name, site);
  return (await areaOf(name).get(key))[key];
}

/** @param {FactName} name @param {unknown} value @param {SiteId=} site */
export const set = (name, value, site) => areaOf(name).set({ [keyOf(name, site)]: value });

/** @param {FactName} name @param {SiteId=} site */
export const remove = (name, site) => areaOf(name).remove(keyOf(name, site));

/**
 * Several facts in one read per area (a view's start reads what it needs at once).
 * @param {(FactName | [FactName, SiteId])[]} list @returns {Promise<any[]>} the values, in the list's order
 */
export async function getMany(list) {
  const wanted = list.map((f) => (Array.isArray(f) ? { name: f[0], key: keyOf(...f) } : { name: f, key: keyOf(f) }));
  const [local, session] = await Promise.all(
    /** @type {const} */ (['local', 'session']).map((area) => {
      const keys = wanted.filter((w) => FACTS[w.name].area === area).map((w) => w.key);
      return keys.length ? chrome.storage[area].get(keys) : Promise.resolve(/** @type {Record<string, any>} */ ({}));
    }),
  );
  return wanted.map((w) => (FACTS[w.name].area === 'local' ? local : session)[w.key]);
}

/** Several facts of one area in one write (seen together by a reader). @param {[FactName, unknown, SiteId?][]} entries */
export function setMany(entries) {
  const area = FACTS[entries[0][0]].area;
  if (entries.some(([name]) => FACTS[name].area !== area)) throw new Error('setMany: facts of one area only');
  return chrome.storage[area].set(Object.fromEntries(entries.map(([name, value, site]) => [keyOf(name, site), value])));
}

/** Reads and removes hand-overs (each is taken once). @param {FactName[]} names @returns {Promise<any[]>} */
export async function take(names) {
  const values = await getMany(names);
  await Promise.all(names.map((name) => remove(name)));
  return values;
}

/**
 * Calls `onChange(newValue)` whenever the fact changes, in any context of ours. @returns {() => void} stops it
 * @param {FactName} name @param {(value: any) => void} onChange @param {SiteId=} site
 */
export function watch(name, onChange, site) {
  const key = keyOf(name, site);
  const area = /** @type {Fact} */ (FACTS[name]).area;
  /** @param {Record<string, chrome.storage.StorageChange>} changes @param {string} changed */
  const listener = (changes, changed) => {
    if (changed === area && changes[key]) onChange(changes[key].newValue);
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
