// @ts-check
// Downloading a finished job's originals. The core names the files (the user's template, made safe for
// every OS) and says which signed URLs are stale; those are re-signed through get_image_by_uri first. A
// download the image host still refuses (clocks disagree) is re-signed and started once more.
import { loadSettings } from '../../shared/settings.js';
import { call, core } from '../pages/core-instance.js';
import { getJob } from '../jobs/jobs.js';
import { getBatch } from '../../shared/job-store.js';
import { getFiles, writeFiles } from '../../shared/download-store.js';
import { siteId } from '../../shared/site.js';
import { renewVideoLinks } from './video-links.js';
import * as facts from '../../state/facts.js';
import { serial } from '../../state/serial.js';

// storage.local: downloadId → {submitId, uri, name, retried}, for downloads under way only: a record goes when
// its download completes or is cancelled, so the map holds what is in flight, never the history.

/** @typedef {import('../../shared/site.js').SiteId} SiteId */
/** Fresh links for images of one site (the one their jobs were made on). @param {string[]} uris @param {SiteId} site
 *  @returns {Promise<Record<string, string>>} uri → a fresh link */
export async function resign(uris, site = 'jimeng') {
  const r = await resignImages(uris, site);
  return r.ok ? r.images : {};
}
/** The same, with the core's error when there is no answer (the download manager pauses on it). @param {string[]} uris @param {SiteId} site */
export async function resignImages(uris, site = 'jimeng') {
  if (uris.length === 0) return { ok: /** @type {const} */ (true), images: /** @type {Record<string, string>} */ ({}) };
  return call('buildImageResign', 'parseImageResign', { uris, site });
}
/** The site a stored job was made on. @param {{site?: unknown} | undefined | null} job */
export const siteOfJob = (job) => siteId(job?.site);

/**
 * A job's files as the core plans them: names from the user's template (with {batch} and {row} for a batch row),
 * and whether each link is stale. A video job's files are its videos.
 * @param {any} job @param {string} template
 */
export async function planJob(job, template, now = Date.now()) {
  const videos = /** @type {import('../../../wasm/jimeng-core').Video[] | undefined} */ (job.videos);
  // {date}: the day the work was made (an import's, Jimeng's own), not the day it is saved.
  return (await core).planDownloads({
    now,
    madeAt: job.createdAt,
    tzOffsetMinutes: -new Date().getTimezoneOffset(),
    template,
    job: await namingOf(job),
    site: siteOfJob(job),
    ...(videos?.length ? { videos } : { images: job.images }),
  });
}

/**
 * What a file name template reads of a job: its own fields, and for a batch row the batch's name (or its
 * start time, local, when it has none) and the row's number, for {batch} and {row}.
 */
