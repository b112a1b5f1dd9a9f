// @ts-check
// What the workspace asks of the worker: favourites, deleting, downloading chosen images, exporting
// metadata (file names from the core, as a download would name them) and fresh links for previews that
// expired. Each handler touches only the jobs it is given.
import { Ui } from '../../shared/messages.js';
import { loadSettings } from '../../shared/settings.js';
import { core } from '../pages/core-instance.js';
import { downloadJob, namingOf, resign, siteOfJob } from '../downloads/downloads.js';
import { removeJobs, updateJobs } from '../jobs/jobs.js';
import { jobsByIds } from '../../shared/job-store.js';

const MAX_IDS = 50_000;
/** @param {unknown} ids @returns {string[]} */
const idList = (ids) => (Array.isArray(ids) ? ids.slice(0, MAX_IDS).map(String) : []);

/** One row per image (per job when it has none): what a spreadsheet of the user's work needs. */
async function exportRows(/** @type {string[]} */ ids) {
  const { template } = await loadSettings();
  const c = await core;
  const rows = [];
  for (const job of await jobsByIds(ids)) {
    const j = /** @type {any} */ (job.job);
    const base = {
      prompt: j.prompt,
      negative_prompt: j.negativePrompt ?? '',
      model: j.modelName || j.model,
      ratio: j.ratioLabel,
      width: j.width,
      height: j.height,
      seed: j.seed,
      submit_id: job.submitId,
      history_id: job.historyId ?? '',
      created: new Date(job.createdAt).toISOString(),
      state: job.phase,
    };
    const images = /** @type {any[]} */ (job.images ?? []);
    const plan = images.length
      ? c.planDownloads({
          now: job.createdAt,
          tzOffsetMinutes: -new Date().getTimezoneOffset(),
          template,
          job: await namingOf(job),
          images,
        })
      : null;
    if (!plan?.ok) {
      rows.push({ ...base, image: '', file: '' });
      continue;
    }
    for (const f of plan.files) rows.push({ ...base, image: f.index, file: f.name });
  }
  return { ok: true, rows };
}

/** Fresh preview links for images whose preview no longer loads, stored so the next look needs none. */
async function freshPreviews(/** @type {unknown} */ items) {
  const wanted = /** @type {{uri: string, submitId: unknown}[]} */ (Array.isArray(items) ? items : [])
    .slice(0, 200)
    .filter((i) => i && typeof i.uri === 'string');
  const ids = [...new Set(wanted.map((i) => String(i.submitId)))];
  // Each image re-signed on the site its job was made on.
  const siteById = new Map((await jobsByIds(ids)).map((job) => [job.submitId, siteOfJob(job)]));
  /** @type {Record<string, string>} */
  const urls = {};
  for (const site of new Set(siteById.values()))
    Object.assign(
      urls,
      await resign(
        [...new Set(wanted.filter((i) => siteById.get(String(i.submitId)) === site).map((i) => i.uri))],
        site,
      ),
    );
  await updateJobs(ids, (jobs) => {
    for (const job of Object.values(jobs))
      for (const img of /** @type {any[]} */ (job.images ?? [])) if (urls[img.uri]) img.preview = urls[img.uri];
  });
  return { ok: true, urls };
}

/** @type {Record<string, (msg: any) => Promise<any>>} */
export const galleryHandlers = {
  [Ui.favourite]: async (msg) => {
    const ids = idList(msg.submitIds);
    await updateJobs(ids, (jobs) => {
      for (const job of Object.values(jobs)) job.favourite = !!msg.favourite;
    });
    return { ok: true };
  },
  [Ui.removeMany]: async (msg) => ({ ok: true, removed: await removeJobs(idList(msg.submitIds)) }),
  [Ui.downloadImages]: async (msg) => {
    const files = [];
    for (const { submitId, indices } of Array.isArray(msg.items) ? msg.items : []) {
      const r = await downloadJob(String(submitId), Array.isArray(indices) ? indices.map(Number) : undefined);
      if (r.ok) files.push(...r.files);
    }
    return { ok: true, files };
  },
  [Ui.exportRows]: (msg) => exportRows(idList(msg.submitIds)),
  [Ui.freshPreviews]: (msg) => freshPreviews(msg.items),
};
