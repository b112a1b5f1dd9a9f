// @ts-check
// 从即梦导入 / Import from Dreamina: the account's past work (protocol §8) on one site, walked page by page into the
// job store (each site's walk its own, with its own stored state and alarm), politely (a page
// a second, longer after each failure), resumable (the cursor is stored after every page, so a stopped worker
// or a closed workspace goes on where it was), pausing on risk control with the service's words. A record we
// lack is added; every listed task then reaches the engine as evidence (`seen`): what Jimeng lists wins over
// what we thought (a job we gave up on heals, an unfinished import is polled to its end). The core says
// where the walk goes: on, to its end, to where the last complete walk began, or nowhere when the service's
// cursor does not move (paused, said why).
import { call } from '../pages/core-instance.js';
import { dispatch } from '../jobs/engine.js';
import { jobOf, merge } from './imported-jobs.js';
import { SITES, SITE_IDS, siteId } from '../../shared/site.js';
import { loadSession } from '../pages/session.js';
import * as facts from '../../state/facts.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */
const IMPORT_ALARM = 'jimeng-import'; // while a walk runs: a stopped worker is started again to go on
/** A site's walk alarm. @param {SiteId} site */
const importAlarm = (site) => (site === 'jimeng' ? IMPORT_ALARM : `${IMPORT_ALARM}:${site}`);
/** The site whose walk an alarm is for, or null for another alarm. @param {string} name @returns {SiteId | null} */
export const siteOfImportAlarm = (name) => SITE_IDS.find((site) => importAlarm(site) === name) ?? null;
export const SYNC_ALARM = 'jimeng-sync'; // while "keep in sync" is on
const SYNC_EVERY_MIN = 10;
const PAGE = 50;
const GAP_MS = 1000;
const MAX_WAIT_MS = 60_000;
const MAX_FAILURES = 8;
// An incremental walk stops once the service's cursor (its own clock) is this far before the last complete
// walk's start (ours): a clock apart by less than this loses nothing; a record seen twice is merged once.
const CLOCK_MARGIN_MS = 15 * 60_000;

/**
 * @typedef {{state: 'running' | 'paused' | 'done' | 'cancelled', cursor: number, imported: number, known: number,
 *   unreadable: number, pages: number, failures: number, startedAt: number, reachedMs?: number, coveredFrom?: number,
 *   stopAtMs?: number, reason?: import('../../../wasm/jimeng-core').CoreError, endedAt?: number}} ImportState
 * coveredFrom: when the last walk that reached its end began (everything listed before then is in the store)
 */

/** @param {SiteId} site @returns {Promise<ImportState | null>} */
export async function importStatus(site = 'jimeng') {
  return /** @type {any} */ ((await facts.get('archiveImport', site)) ?? null);
}
const save = async (/** @type {SiteId} */ site, /** @type {ImportState} */ s) => {
  await facts.set('archiveImport', s, site);
  // Nothing else may wake a stopped worker (no job open, no page of ours): the alarm does, until the walk ends.
  if (s.state === 'running') chrome.alarms.create(importAlarm(site), { periodInMinutes: 0.5 });
  else chrome.alarms.clear(importAlarm(site));
};

/** "Keep in sync": new work imported in the background, at most every 10 minutes, while a Jimeng page is open. */
export async function setSync(/** @type {boolean} */ on) {
  await facts.set('archiveSync', on);
  if (on) chrome.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_EVERY_MIN });
  else chrome.alarms.clear(SYNC_ALARM);
  return { ok: true, sync: on };
}

/**
 * The sync alarm: for each site with a page of its own open, an incremental walk when one is due.
 * @returns {Promise<{started: SiteId[], why: Partial<Record<SiteId, string>>}>} the sites whose walk started, and why the others did not
 */
export async function syncTick(now = Date.now()) {
  const on = !!(await facts.get('archiveSync'));
  /** @type {Partial<Record<SiteId, string>>} */
  const why = {};
  for (const site of SITE_IDS) {
    const s = on ? await importStatus(site) : null;
    if (!on) why[site] = 'off';
    else if (s?.state === 'running' || s?.state === 'paused') why[site] = s.state;
    else if (s?.endedAt && now - s.endedAt < SYNC_EVERY_MIN * 60_000 - 5_000) why[site] = 'recent';
    else if (!(await chrome.tabs.query({ url: `${SITES[site].origin}/*` })).length) why[site] = 'no_page';
    else await startImport(site);
  }
  return { started: SITE_IDS.filter((site) => !why[site]), why };
}