export async function namingOf(/** @type {any} */ job) {
  if (!job.batchId) return job.job;
  const batch = await getBatch(job.batchId);
  const at = new Date(batch?.createdAt ?? job.createdAt);
  const stamp = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}-${String(at.getHours()).padStart(2, '0')}${String(at.getMinutes()).padStart(2, '0')}`;
  return { ...job.job, batch: batch?.name || stamp, row: job.row };
}

const inTurn = serial(); // records are read-modify-write: one at a time
/** Sets (or, with null, removes) one download's record. */
function record(/** @type {number} */ id, /** @type {object | null} */ entry) {
  return inTurn(async () => {
    const all = /** @type {Record<number, object>} */ ((await facts.get('downloadRecords')) ?? {});
    if (entry) all[id] = entry;
    else if (id in all) delete all[id];
    else return;
    await facts.set('downloadRecords', all);
  }).catch(() => {});
}

/**
 * Opens one original full size in a new tab. Full-size links expire about 78 minutes after the job: the
 * core says whether this one is stale (planDownloads' `resign`), and a stale one is re-signed first, so an
 * old job's image opens instead of an error page.
 * @param {string} submitId @param {number} index 0-based
 */
export async function openOriginal(submitId, index) {
  const job = await getJob(submitId);
  const image = job?.images?.[index];
  if (!image)
    return { ok: false, error: { kind: 'invalid_input', code: 'no_image', message: 'no such image', retry: 'never' } };
  const plan = (await core).planDownloads({ now: Date.now(), job: job.job, images: [image] });
  const stale = plan.ok ? plan.files[0].resign : true;
  const url = (stale && (await resign([image.uri], siteOfJob(job)))[image.uri]) || image.url;
  // The core passes on only Jimeng's media addresses (https, its image hosts): anything else is empty here.
  if (!url)
    return {
      ok: false,
      error: {
        kind: 'invalid_input',
        code: 'image_refused',
        message: "this image has no address on Jimeng's image hosts",
        retry: 'never',
      },
    };
  await chrome.tabs.create({ url });
  return { ok: true, url, resigned: url !== image.url };
}

/** A finished video, played by the browser in a tab of its own (the tracker's page may not play Jimeng's
 *  media); a link about to expire is renewed by polling the task first. @param {string} submitId */
export async function openVideo(submitId) {
  const job = await getJob(submitId);
  const video = /** @type {import('../../../wasm/jimeng-core').Video[] | undefined} */ (job?.videos)?.[0];
  if (!video)
    return { ok: false, error: { kind: 'invalid_input', code: 'no_video', message: 'no such video', retry: 'never' } };
  // The core judges the link's age, as for an image (openOriginal): one margin, in one place.
  const plan = (await core).planDownloads({ now: Date.now(), job: job?.job ?? {}, videos: [video] });
  const stale = plan.ok ? plan.files[0].resign : true;
  const url = (stale && video.vid && (await freshVideoUrls(submitId))[video.vid]) || video.url;
  // The core passes on only Jimeng's media addresses: a refused or lost link opens no empty tab, it says why.
  if (!url)
    return {
      ok: false,
      error: {
        kind: 'invalid_input',
        code: 'video_refused',
        message: "this video has no address on Jimeng's media hosts",
        retry: 'never',
      },
    };
  await chrome.tabs.create({ url });
  return { ok: true, url };
}

/**
 * @param {string} submitId
 * @param {number[]=} indices  0-based images to save (all when absent)
 * @returns {Promise<{ok: true, files: {name: string, downloadId: number}[]} | {ok: false, error: object}>}
 */
export async function downloadJob(submitId, indices) {
  const job = await getJob(submitId);
  const videos = /** @type {import('../../../wasm/jimeng-core').Video[] | undefined} */ (job?.videos);
  if (job?.phase !== 'done' || !(job.images?.length || videos?.length))
    return {
      ok: false,
      error: { kind: 'invalid_input', code: 'not_done', message: 'the job has no finished images', retry: 'never' },
    };
  const { template } = await loadSettings();
  const plan = await planJob(job, template);
  if (!plan.ok) return plan;
  const stale = plan.files.filter((f) => f.resign); // on Dreamina every video (the core's rule, §9.6)
  const fresh = videos?.length
    ? stale.length
      ? await freshVideoUrls(submitId)
      : {}
    : await resign(
        stale.map((f) => f.uri),
        siteOfJob(job),
      );
  return startDownloads(submitId, plan.files, fresh, indices, !!videos?.length);
}

/** @returns {Promise<Record<string, string>>} vid → a fresh link; none when it could not be had (video-links.js) */
async function freshVideoUrls(/** @type {string} */ submitId) {
  const job = await getJob(submitId);
  const r = job ? await renewVideoLinks([job]) : null;
  return r?.ok ? r.urls : {};
}

/** @param {string} submitId @param {import('../../../wasm/jimeng-core').PlannedFile[]} planned @param {Record<string, string>} fresh
 *  @param {number[] | undefined} indices @param {boolean} video */
async function startDownloads(submitId, planned, fresh, indices, video) {
  const files = [];
  for (const f of planned) {
    if (indices && !indices.includes(f.index - 1)) continue;
    const downloadId = await chrome.downloads.download({
      url: fresh[f.uri] ?? f.url,
      filename: f.name,
      conflictAction: 'uniquify',
      saveAs: false,
    });
    await record(downloadId, { submitId, uri: f.uri, index: f.index - 1, name: f.name, retried: false, video });
    // It may have failed before the record existed, when onChanged could not tell it was ours.
    const [item] = await chrome.downloads.search({ id: downloadId });
    if (item?.state === 'interrupted' && item.error !== 'USER_CANCELED') await retryRefused(downloadId);
    else if (item && item.state !== 'in_progress') await record(downloadId, null);
    files.push({ name: f.name, downloadId });
  }
  return { ok: /** @type {const} */ (true), files };
}

/** An interrupted download of ours: re-sign its image and try once more (each download only once). */
const retrying = new Set(); // onChanged and downloadJob's own check may both see the same failure
async function retryRefused(/** @type {number} */ id) {
  if (retrying.has(id)) return;
  const all =
    /** @type {Record<number, {submitId?: string, uri?: string, name?: string, retried?: boolean, video?: boolean}>} */ (
      (await facts.get('downloadRecords')) ?? {}
    );
  const entry = all[id];
  // Not (yet) known as ours: downloadJob checks again once its record is written.
  if (!entry || entry.retried || !entry.uri || retrying.has(id)) return;
  retrying.add(id);
  await record(id, null);
  const url = entry.video
    ? (await freshVideoUrls(String(entry.submitId)))[entry.uri]
    : (await resign([entry.uri], siteOfJob(await getJob(String(entry.submitId)))))[entry.uri];
  if (!url) return;
  const downloadId = await chrome.downloads.download({
    url,
    filename: entry.name,
    conflictAction: 'uniquify',
    saveAs: false,
  });
  await record(downloadId, { ...entry, retried: true });
}

export function listenForDownloads() {
  chrome.downloads.onChanged.addListener((delta) => {
    // Cancelled by the user: it stays cancelled. Refused by the host (a stale link): re-signed, tried once more.
    if (delta.state?.current === 'interrupted' && delta.error?.current !== 'USER_CANCELED')
      retryRefused(delta.id).catch((e) => console.warn('download retry failed', e));
    else if (delta.state?.current === 'complete')
      recordSaved(delta.id)
        .catch(() => {})
        .finally(() => record(delta.id, null));
    else if (delta.state?.current === 'interrupted') record(delta.id, null);
  });
}

/** A file saved here (not by the download manager) is on disk too: "back up what is new" skips it. */
async function recordSaved(/** @type {number} */ id) {
  const entry = /** @type {Record<number, any>} */ ((await facts.get('downloadRecords')) ?? {})[id];
  if (!entry?.uri) return;
  const [old] = await getFiles([entry.uri]);
  if (old?.state === 'waiting' || old?.state === 'active') return; // the manager's own: it records it
  await writeFiles([
    {
      uri: entry.uri,
      submitId: entry.submitId,
      index: entry.index ?? 0,
      video: !!entry.video,
      state: 'saved',
      seq: 0,
      tries: 0,
      name: entry.name,
      savedAt: Date.now(),
    },
  ]);
}
