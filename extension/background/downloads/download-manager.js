// @ts-check
// "下载原图 / Download originals" for a selection, the workspace's current filter or everything, and "备份新作品 /
// Back up what is new": which files a request means, and each file's link and name made just before it starts
// (the core names it from the user's template and says whether its link is stale: stale images are re-signed
// through one get_image_by_uri per site, stale videos renewed in one request per site, video-links.js; Dreamina's
// videos always, as its page downloads them). The queue itself: download-queue.js.
import { Ui } from '../../shared/messages.js';
import { loadSettings } from '../../shared/settings.js';
import { failedFiles } from '../../shared/download-store.js';
import { forEachJobChunk, getJob, jobsByIds } from '../../shared/job-store.js';
import { planJob, resignImages, siteOfJob } from './downloads.js';
import { renewVideoLinks } from './video-links.js';
import { createDownloadQueue } from './download-queue.js';

/** @typedef {import('./download-queue.js').Link} Link */
/** @typedef {import('./download-queue.js').JobFiles} JobFiles */
/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */

/** A finished job's files (each an image's uri or a video's vid), or only the chosen indices. @returns {JobFiles | null} */
export function filesOf(/** @type {any} */ job, /** @type {number[] | undefined} */ indices) {
  if (job?.phase !== 'done') return null;
  const video = !!job.videos?.length;
  const list = /** @type {{uri?: string, vid?: string, url?: string}[]} */ (video ? job.videos : (job.images ?? []));
  // The label names a file in the failures list even when its job is gone (its planned name is made at start).
  const label = `${[...String(job.job?.prompt ?? '')].slice(0, 24).join('')} #`;
  const files = list
    .map((f, index) => ({
      uri: String((video ? f.vid : f.uri) || f.url || ''),
      index,
      video,
      label: `${label}${index + 1}`,
    }))
    .filter((f) => f.uri && (!indices || indices.includes(f.index)));
  return files.length ? { submitId: job.submitId, files } : null;
}

/** Each file's fresh link and name; a failure to re-sign that is not the file's own stops the run (paused, with why). */
async function linksFor(/** @type {FileEntry[]} */ entries) {
  /** @type {Map<string, Link>} */
  const out = new Map();
  const { template } = await loadSettings();
  const now = Date.now();
  /** @type {{entry: FileEntry, file: import('../../../wasm/jimeng-core').PlannedFile, stale: boolean}[]} */
  const planned = [];
  /** @type {Map<string, import('./downloads.js').SiteId>} each job's site: its links are renewed there */
  const sites = new Map();
  /** @type {Map<string, any>} the jobs whose videos need new links */
  const videoJobs = new Map();
  for (const submitId of new Set(entries.map((e) => e.submitId))) {
    const job = await getJob(submitId);
    sites.set(submitId, siteOfJob(job));
    const plan = job && (await planJob(job, template, now));
    for (const entry of entries.filter((e) => e.submitId === submitId)) {
      const file = plan?.ok ? plan.files[entry.index] : undefined;
      if (!file) out.set(entry.uri, { error: { code: job ? 'no_file' : 'job_removed' } });
      else {
        const stale = file.resign || !!entry.resign;
        planned.push({ entry, file, stale });
        if (stale && entry.video) videoJobs.set(submitId, job);
      }
    }
  }
  /** @type {Record<string, string>} */
  const fresh = {};
  // One get_image_by_uri for all stale images of a site.
  for (const site of new Set(sites.values())) {
    const images = await resignImages(
      planned.filter((p) => p.stale && !p.entry.video && sites.get(p.entry.submitId) === site).map((p) => p.file.uri),
      site,
    );
    if (!images.ok) return stopAll(entries, images.error);
    Object.assign(fresh, images.images);
  }
  if (videoJobs.size) {
    const r = await renewVideoLinks([...videoJobs.values()]);
    if (!r.ok) return stopAll(entries, r.error);
    Object.assign(fresh, r.urls);
  }
  for (const { entry, file, stale } of planned) {
    const url = stale ? fresh[file.uri] : file.url;
    out.set(entry.uri, url ? { url, name: file.name } : { error: { code: 'resign_refused' } });
  }
  return out;
}
/**
 * No link can be made now. What the core says may pass by itself (a network blip, a browser shutting down) is
 * tried again later with the files kept in line; what needs the user (a login, risk control, no Jimeng page)
 * pauses the run with the reason.
 * @param {FileEntry[]} entries @param {{kind?: string, code?: string, message?: string, retry?: string}} error
 */
function stopAll(entries, error) {
  const later = error.retry === 'later' && error.code !== 'no_bridge';
  return new Map(
    entries.map((e) => [
      e.uri,
      /** @type {Link} */ ({
        error: { kind: error.kind, code: error.code, message: error.message },
        ...(later ? { later } : { stopRun: true }),
      }),
    ]),
  );
}

export const downloadQueue = createDownloadQueue({ linksFor });

/** What a request covers: chosen images, jobs (the workspace's filter), or everything in the store. */
async function enqueue(/** @type {any} */ msg) {
  /** @type {JobFiles[]} */
  const jobs = [];
  if (Array.isArray(msg.items)) {
    const wanted = new Map(
      msg.items
        .slice(0, 50_000)
        .map((/** @type {any} */ i) => [
          String(i.submitId),
          Array.isArray(i.indices) ? i.indices.map(Number) : undefined,
        ]),
    );
    for (const job of await jobsByIds([...wanted.keys()])) {
      const f = filesOf(job, wanted.get(job.submitId));
      if (f) jobs.push(f);
    }
  } else if (Array.isArray(msg.submitIds)) {
    const ids = msg.submitIds.slice(0, 100_000).map(String);
    for (let k = 0; k < ids.length; k += 500)
      for (const job of await jobsByIds(ids.slice(k, k + 500))) {
        const f = filesOf(job, undefined);
        if (f) jobs.push(f);
      }
  } else {
    await forEachJobChunk(async (chunk) => {
      for (const job of chunk) {
        const f = filesOf(job, undefined);
        if (f) jobs.push(f);
      }
    });
  }
  return downloadQueue.enqueue(jobs, { onlyNew: msg.scope === 'new' });
}

/** @type {Record<string, (msg: any) => Promise<any>>} */
export const downloadHandlers = {
  [Ui.downloads]: async (msg) => {
    switch (msg.command) {
      case 'enqueue':
        return enqueue(msg);
      case 'pause':
        return { ok: true, run: await downloadQueue.pause() };
      case 'resume':
        return { ok: true, run: await downloadQueue.resume() };
      case 'cancel':
        return { ok: true, run: await downloadQueue.cancel() };
      case 'retry':
        return downloadQueue.retryFailed();
      case 'failures':
        return { ok: true, files: await failedFiles(50) };
      default:
        return {
          ok: false,
          error: {
            kind: 'invalid_input',
            code: 'unknown_command',
            message: `unknown download command: ${msg.command}`,
            retry: 'never',
          },
        };
    }
  },
};
