// @ts-check
// The images a batch's video rows name (CSV first_frame, last_frame, references): files picked with the
// batch, by their file names, and our own results as "<submitId>#<n>" (n from 1). For a preview the files
// are only checked (placeholders with their sizes); for Start they are uploaded. A batch whose rows name
// no image keeps its picked files as every row's reference images, as before.
import { core } from '../pages/core-instance.js';
import { getJob } from '../jobs/jobs.js';
import { checkedFile, referencesOf, resolveReferences } from '../jobs/uploads.js';

const PENDING = 'tos-cn-i-pending/';

/** The names the rows use (the core's answer lists them), found with no image supplied. */
async function namesUsed(/** @type {any} */ input, /** @type {any[]} */ models) {
  const r = (await core).expandBatch({
    ...input,
    references: undefined,
    images: {},
    prices: undefined,
    models,
    now: Date.now(),
    entropy: '0'.repeat(32),
  });
  return r.ok ? r.images : [];
}

/**
 * `images` for the core, or null when no row names an image.
 * @param {any} input @param {any[]} models @param {boolean} upload
 * @returns {Promise<{ok: true, images: Record<string, {uri: string, width: number, height: number}> | null} | {ok: false, error: any}>}
 */
export async function namedImages(input, models, upload) {
  const names = await namesUsed(input, models);
  if (!names.length) return { ok: true, images: null };
  /** @type {Record<string, {uri: string, width: number, height: number}>} */
  const images = {};
  const refs = /** @type {Array<{fileId?: string, uri?: string, name?: string}>} */ (referencesOf(input));
  const picked = new Map(refs.filter((r) => r.fileId && r.name).map((r) => [String(r.name), r]));
  const files = names.filter((n) => picked.has(n));
  if (upload) {
    const resolved = await resolveReferences(files.map((n) => /** @type {{fileId: string}} */ (picked.get(n))));
    if (!resolved.ok) return resolved;
    files.forEach((n, i) => {
      const r = resolved.references[i];
      images[n] = { uri: r.uri, width: Number(r.width), height: Number(r.height) };
    });
  } else {
    for (const [i, n] of files.entries()) {
      const c = await checkedFile(String(picked.get(n)?.fileId));
      if (!c.ok) return { ok: false, error: { ...c.error, field: 'references', name: n } };
      images[n] = { uri: `${PENDING}${i}`, width: c.image.width, height: c.image.height };
    }
  }
  for (const n of names.filter((x) => !images[x])) {
    const [id, k] = n.split('#');
    const job = await getJob(id.trim());
    const image = job?.phase === 'done' ? job.images?.[Math.max(0, Number(k || 1) - 1)] : undefined;
    if (image) images[n] = { uri: image.uri, width: image.width, height: image.height };
  }
  return { ok: true, images };
}
