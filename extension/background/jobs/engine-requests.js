// @ts-check
// The engine's requests to the sites, as the core's actions ask for them (engine.js performs the actions): a
// submit through a page of the job's site, one batched poll per site, new versions learned from a fresh page.
// Each answer goes back to the engine as an event (`dispatch`), parsed by the core.
import { refreshVersionsInOwnTab, runThroughPage } from '../pages/bridges.js';
import { call, core } from '../pages/core-instance.js';
import { getJob } from './jobs.js';
import { buildSubmit } from './submit.js';
import { loadSession } from '../pages/session.js';
import { siteId } from '../../shared/site.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */
/** @typedef {(event: import('../../../wasm/jimeng-core').EngineEvent) => void} Feed */

/** get_history_by_ids takes at most this many ids (the core's buildHistory refuses more): larger polls go in parts. */
const MAX_POLL_IDS = 200;
/** Each unfinished job's site, as of the last step (engine.js keeps it): its polls go to that site's pages. @type {Map<string, SiteId>} */
export const siteOf = new Map();

/** Why a sent submit's answer did not come, from the transport's error code (the transport marks what it never sent). */
const LOSS = { timeout: 'timeout', bridge_gone: 'tab_gone' };

/**
 * Sends one submit with the job's stored input, seed and submit_id, a fresh clock and the latest versions, and
 * waits for its answer as long as the core said (a slow answer is not a lost one).
 */
export async function submit(
  /** @type {Feed} */ dispatch,
  /** @type {string} */ submitId,
  /** @type {number} */ timeoutMs,
) {
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
export async function poll(
  /** @type {Feed} */ dispatch,
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
export async function refreshVersions(/** @type {Feed} */ dispatch) {
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