/** Starts a site's walk (or goes on with a paused one); an import already running is left to run. @param {SiteId} site */
export async function startImport(site = 'jimeng') {
  site = siteId(site);
  const before = await importStatus(site);
  if (before?.state === 'running') {
    run(site);
    return before;
  }
  const coveredFrom = before?.state === 'done' ? before.startedAt : before?.coveredFrom;
  /** @type {ImportState} */
  const s =
    before?.state === 'paused'
      ? { ...before, state: 'running', failures: 0, reason: undefined }
      : // A new walk stops where the last complete one began: what was listed before then is in the store already.
        {
          state: 'running',
          cursor: 0,
          imported: 0,
          known: 0,
          unreadable: 0,
          pages: 0,
          failures: 0,
          startedAt: Date.now(),
          coveredFrom,
          stopAtMs: coveredFrom === undefined ? undefined : coveredFrom - CLOCK_MARGIN_MS,
        };
  await save(site, s);
  naps.get(site)?.(); // a walk waiting between pages (or a cancelled one's last wait) goes on now
  run(site);
  return s;
}

export async function cancelImport(site = /** @type {SiteId} */ ('jimeng')) {
  site = siteId(site);
  const s = await importStatus(site);
  if (s && (s.state === 'running' || s.state === 'paused'))
    await save(site, { ...s, state: 'cancelled', endedAt: Date.now() });
  return importStatus(site);
}

/** @type {Map<SiteId, () => void>} ends a site's wait between pages: a new start goes on at once */
const naps = new Map();
const nap = (/** @type {SiteId} */ site, /** @type {number} */ ms) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    naps.set(site, () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });

/** @type {Map<SiteId, Promise<void>>} this worker's walk of each site, while one runs */
const walking = new Map();
/** Goes on with a site's walk a stopped worker left running (called at start-up and by the alarm). @param {SiteId} site */
export function run(site = 'jimeng') {
  if (!walking.has(site))
    walking.set(
      site,
      (async () => {
        try {
          for (;;) {
            const s = await importStatus(site);
            if (s?.state !== 'running') return;
            const wait = await onePage(site, s);
            if (wait === null) return;
            await nap(site, wait);
          }
        } finally {
          walking.delete(site);
        }
      })(),
    );
  return /** @type {Promise<void>} */ (walking.get(site));
}

/** Goes on with every site's walk a stopped worker left running. */
export const runAll = () => Promise.all(SITE_IDS.map((site) => run(site)));

/** One page into the store; the wait before the next, or null when the walk stopped. @param {SiteId} site @param {ImportState} s */
async function onePage(site, s) {
  const r = await call(
    'buildAssetList',
    'parseAssetList',
    { count: PAGE, cursor: s.cursor, site },
    { cursor: s.cursor, stopAtMs: s.stopAtMs ?? 0 },
  );
  const now = await importStatus(site);
  // Cancelled meanwhile, or a new walk started: this page is not that walk's. The loop reads the state again.
  if (now?.state !== 'running' || now.startedAt !== s.startedAt || now.cursor !== s.cursor) return 0;
  if (!r.ok) {
    const failures = s.failures + 1;
    // Risk control and a lost login are not waited out: the walk pauses and says why; Continue goes on.
    const stop = r.error.kind === 'risk_control' || r.error.kind === 'login_required' || failures >= MAX_FAILURES;
    await save(site, { ...s, failures, reason: r.error, state: stop ? 'paused' : 'running' });
    return stop ? null : Math.min(MAX_WAIT_MS, GAP_MS * 2 ** failures);
  }
  /** @type {import('../../../wasm/jimeng-core').AssetRecord[]} */
  const records = r.records;
  const readable = records.filter((x) => x.job && x.task);
  const cluster = site === 'dreamina' ? String((await loadSession(site)).region ?? '') : '';
  const jobs = readable.map((record) => jobOf(record, site, cluster));
  const known = await merge(jobs);
  // Every listed task is evidence for the engine, ours and imported alike: it decides what each now is.
  dispatch({
    type: 'seen',
    tasks: Object.fromEntries(jobs.map((j, i) => [j.submitId, /** @type {any} */ (readable[i].task)])),
  });
  const stalled = r.walk === 'stalled',
    stop = r.walk !== 'more';
  await save(site, {
    ...s,
    cursor: stalled ? s.cursor : r.nextCursor,
    pages: s.pages + 1,
    failures: 0,
    reason: stalled ? r.stalled : undefined,
    imported: s.imported + jobs.length - known,
    known: s.known + known,
    unreadable: s.unreadable + records.length - readable.length,
    reachedMs: readable.at(-1)?.createdMs ?? s.reachedMs,
    ...(stalled ? { state: 'paused' } : stop ? { state: 'done', endedAt: Date.now() } : {}),
  });
  return stop ? null : GAP_MS;
}
