// @ts-check
// Creating and submitting jobs. A submit is never sent twice blindly: `attemptAt` marks a submit whose
// answer we do not have (lost, or the worker died), and only the poller may clear it, after asking the
// service for that submit_id and not finding it.
import { reloadJimengPages, runThroughPage } from './bridges.js';
import { catalogue } from './catalogue.js';
import { clocked, core } from './core-instance.js';
import { addJob, getJob, isQuotaError, patchJob } from './jobs.js';
import { t } from '../shared/job-text.js';
import { loadSession } from './session.js';

const LATER_MS = 15_000;  // after a "later" refusal (rate limit, too many queued tasks)
const inflight = new Set();

/** The job fields a core task state sets. */
export function taskFields(task) {
  return { phase: task.state, total: task.total, finished: task.finished, queue: task.queue, images: task.images,
    error: task.error, historyId: task.historyId, ...(task.timeoutSeconds ? { timeoutSeconds: task.timeoutSeconds } : {}) };
}

/** Builds a submit with the caller's input, a fresh clock and entropy, and the current model catalogue. */
async function buildSubmit(input) {
  return (await core).buildGenerate(await clocked({ ...input, models: (await catalogue()).models }));
}

/** Validates with the core and stores the job before anything is sent. */
export async function createJob(input, origin = {}) {
  const built = await buildSubmit(input);
  if (!built.ok) return built;
  const now = Date.now();
  const job = { submitId: built.job.submitId, createdAt: now, updatedAt: now, phase: /** @type {const} */ ('submitting'), input, job: built.job, origin };
  try {
    await addJob(job);
  } catch (e) {
    // Nothing is sent for a job that could not be stored: it would run untracked. Stored jobs keep running.
    if (isQuotaError(e)) return { ok: false, error: { kind: 'server_error', code: 'disk_full', message: t('errcode_disk_full'), retry: 'later' } };
    throw e;
  }
  return { ok: true, job };
}

/** Sends (or re-sends) a job's submit, unless one is in flight or its answer is unknown. */
export async function sendSubmit(submitId) {
  if (inflight.has(submitId)) return;
  inflight.add(submitId);
  try {
    for (let round = 0; round < 2; round++) {
      const again = await attempt(submitId);
      if (!again) break;
    }
  } finally {
    inflight.delete(submitId);
  }
}

/** @returns {Promise<boolean>} whether to try once more (after refreshing versions) */
async function attempt(submitId) {
  const job = await getJob(submitId);
  if (!job || job.phase !== 'submitting' || job.attemptAt) return false;
  const c = await core;
  // The same submit_id and seed with a fresh clock and the latest versions: the same generation.
  const built = await buildSubmit({ ...job.input, seed: job.job.seed, submitId });
  if (!built.ok) { await patchJob(submitId, { phase: 'failed', error: built.error }); return false; }
  await patchJob(submitId, { attemptAt: Date.now(), missingPolls: 0, nextAttemptAt: undefined });
  let parsed;
  try {
    const answer = await runThroughPage(built.request);
    parsed = c.parseGenerate(answer.body, { status: answer.status, submitIds: [submitId] });
  } catch {
    return false;  // the answer is lost; attemptAt stays and the poller looks the id up
  }
  if (parsed.ok) {
    await patchJob(submitId, { ...taskFields(parsed.task), attemptAt: undefined, needsLogin: false });
    return false;
  }
  const error = parsed.error;
  // An unreadable answer or a gateway failure may hide a created task: leave it to the poller.
  if (error.kind === 'malformed_response' || error.code.startsWith('http_')) return false;
  if (error.kind === 'login_required') {
    await patchJob(submitId, { attemptAt: undefined, needsLogin: true, nextAttemptAt: Date.now() + LATER_MS });
    return false;
  }
  if (error.kind === 'version_outdated' && !job.versionRetried) {
    await patchJob(submitId, { attemptAt: undefined, versionRetried: true });
    const before = (await loadSession()).observedAt ?? 0;
    await reloadJimengPages(() => loadSession().then((s) => (s.observedAt ?? 0) > before));
    return true;
  }
  if (error.retry === 'later') {
    await patchJob(submitId, { attemptAt: undefined, nextAttemptAt: Date.now() + LATER_MS, lastError: error });
    return false;
  }
  await patchJob(submitId, { attemptAt: undefined, phase: 'failed', error });  // never retried by itself
  return false;
}
