// @ts-check
// The extension's two IndexedDB databases, opened here only (ESLint forbids idb and indexedDB anywhere else):
// - `jimeng-helper`: jobs, their cards, batches and the download manager's files (shared/job-store.js,
//   shared/download-store.js): kept until the user removes them;
// - `jimeng-references`: reference images waiting to be used (a week) and uploads remembered per account (a
//   day) (shared/references.js); its own database, so the job store's schema is untouched.
import { openDB } from 'idb';

const DB_NAME = 'jimeng-helper';
const DB_VERSION = 3;
export const STORE = 'jobs';
export const CARDS = 'cards';
/** Batch runs (version 2): one record per batch, `open` (sparse) until it has ended and been announced. */
export const BATCHES = 'batches';
/** The download manager's files (version 3): one record per file, keyed by its uri (shared/download-store.js). */
export const FILES = 'files';

/** @type {Promise<import('idb').IDBPDatabase> | undefined} */
let opening;

/** The job store's database (shared/job-store.js and shared/download-store.js read and write it). */
export function jobsDb() {
  opening ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const jobs = database.createObjectStore(STORE, { keyPath: 'submitId' });
        for (const index of ['open', 'unannounced', 'newest', 'createdAt', 'updatedAt', 'batchId', 'favourite'])
          jobs.createIndex(index, index);
        database.createObjectStore(CARDS, { keyPath: 'submitId' }).createIndex('newest', 'newest');
      }
      if (oldVersion < 2) {
        const batches = database.createObjectStore(BATCHES, { keyPath: 'id' });
        batches.createIndex('open', 'open');
        batches.createIndex('newest', 'newest');
      }
      if (oldVersion < 3) {
        const files = database.createObjectStore(FILES, { keyPath: 'uri' });
        for (const index of ['waiting', 'active', 'failed']) files.createIndex(index, index);
      }
    },
    // Another context upgrading later (a newer extension version) closes this connection: reopen then.
    blocking() {
      opening?.then((d) => d.close());
      opening = undefined;
    },
    // The browser closes a connection whose backing store failed (a full disk does it): the next use reopens.
    terminated() {
      opening = undefined;
    },
  }).catch((e) => {
    opening = undefined;
    throw e;
  }); // a failed open (e.g. no disk space) is tried again next time
  return opening;
}

/** @type {Promise<import('idb').IDBPDatabase> | undefined} */
let openingReferences;
/** The reference images' database. */
export const referencesDb = () =>
  (openingReferences ??= openDB('jimeng-references', 1, {
    upgrade(database) {
      database.createObjectStore('files', { keyPath: 'id' }).createIndex('addedAt', 'addedAt');
      database.createObjectStore('uploads', { keyPath: 'sha256' });
    },
  }));
