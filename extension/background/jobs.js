// @ts-check
// The job store: every job lives in chrome.storage.local under `jobs` (submitId → job), written before any
// request for it is sent, so a worker killed at any moment loses nothing. Updates are serialised within
// this worker instance so two handlers never overwrite each other's change.
const KEY = 'jobs';

/**
 * @typedef {{
 *   submitId: string, createdAt: number, updatedAt: number,
 *   phase: 'submitting' | 'queued' | 'generating' | 'done' | 'failed',
 *   needsLogin?: boolean,          // waiting for the user to log in; continues by itself afterwards
 *   input: object,                 // what the user asked for (for retry / reuse prompt)
 *   job: object,                   // the core's normalised job (prompt, model, size, count, seed…)
 *   request?: object,              // the built submit request, kept until the service has the task
 *   submitLost?: number,           // when a submit's answer was lost: poll before ever resending
 *   missingPolls?: number,         // polls since then in which the service did not know the id
 *   versionRetried?: boolean,
 *   nextAttemptAt?: number,
 *   attemptAt?: number,            // a submit was sent and its answer is not in: look the id up before resending
 *   lastError?: object,            // the last "later" refusal, shown while the job waits to resend
 *   historyId?: string,
 *   announced?: boolean,           // its end was notified (each job once, whatever restarts happen)
 *   trackerDismissed?: boolean,    // dismissed from the in-page tracker (it stays in the popup)
 *   total?: number, finished?: number, queue?: {position: number, length: number},
 *   images?: object[], error?: object, timeoutSeconds?: number, origin?: object,
 * }} Job
 */

let chain = Promise.resolve();

/** @returns {Promise<Record<string, Job>>} */
export async function allJobs() {
  /** @type {Record<string, Job> | undefined} */
  const jobs = /** @type {any} */ ((await chrome.storage.local.get(KEY))[KEY]);
  return jobs ?? {};
}

/**
 * Applies `change` to the stored jobs atomically (within this worker) and returns its result.
 * @template T
 * @param {(jobs: Record<string, Job>) => T} change
 * @returns {Promise<T>}
 */
export function updateJobs(change) {
  const run = chain.then(async () => {
    const jobs = await allJobs();
    const result = change(jobs);
    await chrome.storage.local.set({ [KEY]: jobs });
    return result;
  });
  chain = run.then(() => {}, () => {});
  return run;
}

/** @param {string} submitId @param {Partial<Job>} patch */
export function patchJob(submitId, patch) {
  return updateJobs((jobs) => {
    if (!jobs[submitId]) return null;
    jobs[submitId] = { ...jobs[submitId], ...patch, updatedAt: Date.now() };
    return jobs[submitId];
  });
}

export const isActive = (/** @type {Job} */ j) => j.phase !== 'done' && j.phase !== 'failed';
