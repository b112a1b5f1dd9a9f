// @ts-check
// Reference images to ImageX (protocol §4.4). The core checks the bytes, signs every request and reads every
// answer; this file only moves bytes. The credentials come from Jimeng through a Jimeng page, like every
// Jimeng call. The ImageX calls go straight from the worker to ImageX's own hosts with `credentials: 'omit'`:
// the worker holds no host permission for them, so they are plain CORS requests that carry no cookie, and
// Jimeng's session never reaches ImageX. Nothing is charged here: the generate is sent only once every
// reference has its uri.
import { call, core } from '../pages/core-instance.js';
import { freshEntropy } from '../../shared/core.js';
import { getFile, rememberUpload, uploadedAs } from '../../shared/references.js';
import { currentSite, sessionInput } from '../pages/session.js';
import * as facts from '../../state/facts.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */

const TOKEN_REUSE_MS = 40 * 60_000; // the credentials last about an hour; never use them near the end
const BACKOFF_MS = [400, 1200, 3000]; // a failed step is tried again after these pauses, then given up
const PARALLEL = 3;
/** @type {Map<string, Promise<any>>} uploads under way by SHA-256: a second caller waits for the first */
const inflight = new Map();

/** @typedef {{ok: true, uri: string, width: number, height: number, uploaded: boolean} | {ok: false, error: any}} UploadResult */

/** The site's credentials, from storage while fresh, else from the site. */
async function uploadCredentials(/** @type {SiteId} */ site, renew = false) {
  const saved = /** @type {any} */ (await facts.get('uploadToken', site)); // {credentials, at}
  if (!renew && saved && Date.now() - saved.at < TOKEN_REUSE_MS) return { ok: true, credentials: saved.credentials };
  const r = await call('buildUploadToken', 'parseUploadToken', { site });
  if (r.ok) await facts.set('uploadToken', { credentials: r.credentials, at: Date.now() }, site);
  return r;
}

const FETCH_TIMEOUT_MS = 120_000; // a 20 MB upload on a slow line; a request that hangs is a failed step, retried
/** One ImageX request, as the core built it (credentials omitted, no referrer). */
async function imagex(/** @type {any} */ request, /** @type {Uint8Array | undefined} */ bytes = undefined) {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: bytes ?? request.body,
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  return { body: new Uint8Array(await res.arrayBuffer()), context: { status: res.status } };
}

/** What the ImageX builders need: a clock and randomness, and the site's session (its ImageX is on its cluster). */
/** @template {object} T @param {T} input @param {object} session */
const imagexInput = (input, session) => ({ ...input, session, now: Date.now(), entropy: freshEntropy() });

/** Apply → upload → commit, once. `userId`: the account's (Dreamina's upload host wants it). */
async function uploadOnce(
  /** @type {Uint8Array} */ bytes,
  /** @type {any} */ credentials,
  /** @type {SiteId} */ site,
  /** @type {string} */ userId,
) {
  const c = await core;
  const session = await sessionInput(site);
  const apply = c.buildApplyUpload(imagexInput({ credentials, fileSize: bytes.length }, session));
  if (!apply.ok) return apply;
  let a = await imagex(apply.request);
  const address = c.parseApplyUpload(a.body, a.context);
  if (!address.ok) return address;
  const put = c.buildUploadPut(bytes, { upload: address.upload, session, userId });
  if (!put.ok) return put;
  a = await imagex(put.request, bytes);
  const sent = c.parseUploadPut(a.body, a.context);
  if (!sent.ok) return sent;
  const commit = c.buildCommitUpload(imagexInput({ credentials, sessionKey: address.upload.sessionKey }, session));
  if (!commit.ok) return commit;
  a = await imagex(commit.request);
  return c.parseCommitUpload(a.body, a.context);
}

const networkError = (/** @type {any} */ e) => ({
  ok: false,
  error: { kind: 'server_error', code: 'network', message: String(e?.message ?? e), retry: 'later' },
});
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Uploads checked bytes: retried with backoff; expired credentials renewed once. */
async function upload(/** @type {Uint8Array} */ bytes, /** @type {SiteId} */ site, /** @type {string} */ userId) {
  let creds = await uploadCredentials(site);
  let renewed = false;
  for (let attempt = 0; ; attempt++) {
    if (!creds.ok) return creds;
    const r = await uploadOnce(bytes, creds.credentials, site, userId).catch(networkError);
    if (r.ok) return r;
    if (r.error.retry === 'after_refresh' && !renewed) {
      renewed = true;
      creds = await uploadCredentials(site, true);
      continue;
    }
    if (r.error.retry !== 'later' || attempt >= BACKOFF_MS.length) return r;
    await sleep(BACKOFF_MS[attempt]);
  }
}

