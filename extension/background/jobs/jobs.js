// @ts-check
// The worker's writes to the job store (shared/job-store.js, IndexedDB): a job is written before any request
// for it is sent, so a worker killed at any moment loses nothing. Every update reads and writes only the
// records it names, in one transaction, and then tells the views which jobs changed (never the whole
// history). Updates are serialised within this worker so two handlers never overwrite each other's change.
import * as store from '../../shared/job-store.js';
import * as facts from '../../state/facts.js';
import { keepOpenCopy, openCopyOf, serial, timed } from './open-copy.js';
export { getJob, openCount, openFields, openJobs, storeClock } from './open-copy.js';

const { STORE, CARDS, BATCHES, cardOf, db, isActive, withIndexFields, withBatchIndexFields } = store;
export { isActive };

export const jobsUpdatedSince = timed(store.jobsUpdatedSince);
export const unannouncedIds = timed(store.unannouncedIds);

/** @typedef {import('./job-record.js').Job} Job */
/** @typedef {import('./job-record.js').JobOrigin} JobOrigin */

/**
 * Whether some job ended since the last announcement: only then does a tick look for jobs to announce. True
 * at start, so a worker that was stopped between a job's end and its notification still announces it.
 */
export const announcements = { due: true };

/** @typedef {{changed: Job[], removed: string[]}} JobChanges */
/** @type {Set<(changes: JobChanges) => void>} */
const listeners = new Set();
/** Called after every committed change, with the changed records (the views' only source of updates). */
export function onJobsChanged(/** @type {(changes: JobChanges) => void} */ listener) {
  listeners.add(listener);
}
function emit(/** @type {JobChanges} */ changes) {
  if (changes.changed.length || changes.removed.length) for (const l of listeners) l(changes);
}

/**
 * The browser's answers when the disk (or the profile's quota) is full: QuotaExceededError from a write, or,
 * once the store's files could not be written, UnknownError ("Internal error opening backing store").
 */
export const isQuotaError = (/** @type {any} */ e) =>
  e?.name === 'QuotaExceededError' ||
  e?.name === 'UnknownError' ||
  /quota|disk|space|backing store/i.test(String(e?.message ?? e));

/**
 * What must be on disk before a request goes out (a new job, a batch, a job marked as being sent) is written
 * with strict durability: the browser then flushes before it says the write is done, so a full disk or a
 * crash cannot turn a "stored" job into a lost one after its submit was sent. Other writes stay relaxed.
 * @type {IDBTransactionOptions}
 */
const STRICT = { durability: 'strict' };

/**
 * Applies `change` to the named jobs in one transaction and writes back only the ones it changed (or that it
 * added to the map). `change` is synchronous: IndexedDB commits a transaction once it has nothing pending.
 * @template T
 * @param {string[]} ids
 * @param {(jobs: Record<string, Job>) => T} change
 * @param {{durable?: boolean}} [options]  durable: on disk before this resolves (see STRICT)
 * @returns {Promise<T>}
 */
export function updateJobs(ids, change, { durable = false } = {}) {
  if (ids.length === 0) return Promise.resolve(change({})); // nothing to read or write: no transaction
  return serial(async () => {
    const tx = (await db()).transaction([STORE, CARDS], 'readwrite', durable ? STRICT : undefined);
    const jobStore = tx.objectStore(STORE);
    const unique = [...new Set(ids)];
    // An unfinished job is taken from the open copy (exactly what was last committed): an engine tick then
    // only writes, and its cost does not grow with the history. Others are read in this transaction.
    const found = await Promise.all(unique.map((id) => openCopyOf(id) ?? jobStore.get(id)));
    /** @type {Record<string, Job>} */
    const jobs = Object.fromEntries(found.filter(Boolean).map((j) => [j.submitId, j]));
    const before = new Map(Object.entries(jobs).map(([id, j]) => [id, JSON.stringify(j)]));
    const cardsBefore = new Map(Object.entries(jobs).map(([id, j]) => [id, JSON.stringify(cardOf(j))]));
    const result = change(jobs);
    const changed = Object.values(jobs)
      .filter((j) => before.get(j.submitId) !== JSON.stringify(j))
      .map(withIndexFields);
    // A running job's card (prompt, state, image count) rarely changes while it waits: written only when it does.
    const cards = changed.map(cardOf).filter((c) => cardsBefore.get(c.submitId) !== JSON.stringify(c));
    await Promise.all([
      ...changed.map((j) => jobStore.put(j)),
      ...cards.map((c) => tx.objectStore(CARDS).put(c)),
      tx.done,
    ]);
    if (changed.some((j) => j.unannounced)) announcements.due = true;
    keepOpenCopy(changed);
    emit({ changed, removed: [] });
    return result;
  });
}

