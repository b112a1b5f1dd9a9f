// @ts-check
// The workspace's download manager: "下载原图" for the current filter (the selection bar has its own), "备份新作品"
// for every file never saved, and the run's bar from the stored counters (background/downloads/download-queue.js): files
// saved of all, speed and time left, Pause / Resume / Cancel, and the failures with their reasons and a retry.
// The run goes on without this page.
import { Ui } from '../shared/messages.js';
import { describeError, t } from '../shared/job-text.js';
import { say, send } from '../shared/send.js';
import * as facts from '../state/facts.js';

/** @returns {Promise<import('../shared/download-store.js').DownloadRun | undefined>} */
const storedRun = async () => /** @type {any} */ (await facts.get('downloadRun'));
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** Bytes a second, in the largest unit that keeps the number readable. */
function rate(/** @type {number} */ perSecond) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = perSecond,
    u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 && u > 0 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
const duration = (/** @type {number} */ ms) =>
  ms >= 60_000 ? t('downloadMinutes', Math.ceil(ms / 60_000)) : t('downloadSeconds', Math.max(1, Math.ceil(ms / 1000)));

/** Why a file failed, in words: the browser's interrupt reasons and ours, else the code itself. */
export function failureText(/** @type {string | undefined} */ code) {
  return (code && /^[A-Za-z_]+$/.test(code) && chrome.i18n.getMessage(`dlErr_${code}`)) || code || '';
}

/** @param {import('../shared/download-store.js').DownloadRun | undefined} run */
function show(run) {
  const bar = $('download-bar');
  bar.hidden = !run || run.total === 0;
  if (!run || bar.hidden) return;
  bar.dataset.state = run.state;
  const ended = run.saved + run.failures;
  const ms = run.runMs + (run.state === 'running' && run.resumedAt ? Math.max(0, Date.now() - run.resumedAt) : 0);
  const left = run.total - ended;
  const speed =
    run.saved > 0 && ms > 0
      ? ` · ${t('downloadRate', rate((run.bytes / ms) * 1000), duration((ms / run.saved) * left))}`
      : '';
  $('download-text').textContent =
    run.state === 'running'
      ? `${t('downloadRunning', run.saved, run.total)}${speed}`
      : run.state === 'paused'
        ? `${t('downloadPaused', run.saved, run.total)}${run.reason ? ` · ${describeError(run.reason)}` : ''}`
        : run.state === 'cancelled'
          ? t('downloadCancelled', run.saved)
          : t('downloadDone', run.saved);
  const progress = $('download-progress');
  progress.max = Math.max(1, run.total);
  progress.value = ended;
  progress.ariaLabel = $('download-text').textContent;
  const going = run.state === 'running' || run.state === 'paused';
  $('download-pause').hidden = !going;
  $('download-pause').textContent = run.state === 'paused' ? t('downloadResume') : t('downloadPause');
  $('download-cancel').hidden = !going;
  showFailures(run.failures);
}

let shownFailures = -1;
/** The failed files (the first 50), read again only when their number changed. */
async function showFailures(/** @type {number} */ count) {
  $('download-failures').hidden = count === 0;
  if (count === shownFailures) return;
  shownFailures = count;
  $('download-failures-title').textContent = t('downloadFailedCount', count);
  if (count === 0) return;
  const r = await send({ type: Ui.downloads, command: 'failures' }, { quiet: true });
  $('download-failure-list').replaceChildren(
    ...(r.ok ? r.files : []).map((/** @type {any} */ f) => {
      const li = document.createElement('li');
      li.textContent = `${f.name ?? f.label ?? f.uri} — ${failureText(f.error)}`;
      return li;
    }),
  );
}

/** Puts files in line, and says how many when none were new. @param {Record<string, unknown>} request @param {HTMLButtonElement} busy */
export async function queueDownloads(request, busy) {
  const r = await send({ type: Ui.downloads, command: 'enqueue', ...request }, { busy });
  if (r?.ok) say(r.added === 0 ? t('downloadNothingNew') : t('downloadQueued', r.added));
  return r;
}

/** @param {() => string[]} filteredIds the jobs the workspace's current filter shows */
export async function setUpDownloads(filteredIds) {
  $('download-filtered').addEventListener('click', () =>
    queueDownloads({ submitIds: filteredIds() }, $('download-filtered')),
  );
  $('backup-new').addEventListener('click', () => queueDownloads({ scope: 'new' }, $('backup-new')));
  $('download-pause').addEventListener('click', async () => {
    const run = await storedRun();
    send({ type: Ui.downloads, command: run?.state === 'paused' ? 'resume' : 'pause' }, { busy: $('download-pause') });
  });
  $('download-cancel').addEventListener('click', () =>
    send({ type: Ui.downloads, command: 'cancel' }, { busy: $('download-cancel') }),
  );
  $('download-retry').addEventListener('click', () => {
    shownFailures = -1;
    send({ type: Ui.downloads, command: 'retry' }, { busy: $('download-retry') });
  });
  facts.watch('downloadRun', show);
  show(await storedRun());
  // Speed and time left move while files download, between the counters' changes.
  setInterval(() => {
    if ($('download-bar').dataset.state === 'running') storedRun().then(show);
  }, 2000);
}