/** One upload of these bytes at a time per account; remembered for that account once committed. */
function trackUpload(
  /** @type {string} */ account,
  /** @type {string} */ sha,
  /** @type {Uint8Array} */ bytes,
  /** @type {SiteId} */ site,
  /** @type {string} */ userId,
) {
  const key = `${account}|${sha}`;
  const run = upload(bytes, site, userId)
    .then(async (r) => {
      if (r.ok) await rememberUpload(account, sha, { uri: r.image.uri, width: r.image.width, height: r.image.height });
      return r;
    })
    .finally(() => inflight.delete(key));
  inflight.set(key, run);
  return run;
}

/** The checked bytes of a stored file, or the core's refusal. */
/**
 * A stored reference file, read and checked by the core.
 * @returns {Promise<{ok: true, bytes: Uint8Array, image: import('../../../wasm/jimeng-core').ImageCheck} | {ok: false, error: import('../../../wasm/jimeng-core').CoreError}>}
 */
export async function checkedFile(/** @type {string} */ fileId) {
  const blob = await getFile(fileId);
  if (!blob)
    return {
      ok: false,
      error: {
        kind: /** @type {const} */ ('invalid_input'),
        code: 'reference_missing',
        message: 'the file is gone; add it again',
        retry: /** @type {const} */ ('never'),
      },
    };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const check = (await core).checkImage(bytes);
  return check.ok ? { ok: /** @type {const} */ (true), bytes, image: check.image } : check;
}

const PENDING_URI = 'tos-cn-i-pending/';

/** The references a form sent: stored files by id, our own results by uri (anything else is dropped). */
export const referencesOf = (/** @type {any} */ input) =>
  /** @type {Array<{fileId?: string, uri?: string}>} */ (
    Array.isArray(input?.references) ? input.references.filter((/** @type {any} */ r) => r && (r.fileId || r.uri)) : []
  );

/** Stand-ins for uris not uploaded yet, so the core can judge everything else (their number above all) first. */
export const placeholderUris = (/** @type {Array<{fileId?: string, uri?: string}>} */ refs) =>
  refs.map((r, i) => r.uri ?? `${PENDING_URI}${i}`);

/**
 * Every reference as a uri: our own results keep theirs (nothing is uploaded); files are checked all first
 * (a bad one stops everything before any upload), then uploaded unless their bytes were uploaded before.
 * @param {Array<{fileId?: string, uri?: string, width?: number, height?: number}>} refs
 * @param {SiteId=} site  where the job that uses them is made (the current site when absent): its ImageX
 * @returns {Promise<{ok: true, references: Array<{uri: string, width?: number, height?: number}>, uploaded: number} | {ok: false, error: any}>}
 */
export async function resolveReferences(refs, site = undefined) {
  const where = site ?? (await currentSite());
  const checked = await Promise.all(refs.map((r) => (r.fileId ? checkedFile(r.fileId) : Promise.resolve(null))));
  const bad = checked.findIndex((c) => c && !c.ok);
  const refused = checked[bad];
  if (refused && !refused.ok) return { ok: false, error: { ...refused.error, field: 'references', index: bad } };
  // Who is logged in now: an upload is reused only by the account that made it.
  const who = checked.some((c) => c?.ok) ? await call('buildAccount', 'parseAccount', { site: where }) : null;
  if (who && !who.ok) return { ok: false, error: { ...who.error, field: 'references' } };
  const userId = who?.ok ? String(who.account.userId) : '';
  const account = where === 'jimeng' ? userId : `${where}:${userId}`; // a Dreamina account is not the Jimeng one of that number
  /** @type {Array<{uri: string, width?: number, height?: number}>} */
  const out = [];
  // Sizes go with every uri: a video's frames and materials carry them (protocol §7.2).
  const sized = (/** @type {string} */ uri, /** @type {any} */ size) =>
    size?.width && size?.height ? { uri, width: size.width, height: size.height } : { uri };
  let uploaded = 0;
  let next = 0;
  /** @type {any} */
  let failure = null;
  const worker = async () => {
    while (next < refs.length && !failure) {
      const i = next++;
      const c = checked[i];
      if (!c || !c.ok) {
        out[i] = sized(String(refs[i].uri), refs[i]);
        continue;
      }
      const known = await uploadedAs(account, c.image.sha256);
      if (known) {
        out[i] = sized(known.uri, c.image);
        continue;
      }
      const sha = c.image.sha256;
      const running = inflight.get(`${account}|${sha}`);
      const r = await (running ?? trackUpload(account, sha, c.bytes, where, userId));
      if (!r.ok) {
        failure = { ...r.error, field: 'references', index: i };
        return;
      }
      out[i] = sized(r.image.uri, c.image);
      if (!running) uploaded++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, refs.length) }, worker));
  return failure ? { ok: false, error: failure } : { ok: true, references: out, uploaded };
}
