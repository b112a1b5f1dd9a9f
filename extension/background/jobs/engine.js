// @ts-check
// The engine's shell. Every decision (what to send, what to poll, when to wait, when a batch pauses or ends)
// is the core's `step`; this file only performs: it hands the core the unfinished jobs, the open batches
// and the engine's small state with one event, stores the changes the core returns (before anything is
// sent), then performs its actions and feeds their outcomes back as events. Events are handled one at a
// time, in order. Requests run alongside; their answers queue up as events.
import { core } from '../pages/core-instance.js';
import { announcements, isActive, openCount, openFields, storeClock, updateBatches, updateJobs } from './jobs.js';
import { jobsByIds, openBatches } from '../../shared/job-store.js';
import { announceEnded, notifyBatchEnded } from './notify.js';
import { createJob } from './submit.js';
import { poll, refreshVersions, siteOf, submit } from './engine-requests.js';
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
      submit(dispatch, action.submitId, action.timeoutMs);
      break;
    case 'poll':
      poll(dispatch, action.submitIds, action.sentAt, action.context, action.historyIds, action.historyContext);
      break;
    case 'wait':
      setTimer(action.ms);
      break;
    case 'refreshVersions':
      refreshVersions(dispatch);
      break;
    case 'refreshCredits':
      refreshCredit().catch(() => {});
      break;
    case 'notify':
      notifyBatchEnded(action.batchId).finally(() => dispatch({ type: 'notified', batchId: action.batchId }));
      break;
  }
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
