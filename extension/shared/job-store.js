// @ts-check
// The job store: one IndexedDB record per job, keyed by submit_id, shared by the worker and our extension
// pages (same origin). Indexes answer what the engine and the views ask without touching the history:
// - `open`: unfinished jobs only (a sparse index: finished records do not carry the field);
// - `unannounced`: finished jobs whose end was not yet notified (also sparse);
// - `newest` (minus the creation time): the newest N in one getAll, without walking a cursor step by step;
// - `createdAt`, `updatedAt`: by time, and recent changes for the tracker;
// - `batchId`, `favourite`: for batches and the gallery's favourites (favourite is sparse too).
// Beside each job, a small `cards` record (prompt, state, model, time, image count) is written in the same
// transaction: the workspace reads every card at once to search and filter 50,000 jobs, and reads full jobs
// only for what is on screen.
import { BATCHES, CARDS, FILES, STORE, jobsDb as db } from '../state/databases.js';

export { BATCHES, CARDS, FILES, STORE, db };

/** @typedef {import('../background/jobs/jobs.js').Job} Job */

export const isActive = (/** @type {{phase: string}} */ j) => j.phase !== 'done' && j.phase !== 'failed';

/** The derived index fields, kept in step with the job on every write. */
export function withIndexFields(/** @type {Job} */ job) {
  const out = { ...job, newest: -job.createdAt };
  delete out.open;
  delete out.unannounced;
  if (isActive(job)) out.open = 1;
  else if (!job.announced && !job.batchId) out.unannounced = 1; // a batch is announced once, as a whole
  if (job.favourite) out.favourite = 1;
  else delete out.favourite;
  return out;
}

/** A batch's index fields: open until it has ended and its end was announced. */
export function withBatchIndexFields(/** @type {Batch} */ batch) {
  const out = { ...batch, newest: -batch.createdAt };
  delete out.open;
  if (batch.state !== 'ended' || !batch.announced) out.open = 1;
  return out;
}

/** Batches not yet ended and announced: the engine's share of the batches, however many ran before. */
export async function openBatches() {
  return /** @type {Promise<Batch[]>} */ ((await db()).getAllFromIndex(BATCHES, 'open'));
}

/** @param {string} id @returns {Promise<Batch | undefined>} */
export async function getBatch(id) {
  return (await db()).get(BATCHES, id);
}

/** Every row of one batch (a few hundred at most). @param {string} batchId @returns {Promise<Job[]>} */
export async function jobsOfBatch(batchId) {
  return (await db()).getAllFromIndex(STORE, 'batchId', batchId);
}

/** The newest `limit` batches, for the views. */
export async function newestBatches(/** @type {number} */ limit) {
  return /** @type {Promise<Batch[]>} */ ((await db()).getAllFromIndex(BATCHES, 'newest', null, limit));
}

/**
 * @typedef {{id: string, createdAt: number, name?: string, title?: string, total: number, state: 'running' | 'paused' | 'cancelled' | 'ended',
 *   concurrency: number, gapMs: number, spreadMs: number, nextSubmitAt?: number, pause?: import('../../wasm/jimeng-core').EngineBatch['pause'], announced?: boolean,
 *   endedAt?: number, open?: number, newest?: number, timed?: number, doneMs?: number}} Batch
 *   (timed: rows done so far; doneMs: their summed time from submit to done, kept by the core for the ETA)
 */
/**
 * @typedef {{submitId: string, createdAt: number, newest: number, phase: string, prompt: string, model: string, modelName: string,
 *   images: number, favourite: boolean, batchId?: string, needsLogin?: boolean, kind?: 'video', durationS?: number, source?: 'jimeng', site?: 'dreamina'}} Card
 */
