// @ts-check
// Says when a job ends: a notification (with the first image where the platform shows one) and, if the
// user asked for it, the download of the originals. Each job is announced once, whatever restarts happen:
// the `announced` mark is written before anything is shown.
import { errorText, excerpt, t } from '../../shared/job-text.js';
import { loadSettings } from '../../shared/settings.js';
import { downloadJob, openOriginal, openVideo } from '../downloads/downloads.js';
import { getJob, isActive, unannouncedIds, updateJobs } from './jobs.js';
import { getBatch, jobsOfBatch } from '../../shared/job-store.js';
import * as facts from '../../state/facts.js';

const ICON = 'icons/icon-128.png';
const FRESH_MS = 10 * 60_000; // jobs that ended long ago (e.g. before an update) are not announced
const PREFIX = 'job:';
const BATCH_PREFIX = 'batch:';

async function imageDataUrl(/** @type {string} */ url) {
  try {
    // The picture is a nicety: a slow image host does not hold the notification (or anything after it).
    const blob = await (await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(8_000) })).blob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `data:${blob.type || 'image/png'};base64,${btoa(bin)}`;
  } catch {
    return null; // the image host does not allow it: a notification without the picture
  }
}

/** A finished job's words, picture and first button: a video says so, shows its poster and plays. @param {any} job */
function finishedParts(job) {
  const video = job.videos?.[0];
  if (video) {
    const seconds = Math.round((video.durationMs ?? 0) / 1000) || job.job?.durationS || 0;
    return { context: t('notifyVideo', seconds), picture: video.cover, open: t('notifyPlayVideo') };
  }
  return {
    context: t('notifyImages', job.images?.length ?? 0),
    picture: job.images?.[0]?.preview,
    open: t('openImage'),
  };
}

async function notifyEnded(/** @type {import('./jobs.js').Job} */ job) {
  const done = job.phase === 'done';
  const parts = done ? finishedParts(job) : null;
  /** @type {chrome.notifications.NotificationCreateOptions} */
  const options = {
    type: 'basic',
    iconUrl: chrome.runtime.getURL(ICON),
    title: t(done ? 'notifyDone' : 'notifyFailed'),
    message: excerpt(job.job.prompt, 80),
    contextMessage: parts ? parts.context : errorText(job),
    buttons: parts ? [{ title: parts.open }, { title: t('downloadAll') }] : [],
    priority: 0,
  };
  const picture = parts?.picture ? await imageDataUrl(parts.picture) : null;
  try {
    if (picture)
      return await chrome.notifications.create(PREFIX + job.submitId, { ...options, type: 'image', imageUrl: picture });
  } catch {
    /* the picture could not be shown: say it in words */
  }
  return chrome.notifications.create(PREFIX + job.submitId, options);
}

/** Announces every job that ended since the last look. */
export async function announceEnded(now = Date.now()) {
  const ended = await updateJobs(await unannouncedIds(), (jobs) => {
    const list = [];
    for (const job of Object.values(jobs)) {
      if (isActive(job) || job.announced) continue;
      job.announced = true;
      if (now - job.updatedAt < FRESH_MS) list.push(structuredClone(job));
    }
    return list;
  });
  if (ended.length === 0) return;
  const settings = await loadSettings();
  for (const job of ended) {
    if (settings.notify) await notifyEnded(job).catch((e) => console.warn('notification failed', e));
    if (settings.autoDownload && job.phase === 'done') await downloadJob(job.submitId);
  }
}

/**
 * A batch's end, said once for the whole batch (its rows are not announced one by one). The notification's
 * id is the batch's: said again after a worker restart, it replaces the first instead of adding a second.
 */
export async function notifyBatchEnded(/** @type {string} */ batchId) {
  const [batch, rows, settings] = await Promise.all([getBatch(batchId), jobsOfBatch(batchId), loadSettings()]);
  if (!batch || !settings.notify) return;
  const count = (/** @type {string} */ phase) => rows.filter((j) => j.phase === phase).length;
  await chrome.notifications
    .create(BATCH_PREFIX + batchId, {
      type: 'basic',
      iconUrl: chrome.runtime.getURL(ICON),
      title: t('notifyBatchEnded'),
      priority: 0,
      message: batch.name || batch.title || excerpt(rows[0]?.job?.prompt ?? '', 80),
      contextMessage: t('notifyBatchCounts', count('done'), count('failed')),
    })
    .catch((e) => console.warn('notification failed', e));
}

/** A click on the notification opens the popup on that job (or a tab of it, where the popup cannot open). */
export async function openJob(/** @type {string} */ submitId) {
  await facts.set('focusJob', submitId);
  try {
    await chrome.action.openPopup();
  } catch {
    await chrome.tabs.create({ url: chrome.runtime.getURL(`popup/popup.html#job=${encodeURIComponent(submitId)}`) });
  }
}

export function listenForNotifications() {
  chrome.notifications.onClicked.addListener((id) => {
    if (id.startsWith(PREFIX)) openJob(id.slice(PREFIX.length));
    chrome.notifications.clear(id);
  });
  chrome.notifications.onButtonClicked.addListener((id, button) => {
    onNotificationButton(id, button);
  });
}

/** A notification's button: the first opens (an image) or plays (a video), the second downloads. */
export async function onNotificationButton(/** @type {string} */ id, /** @type {number} */ button) {
  if (!id.startsWith(PREFIX)) return;
  const job = await getJob(id.slice(PREFIX.length));
  if (job?.phase === 'done' && button === 0 && /** @type {unknown[] | undefined} */ (job.videos)?.length)
    await openVideo(job.submitId); // renewed first if expired
  else if (job?.phase === 'done' && button === 0 && job.images?.[0]) await openOriginal(job.submitId, 0); // re-signed first if expired
  if (job?.phase === 'done' && button === 1) await downloadJob(job.submitId);
  chrome.notifications.clear(id);
}
