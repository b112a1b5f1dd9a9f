// @ts-check
// Reference images waiting to be used, shared by our pages and the worker (same origin, own database, so the
// job store's schema is untouched). A file picked, dropped or pasted in a compose form is stored here as a
// Blob and only its id crosses messages: a message would copy up to 20 MB per image, and the worker may stop
// while the form is open. Uploaded images are remembered by the account and the SHA-256 of their bytes: ImageX
// gives the same bytes a new uri each time (protocol §4.4), so the same file is not uploaded twice by one
// account within a day; another login, or an older upload, uploads again (a stale or foreign uri never goes out).
// The draft's list (storage.session `draftReferences`) is what the popup's form shows: {fileId} or {uri, preview}.
import { referencesDb as db } from '../state/databases.js';
import * as facts from '../state/facts.js';

const FILES = 'files'; // id → {id, blob, name, addedAt}
const UPLOADS = 'uploads'; // "<userId>|<sha256>" (in the field sha256) → {sha256, uri, width, height, at}
export const DRAFT_REFERENCES = /** @type {const} */ ('draftReferences');
const FILE_TTL_MS = 7 * 86400_000; // files no draft or job has used for a week are dropped
export const UPLOAD_TTL_MS = 86400_000; // an uploaded uri is used again for a day, then the file is uploaded anew

/** Stores a file and returns its id. */
export async function putFile(/** @type {Blob} */ blob, name = '') {
  const id = crypto.randomUUID();
  const d = await db();
  await d.put(FILES, { id, blob, name, addedAt: Date.now() });
  // Files are keyed by id: the week-old ones are found through their addedAt index.
  const old = await d.getAllKeysFromIndex(FILES, 'addedAt', IDBKeyRange.upperBound(Date.now() - FILE_TTL_MS), 50);
  await deleteFiles(/** @type {string[]} */ (old));
  return id;
}

/** Drops stored files (a form cleared after its job was made, or a reference removed): jobs keep uris. */
export async function deleteFiles(/** @type {string[]} */ ids) {
  if (!ids.length) return;
  const tx = (await db()).transaction(FILES, 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/** @returns {Promise<Blob | null>} */
export async function getFile(/** @type {string} */ id) {
  return (await (await db()).get(FILES, id))?.blob ?? null;
}

const uploadKey = (/** @type {string} */ account, /** @type {string} */ sha256) => `${account}|${sha256}`;

/** The uri this account got for these bytes within the last day. @returns {Promise<{uri: string, width: number, height: number} | null>} */
export async function uploadedAs(/** @type {string} */ account, /** @type {string} */ sha256, now = Date.now()) {
  const known = await (await db()).get(UPLOADS, uploadKey(account, sha256));
  return known && now - known.at < UPLOAD_TTL_MS && known.at <= now ? known : null;
}

export async function rememberUpload(
  /** @type {string} */ account,
  /** @type {string} */ sha256,
  /** @type {{uri: string, width: number, height: number}} */ image,
  now = Date.now(),
) {
  await (await db()).put(UPLOADS, { sha256: uploadKey(account, sha256), ...image, at: now });
}

/** @typedef {{fileId?: string, uri?: string, preview?: string, name?: string, width?: number, height?: number}} DraftReference */

/** @typedef {'draftReferences' | 'batchReferences' | 'draftFirstFrame' | 'draftLastFrame'} ReferenceList  a form's list */

/** A form's list: the popup's (DRAFT_REFERENCES, where "use as reference" adds) or another form's own.
 * @param {ReferenceList} key @returns {Promise<DraftReference[]>} */
export async function draftReferences(key = DRAFT_REFERENCES) {
  return /** @type {DraftReference[]} */ ((await facts.get(key)) ?? []);
}

/** @param {DraftReference[]} refs @param {ReferenceList} key */
export async function setDraftReferences(refs, key = DRAFT_REFERENCES) {
  await facts.set(key, refs);
}

/** One of our results as a reference in the popup's list (once): its uri, so it is never uploaded. */
export async function addResultReference(
  /** @type {{uri: string, preview?: string, width?: number, height?: number}} */ image,
) {
  const refs = await draftReferences();
  if (!refs.some((r) => r.uri === image.uri))
    await setDraftReferences([
      ...refs,
      { uri: image.uri, preview: image.preview, width: image.width, height: image.height },
    ]);
}

/** One of our results as the popup's video first or last frame (its uri: nothing is uploaded); it takes the
 *  place of the frame there was. @param {'first' | 'last'} which */
export async function setResultFrame(
  which,
  /** @type {{uri: string, preview?: string, width?: number, height?: number}} */ image,
) {
  await setDraftReferences(
    [{ uri: image.uri, preview: image.preview, width: image.width, height: image.height }],
    which === 'first' ? 'draftFirstFrame' : 'draftLastFrame',
  );
}

/** What a form sends for its references: stored files by id, our own results by uri. */
export const referencesInput = (/** @type {DraftReference[]} */ refs) =>
  refs.map((r) => (r.fileId ? { fileId: r.fileId, ...(r.name ? { name: r.name } : {}) } : { uri: String(r.uri) }));
/** The same for a video, whose images carry their size (protocol §7.2). */
export const videoImagesInput = (/** @type {DraftReference[]} */ refs) =>
  refs.map((r) =>
    r.fileId ? { fileId: r.fileId } : { uri: String(r.uri), width: Number(r.width), height: Number(r.height) },
  );