/** Stores a new job (before anything is sent for it). Rejects with a quota error when the disk is full. */
export function addJob(/** @type {Job} */ job) {
  return serial(async () => {
    const record = withIndexFields(job);
    const tx = (await db()).transaction([STORE, CARDS], 'readwrite', STRICT);
    // The transaction's own error says why it failed (QuotaExceededError on a full disk); the requests'
    // rejections would only say that it was aborted.
    tx.objectStore(STORE)
      .add(record)
      .catch(() => {});
    tx.objectStore(CARDS)
      .put(cardOf(record))
      .catch(() => {});
    await tx.done;
    keepOpenCopy([record]);
    emit({ changed: [record], removed: [] });
  });
}

/**
 * Stores a batch and all its rows in one transaction, before any of them is sent: a batch is there whole
 * or not at all. Rejects with a quota error when the disk is full.
 * @param {import('../../shared/job-store.js').Batch} batch @param {Job[]} rows
 */
export function addBatch(batch, rows) {
  return serial(async () => {
    const tx = (await db()).transaction([STORE, CARDS, BATCHES], 'readwrite', STRICT);
    const records = rows.map(withIndexFields);
    const batchRecord = withBatchIndexFields(batch);
    tx.objectStore(BATCHES)
      .add(batchRecord)
      .catch(() => {});
    for (const r of records) {
      tx.objectStore(STORE)
        .add(r)
        .catch(() => {});
      tx.objectStore(CARDS)
        .put(cardOf(r))
        .catch(() => {});
    }
    await tx.done;
    keepOpenCopy(records);
    emit({ changed: records, removed: [] });
    for (const l of batchListeners) l([batchRecord]);
  });
}

/** Applies the engine's batch changes ({id, set, unset}) in one transaction. @returns {Promise<object[]>} the batches written */
export function updateBatches(/** @type {{id: string, set: object, unset: string[]}[]} */ patches) {
  if (patches.length === 0) return Promise.resolve([]);
  return serial(async () => {
    const tx = (await db()).transaction(BATCHES, 'readwrite');
    const written = [];
    for (const p of patches) {
      const batch = await tx.store.get(p.id);
      if (!batch) continue;
      Object.assign(batch, p.set);
      for (const key of p.unset) delete batch[key];
      written.push(withBatchIndexFields(batch));
    }
    await Promise.all([...written.map((b) => tx.store.put(b)), tx.done]);
    for (const l of batchListeners) l(written);
    return written;
  });
}
/** @type {Set<(batches: object[]) => void>} */
const batchListeners = new Set();
/** Called after every committed batch change, with the batches written. */
export function onBatchesChanged(/** @type {(batches: object[]) => void} */ listener) {
  batchListeners.add(listener);
}

/** @param {string} submitId @param {Partial<Job>} patch */
export function patchJob(submitId, patch) {
  return updateJobs([submitId], (jobs) => {
    const job = jobs[submitId];
    if (!job) return null;
    Object.assign(job, patch, { updatedAt: Date.now() });
    for (const key of Object.keys(patch)) if (patch[key] === undefined) delete job[key];
    return job;
  });
}

/** Deletes finished jobs (a running one is never deleted: its task exists on the service). */
export function removeJobs(/** @type {string[]} */ ids) {
  return serial(async () => {
    const tx = (await db()).transaction([STORE, CARDS], 'readwrite');
    const jobStore = tx.objectStore(STORE);
    const removed = [];
    for (const id of ids) {
      const job = await jobStore.get(id);
      if (job && !isActive(job)) {
        await Promise.all([jobStore.delete(id), tx.objectStore(CARDS).delete(id)]);
        removed.push(id);
      }
    }
    await tx.done;
    emit({ changed: [], removed });
    return removed;
  });
}

/**
 * v0.1 kept every job in one stored value (the `legacyJobs` fact). Moves it into the store (one transaction; a job
 * the store already has is kept as the store has it, being newer) and only then removes the old value.
 * Runs at every worker start; a worker stopped half-way simply does it again.
 * @returns {Promise<number>} how many jobs were moved
 */
export async function migrateFromV01() {
  const old = /** @type {Record<string, Job> | undefined} */ (await facts.get('legacyJobs'));
  if (!old) return 0;
  const moved = await serial(async () => {
    const tx = (await db()).transaction([STORE, CARDS], 'readwrite');
    const jobStore = tx.objectStore(STORE);
    const records = [];
    for (const job of Object.values(old)) {
      if (!job?.submitId || (await jobStore.getKey(job.submitId))) continue;
      const record = withIndexFields({
        ...job,
        createdAt: job.createdAt ?? Date.now(),
        updatedAt: job.updatedAt ?? Date.now(),
      });
      records.push(record);
      jobStore.put(record);
      tx.objectStore(CARDS).put(cardOf(record));
    }
    await tx.done;
    keepOpenCopy(records);
    announcements.due = true;
    emit({ changed: records.filter(isActive), removed: [] });
    return records.length;
  });
  await facts.remove('legacyJobs');
  return moved;
}
