// @ts-check
// The engine's shell. Every decision (what to send, what to poll, when to wait, when a batch pauses or ends)
// is the core's `step`; this file only performs: it hands the core the unfinished jobs, the open batches
// and the engine's small state with one event, stores the changes the core returns (before anything is
// sent), then performs its actions and feeds their outcomes back as events. Events are handled one at a
// time, in order. Requests run alongside; their answers queue up as events.
import { refreshVersionsInOwnTab, runThroughPage } from '../pages/bridges.js';
import { call, core } from '../pages/core-instance.js';
import {
  announcements,
  getJob,
  isActive,
  openCount,
  openFields,
  storeClock,
  updateBatches,
  updateJobs,
} from './jobs.js';
import { jobsByIds, openBatches } from '../../shared/job-store.js';
import { announceEnded, notifyBatchEnded } from './notify.js';
import { buildSubmit, createJob } from './submit.js';
import { loadSession } from '../pages/session.js';
import { siteId } from '../../shared/site.js';
import { ALARM, refreshCredit, watched, whenWatched } from './scheduler.js';
import * as facts from '../../state/facts.js';
import { serial } from '../../state/serial.js';

// The job fields the core reads; the rest of a job (prompt, images, …) stays out of the step's input.
const ENGINE_FIELDS = [
  'submitId',
  'phase',
  'createdAt',
  'batchId',
  'row',
  'attemptAt',
  'nextAttemptAt',
  'missingPolls',
  'versionRetried',
  'needsLogin',
  'sentAt',
  'timeoutSeconds',
  'createdTime',
  'submitLost',
  'attempts',
  'resends',
  'unknownRetried',
  'model',
  'kind',
  'queueSeconds',
  'queueSeenAt',
  'pollIntervalSeconds',
  'historyId',
  'pollByHistory',
];
/** get_history_by_ids takes at most this many ids (the core's buildHistory refuses more): larger polls go in parts. */
const MAX_POLL_IDS = 200;
/** @typedef {import('../../shared/site.js').SiteId} SiteId */
/** Each unfinished job's site, as of the last step: its polls go to that site's pages (the engine is site-free). @type {Map<string, SiteId>} */
const siteOf = new Map();

/** @typedef {import('../../../wasm/jimeng-core').EngineEvent} EngineEvent */
/** @typedef {import('../../../wasm/jimeng-core').EngineAction} EngineAction */

/**
 * Events, handled one at a time. The first, whenever this worker first runs the engine: submits an earlier worker
 * sent will get no answer (it died with them), so the core looks them up at once.
 * @type {EngineEvent[]}
 */
const queue = [{ type: 'workerStarted' }];
let draining = false;
let timer = 0;
let cycleStoreMs = 0;

/** Hands the engine an event; handled after those before it. */
export function dispatch(/** @type {EngineEvent} */ event) {
  queue.push(event);
  if (!draining) drain();
}

/** A timer, an alarm, a view opening, the session coming back: the engine looks at what is due. */
export const wake = () => dispatch({ type: 'tick' });
whenWatched(wake);

async function drain() {
  draining = true;
  try {
    while (queue.length) {
      const event = /** @type {EngineEvent} */ (queue.shift());
      await handle(event).catch((e) => console.warn('engine step failed', event.type, e));
    }
  } finally {
    draining = false;
  }
}

