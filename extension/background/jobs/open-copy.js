// @ts-check
// The job store as the worker reads it: every read timed (the engine's store time a tick, for bench:scale), the
// unfinished jobs kept in memory after one read, and the one chain the writes (jobs.js) go through in turn.
import * as store from '../../shared/job-store.js';
import { serial as inTurn } from '../../state/serial.js';

const { isActive } = store;
/** @typedef {import('./job-record.js').Job} Job */

/** Time spent in the store, for `npm run bench:scale` (the engine's storage cost per tick). */
export const storeClock = { ms: 0 };
/** @template {(...args: any[]) => Promise<any>} F @param {F} fn @returns {F} */
export const timed = (fn) =>
  /** @type {F} */ (
    async (...args) => {
      const t0 = performance.now();
      try {
        return await fn(...args);
      } finally {
        storeClock.ms += performance.now() - t0;
      }
    }
  );
export const getJob = timed(store.getJob);
/**
 * The unfinished jobs, kept in memory by this worker after one read of the `open` index: the worker is the
 * only writer, and every write below keeps the copy in step (after it is committed). A tick in which nothing
 * changed reads nothing. A new worker starts without the copy and reads it again.
 * @type {Map<string, Job> | null}
 */
let openCopy = null;
async function loadOpenCopy() {
  // Read in turn with the writes, so none can land between this read and the copy it makes.
  openCopy ??= await serial(async () => openCopy ?? new Map((await store.openJobs()).map((j) => [j.submitId, j])));
  return openCopy;
}
export async function openJobs() {
  return [...(await loadOpenCopy()).values()].map((j) => structuredClone(j));
}
/** The named fields of every unfinished job (no copy of the rest): what the engine's step reads. */
export async function openFields(/** @type {string[]} */ fields) {
  return [...(await loadOpenCopy()).values()].map((j) =>
    Object.fromEntries(fields.filter((k) => j[k] !== undefined).map((k) => [k, j[k]])),
  );
}
/** How many jobs are unfinished (the badge), from the open copy. */
export async function openCount() {
  return (await loadOpenCopy()).size;
}
/** An unfinished job as last committed (a copy), when the open copy is loaded and has it. @param {string} id */
export function openCopyOf(id) {
  const job = openCopy?.get(id);
  return job && structuredClone(job);
}
/** After a committed write: the open copy follows the records written. */
export function keepOpenCopy(/** @type {Job[]} */ written) {
  if (!openCopy) return;
  for (const j of written)
    if (isActive(j)) openCopy.set(j.submitId, j);
    else openCopy.delete(j.submitId);
}

const writes = inTurn();
/** The job store's writes, one at a time. @template T @param {() => Promise<T>} run @returns {Promise<T>} */
export const serial = (run) => writes(timed(run));