/** The gallery's summary of a job. @param {Job} job @returns {Card} */
export function cardOf(job) {
  const j = /** @type {any} */ (job.job ?? {});
  return {
    submitId: job.submitId,
    createdAt: job.createdAt,
    newest: -job.createdAt,
    phase: job.phase,
    prompt: j.prompt ?? '',
    model: j.model ?? '',
    modelName: j.modelName ?? j.model ?? '',
    images: /** @type {unknown[] | undefined} */ (job.videos ?? job.images)?.length ?? 0,
    favourite: !!job.favourite,
    // A video's cell shows its poster and length; older cards (without kind) are images.
    ...(job.kind === 'video' || j.kind === 'video' ? { kind: 'video', durationS: j.durationS ?? 0 } : {}),
    ...(job.origin?.from === 'jimeng' ? { source: 'jimeng' } : {}), // imported: made in Jimeng's web app
    ...(job.site === 'dreamina' ? { site: 'dreamina' } : {}), // made on Dreamina (Jimeng's when absent)
    ...(job.batchId ? { batchId: job.batchId } : {}),
    ...(job.needsLogin ? { needsLogin: true } : {}),
  };
}

/**
 * Every card, newest first, read in chunks so that no single read (and its decoding) holds the page for
 * long: 50,000 cards in one read took half a second. Jobs created in the same millisecond share a `newest`
 * value, so each chunk starts at the last value read and drops the cards already taken.
 * @param {(chunk: Card[]) => void} [onChunk]
 * @returns {Promise<Card[]>}
 */
export async function allCards(onChunk, chunk = 2_000) {
  const database = await db();
  /** @type {Card[]} */
  const out = [];
  let from = -Infinity;
  let taken = new Set();
  for (;;) {
    const range = from === -Infinity ? null : IDBKeyRange.lowerBound(from);
    const got = /** @type {Card[]} */ (await database.getAllFromIndex(CARDS, 'newest', range, chunk + taken.size));
    const fresh = got.filter((c) => !taken.has(c.submitId));
    out.push(...fresh);
    onChunk?.(fresh);
    if (got.length < chunk + taken.size) return out;
    from = got[got.length - 1].newest;
    taken = new Set(got.filter((c) => c.newest === from).map((c) => c.submitId));
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page draw between chunks
  }
}

/** The newest `limit` cards, for the workspace's first screen. @returns {Promise<Card[]>} */
export async function newestCards(/** @type {number} */ limit) {
  return (await db()).getAllFromIndex(CARDS, 'newest', null, limit);
}

/**
 * Every job, a chunk at a time in key order (for "back up everything": a user's one-off request, never a tick).
 * @param {(jobs: Job[]) => Promise<void>} each
 */
export async function forEachJobChunk(each, chunk = 500) {
  /** @type {IDBKeyRange | null} */
  let range = null;
  for (;;) {
    const got = /** @type {Job[]} */ (await (await db()).getAll(STORE, range, chunk));
    if (got.length) await each(got);
    if (got.length < chunk) return;
    range = IDBKeyRange.lowerBound(got[got.length - 1].submitId, true);
  }
}

/** Full jobs for the given ids (what is on screen), in one transaction. @param {string[]} ids */
export async function jobsByIds(ids) {
  const tx = (await db()).transaction(STORE);
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  return /** @type {Job[]} */ (found.filter(Boolean));
}

/** @param {string} submitId @returns {Promise<Job | undefined>} */
export async function getJob(submitId) {
  return (await db()).get(STORE, submitId);
}

/** Every unfinished job: the engine's whole working set, whatever the history holds. */
export async function openJobs() {
  return /** @type {Promise<Job[]>} */ ((await db()).getAllFromIndex(STORE, 'open'));
}

/** The newest `limit` jobs (by creation), newest first, read from the index's end. */
export async function newestJobs(/** @type {number} */ limit) {
  return /** @type {Promise<Job[]>} */ ((await db()).getAllFromIndex(STORE, 'newest', null, limit));
}

/** Jobs changed since `sinceMs` (the tracker lists recent ones), newest change first. */
export async function jobsUpdatedSince(/** @type {number} */ sinceMs) {
  const list = await (await db()).getAllFromIndex(STORE, 'updatedAt', IDBKeyRange.lowerBound(sinceMs));
  return /** @type {Job[]} */ (list.reverse());
}

/** Finished jobs whose end was not notified yet. */
export async function unannouncedIds() {
  return /** @type {Promise<string[]>} */ ((await db()).getAllKeysFromIndex(STORE, 'unannounced'));
}