async function handle(/** @type {EngineEvent} */ event) {
  const storeBefore = storeClock.ms;
  const c = await core;
  const [jobs, batches, saved, ended] = await Promise.all([
    openFields([...ENGINE_FIELDS, 'site']),
    openBatches(),
    facts.get('engineState'),
    event.type === 'seen' ? endedFields(Object.keys(event.tasks)) : [],
  ]);
  jobs.push(...ended);
  for (const j of jobs) siteOf.set(/** @type {string} */ (j.submitId), siteId(j.site));
  const entropy = crypto.getRandomValues(new Uint32Array(1))[0];
  const engine = /** @type {import('../../../wasm/jimeng-core').EngineOwnState} */ (saved ?? {});
  const r = c.step(
    { jobs: /** @type {any[]} */ (jobs), batches, engine },
    { watched: watched(), entropy, ...event },
    Date.now(),
  );
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  // Stored before any action: a worker stopped right after a send still knows the send happened.
  const byId = new Map(r.jobs.map((p) => [p.submitId, p]));
  await updateJobs(
    [...byId.keys()],
    (all) => {
      for (const [id, p] of byId) {
        const job = all[id];
        if (!job) continue;
        const before = JSON.stringify(job);
        const { updatedAt, ...set } = p.set;
        Object.assign(job, set);
        for (const key of p.unset) delete job[key];
        // A poll that found nothing new leaves the record as it was (and unwritten): only real changes date it.
        if (JSON.stringify(job) !== before) job.updatedAt = /** @type {number} */ (updatedAt ?? Date.now());
      }
    },
    { durable: r.actions.some((a) => a.type === 'submit') },
  );
  await updateBatches(r.batches);
  if (JSON.stringify(r.engine) !== JSON.stringify(saved)) await facts.set('engineState', r.engine);
  for (const action of r.actions) perform(action);
  if (announcements.due) {
    announcements.due = false;
    announceInTurn();
  }
  await showOpenCount();
  // For npm run bench:scale: the store's share of a poll cycle (the steps from one poll's answer to the
  // next's), which must not grow with the history.
  cycleStoreMs += storeClock.ms - storeBefore;
  if (event.type === 'polled') {
    Object.assign(self, { jimengLastTick: { storeMs: cycleStoreMs, active: await openCount(), at: Date.now() } });
    cycleStoreMs = 0;
  }
}

/**
 * Jobs that Jimeng's list names and that have ended here: the core heals those it ended without knowing. Read
 * by id for that page only (never the history), with their error, which says whether they can heal.
 */
async function endedFields(/** @type {string[]} */ ids) {
  const found = await jobsByIds(ids);
  return found
    .filter((j) => !isActive(j))
    .map((j) =>
      Object.fromEntries([...ENGINE_FIELDS, 'error'].filter((k) => j[k] !== undefined).map((k) => [k, j[k]])),
    );
}

/**
 * Notifications and auto-downloads run on a chain of their own: a slow notification picture or a download
 * never holds the engine's next step (a poll's answer, a submit).
 */
const announcing = serial((e) => {
  announcements.due = true;
  console.warn('announcing failed', e);
});
function announceInTurn() {
  announcing(() => announceEnded()).catch(() => {});
}

/** @param {EngineAction} action */
function perform(action) {
  switch (action.type) {
    case 'submit':
      submit(action.submitId, action.timeoutMs);
      break;
    case 'poll':
      poll(action.submitIds, action.sentAt, action.context, action.historyIds, action.historyContext);
      break;
    case 'wait':
      setTimer(action.ms);
      break;
    case 'refreshVersions':
      refreshVersions();
      break;
    case 'refreshCredits':
      refreshCredit().catch(() => {});
      break;
    case 'notify':
      notifyBatchEnded(action.batchId).finally(() => dispatch({ type: 'notified', batchId: action.batchId }));
      break;
  }
}

/** Why a sent submit's answer did not come, from the transport's error code (the transport marks what it never sent). */
const LOSS = { timeout: 'timeout', bridge_gone: 'tab_gone' };

/**
 * Sends one submit with the job's stored input, seed and submit_id, a fresh clock and the latest versions, and
 * waits for its answer as long as the core said (a slow answer is not a lost one).
 */
async function submit(/** @type {string} */ submitId, /** @type {number} */ timeoutMs) {
  const job = await getJob(submitId);
  if (!job) return;
  const c = await core;
  const built = await buildSubmit({ ...job.input, seed: /** @type {any} */ (job.job).seed, submitId });
  if (!built.ok) return dispatch({ type: 'submitted', submitId, result: built });
  try {
    const site = siteId(job.site);
    const answer = await runThroughPage(built.request, { timeoutMs, site });
    dispatch({
      type: 'submitted',
      submitId,
      result: c.parseGenerate(answer.body, { status: answer.status, submitIds: [submitId], site }),
    });
  } catch (/** @type {any} */ e) {
    // the bridge's failure: {code, notSent?, message}
    // The answer is lost: the core looks the id up before any resend (or, never sent, sends it again later).
    const why = e?.notSent ? 'not_sent' : (LOSS[/** @type {keyof LOSS} */ (e?.code)] ?? 'network');
    dispatch({
      type: 'submitLost',
      submitId,
      why,
      error: { kind: 'server_error', code: e?.code ?? 'network', message: String(e?.message ?? e), retry: 'later' },
    });
  }
}

let polling = false;
/**
 * One batched get_history_by_ids for every job in flight (in parts of MAX_POLL_IDS); a poll still running
 * makes the next one wait. `sentAt` (the action's) goes back with each answer: the core counts a lost
 * submit's look-ups only from polls sent after its loss.
 */
async function poll(
  /** @type {string[]} */ submitIds,
  /** @type {number} */ sentAt,
  /** @type {object} */ context,
  /** @type {Record<string, string>} */ byHistory = {},
  /** @type {object} */ historyContext = {},
) {
  if (polling) return;
  polling = true;
  try {
    // Each site's jobs from its own pages (a Dreamina job's cluster is where its session is).
    for (const [site, ids] of bySite(submitIds))
      for (let i = 0; i < ids.length; i += MAX_POLL_IDS) {
        const part = ids.slice(i, i + MAX_POLL_IDS);
        const result = await call(
          'buildHistory',
          'parseHistory',
          { submitIds: part, site },
          { ...context, submitIds: part },
        );
        dispatch({ type: 'polled', submitIds: part, sentAt, result });
      }
    // Jobs Jimeng listed without a submit_id: asked for by history id, answered under their own ids.
    // Each site's from its own pages too: Jimeng's and Dreamina's imports are both listed this way.
    for (const [site, ids] of bySite(Object.values(byHistory))) {
      const mine = new Set(ids);
      const historyIds = Object.keys(byHistory).filter((h) => mine.has(byHistory[h]));
      for (let i = 0; i < historyIds.length; i += MAX_POLL_IDS) {
        const part = historyIds.slice(i, i + MAX_POLL_IDS);
        const result = await call(
          'buildHistory',
          'parseHistory',
          { historyIds: part, site },
          { ...historyContext, historyIds: part },
        );
        const tasks = result.ok ? Object.fromEntries(part.map((h) => [byHistory[h], result.tasks[h]])) : undefined;
        dispatch({
          type: 'polled',
          submitIds: part.map((h) => byHistory[h]),
          sentAt,
          result: tasks ? { ok: true, tasks } : result,
        });
      }
    }
  } finally {
    polling = false;
  }
}

/** The ids by their jobs' sites, in order. @param {string[]} ids */
function bySite(ids) {
  /** @type {Map<SiteId, string[]>} */
  const groups = new Map();
  for (const id of ids) {
    const site = siteOf.get(id) ?? 'jimeng';
    groups.set(site, [...(groups.get(site) ?? []), id]);
  }
  return groups;
}

/** New versions (on Dreamina also its cluster's hosts: a 1015 there) from a fresh page of each site with jobs in flight. */
async function refreshVersions() {
  const sites = new Set(siteOf.values());
  for (const site of sites.size ? sites : new Set(/** @type {SiteId[]} */ (['jimeng']))) {
    const before = (await loadSession(site)).observedAt ?? 0;
    await refreshVersionsInOwnTab(
      () => loadSession(site).then((s) => (s.observedAt ?? 0) > before),
      20_000,
      site,
    ).catch(() => {});
  }
  dispatch({ type: 'versionsRefreshed' });
}

/** The engine's next look, and an alarm that restarts a stopped worker while anything is open. */
function setTimer(/** @type {number} */ ms) {
  clearTimeout(timer);
  timer = setTimeout(wake, ms);
}

async function showOpenCount() {
  const open = await openCount();
  await chrome.action.setBadgeText({ text: open ? String(open) : '' });
  if (open) chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
  else {
    chrome.alarms.clear(ALARM);
    clearTimeout(timer);
  }
}

/**
 * Starting a job, from any door (popup, context menu, shortcut): validated and stored by createJob before
 * anything is sent; then the engine sends it.
 * @param {object} input  the compose fields (prompt, model, ratio, count, …)
 * @param {import('./jobs.js').JobOrigin} origin  where the job was started
 *   (and for an upscale, the image it came from; with references, how many files were uploaded for it)
 */
export async function startJob(input, origin) {
  const created = await createJob(input, origin);
  if (created.ok) dispatch({ type: 'submit' });
  return created;
}
