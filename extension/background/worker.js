// @ts-check
// The service worker: routes messages to small handlers. It may be stopped at any moment, so it keeps
// nothing in memory that storage does not also hold. Listeners are registered synchronously at start-up.
import { BRIDGE_PORT, TRACKER_PORT, Ui, View, WATCH_PORT } from '../shared/messages.js';
import { attachBridge, bridgeEvents, connectOpenTabs } from './pages/bridges.js';
import { catalogue } from './jobs/catalogue.js';
import { downloadJob, listenForDownloads, openOriginal } from './downloads/downloads.js';
import { dispatch, startJob, wake } from './jobs/engine.js';
import { startWithReferences, upscaleImage } from './jobs/image-jobs.js';
import { animateImage, startVideo } from './jobs/video-jobs.js';
import {
  SYNC_ALARM,
  cancelImport,
  run as resumeImport,
  runAll as resumeImports,
  setSync,
  siteOfImportAlarm,
  startImport,
  syncTick,
} from './archive/archive-import.js';
import { batchHandlers } from './batches/batches.js';
import { downloadHandlers, downloadQueue } from './downloads/download-manager.js';
import { DOWNLOAD_ALARM } from './downloads/download-queue.js';
import { galleryHandlers } from './archive/gallery.js';
import { getJob, isQuotaError, migrateFromV01, onBatchesChanged, onJobsChanged, removeJobs } from './jobs/jobs.js';
import { diskFull, giveConsent } from './jobs/submit.js';
import { createMenus, generateFromSelection, onCommand, onMenuClick } from './menus.js';
import { onceAtATime, stableId } from './jobs/once.js';
import { listenForNotifications, onNotificationButton, openJob } from './jobs/notify.js';
import { ALARM, watch } from './jobs/scheduler.js';
import { sessionCheck } from './pages/session-check.js';
import { chooseSite, currentSite } from './pages/session.js';
import { siteId } from '../shared/site.js';
import { attachTracker, listenForTrackers, showTracker } from './pages/trackers.js';
import * as facts from '../state/facts.js';
import { applySettings } from './jobs/apply-settings.js';
import { siteStatus } from './pages/site-status.js';
import { DAILY_ALARM, claimToday, scheduleDailyClaims } from './jobs/daily-credits.js';

/** @type {Record<string, (msg: any, sender: chrome.runtime.MessageSender) => Promise<any>>} */
const handlers = {
  [Ui.getStatus]: () => {
    claimToday().catch((e) => console.warn('daily credits', e)); // once a day, when the user looks (the popup shows it)
    return siteStatus();
  },
  [Ui.chooseSite]: async (msg) => {
    await chooseSite(msg.site);
    return siteStatus();
  },
  [Ui.consent]: () => giveConsent(),
  [Ui.sessionCheck]: () => sessionCheck(),
  [Ui.models]: async () => catalogue(await currentSite()),
  [Ui.submit]: (msg) =>
    msg.input?.video
      ? startVideo(msg.input, { from: 'popup' })
      : startWithReferences(msg.input ?? {}, { from: 'popup' }),
  [Ui.animate]: (msg) =>
    animateImage(String(msg.submitId), Number(msg.index), { from: msg.from === 'workspace' ? 'workspace' : 'popup' }),
  [Ui.upscale]: (msg) =>
    upscaleImage(String(msg.submitId), Number(msg.index), msg.kind === 'pro_hd' ? 'pro_hd' : 'normal_hd'),
  // A new submit_id (the failed generation stays as it was), the same one however often Retry is clicked.
  [Ui.retry]: (msg) =>
    onceAtATime(`retry:${msg.submitId}`, async () => {
      const old = await getJob(String(msg.submitId));
      if (!old)
        return { ok: false, error: { kind: 'invalid_input', code: 'no_job', message: 'no such job', retry: 'never' } };
      return startJob({ ...old.input, submitId: await stableId('retry', old.submitId) }, old.origin ?? {});
    }),
  [Ui.remove]: async (msg) => {
    await removeJobs([String(msg.submitId)]);
    return { ok: true };
  },
  [Ui.download]: (msg) => downloadJob(String(msg.submitId)),
  [Ui.openImage]: (msg) => openOriginal(String(msg.submitId), Number(msg.index)),
  [Ui.settings]: (msg) => applySettings(msg.settings),
  [Ui.archiveImport]: (msg) =>
    msg.command === 'cancel'
      ? cancelImport(siteId(msg.site))
      : msg.command === 'sync'
        ? setSync(!!msg.on)
        : startImport(siteId(msg.site)),
  ...galleryHandlers,
  ...batchHandlers,
  ...downloadHandlers,
};

/** UI messages come only from our own extension pages (the popup, also when opened in a tab), never from
 * content scripts, whose sender URL is the web page's, or from other extensions. */
const fromOurPages = (/** @type {chrome.runtime.MessageSender} */ sender) =>
  sender.id === chrome.runtime.id && sender.url?.startsWith(chrome.runtime.getURL(''));

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = handlers[msg?.type];
  if (!handler || !fromOurPages(sender)) return false;
  // A store that cannot be read or written for want of disk space (the browser may drop the connection and
  // fail to open it again) is said as a full disk, whichever handler met it; nothing was sent then.
  handler(msg, sender).then(sendResponse, (e) =>
    sendResponse(
      isQuotaError(e)
        ? diskFull()
        : { ok: false, error: { kind: 'server_error', code: 'internal', message: String(e), retry: 'later' } },
    ),
  );
  return true;
});

/** Our open pages (popup, workspace): they get the jobs that changed, never the whole history. */
/** @type {Set<chrome.runtime.Port>} */
const views = new Set();
const tellViews = (/** @type {object} */ msg) => {
  for (const port of views)
    try {
      port.postMessage(msg);
    } catch {
      views.delete(port);
    }
};
onJobsChanged(({ changed, removed }) => tellViews({ type: View.jobsChanged, changed, removed }));
onBatchesChanged((batches) => tellViews({ type: View.batchesChanged, batches }));

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === BRIDGE_PORT) attachBridge(port);
  else if (port.name === WATCH_PORT && fromOurPages(port.sender ?? {})) {
    // Watched only once the view says it is on screen: a popup tab or workspace in the background is not.
    const setVisible = watch(port, false);
    port.onMessage.addListener((msg) => {
      if (msg?.type === View.visible) setVisible(!!msg.visible);
    });
    views.add(port);
    port.onDisconnect.addListener(() => views.delete(port));
  } else if (port.name === TRACKER_PORT) {
    attachTracker(port, {
      upscale: (submitId, index, tabId) => upscaleImage(submitId, index, 'normal_hd', { from: 'tracker', tabId }),
      animate: (submitId, index, tabId) => animateImage(submitId, index, { from: 'tracker', tabId }),
    });
  }
});

/** @param {chrome.runtime.InstalledDetails} details */
async function onInstalled(details) {
  createMenus();
  // Installed: the first-run guide. Updated: nothing opens; the popup says what is new, once (popup/whats-new.js).
  const version = chrome.runtime.getManifest().version;
  if (details.reason === 'install') await chrome.tabs.create({ url: chrome.runtime.getURL('welcome/welcome.html') });
  if (details.reason === 'update' && details.previousVersion !== version)
    await facts.set('whatsNew', { version, from: details.previousVersion, shown: false });
  // Installed or updated with Jimeng already open: those tabs get their bridge now, not at the first request.
  connectOpenTabs().catch((e) => console.warn('could not reach the open Jimeng tabs', e));
}
chrome.runtime.onInstalled.addListener((details) => {
  onInstalled(details);
});
chrome.contextMenus.onClicked.addListener((info, tab) => {
  onMenuClick(info, tab);
});
chrome.commands.onCommand.addListener((command, tab) => {
  onCommand(command, tab);
});
listenForTrackers();
listenForNotifications();
listenForDownloads();
chrome.downloads.onChanged.addListener((delta) => downloadQueue.onChanged(delta));
// For the worker's own console and the end-to-end tests, which cannot click native menus or press
// browser shortcuts: the same functions the browser calls. Pages and content scripts cannot reach them.
Object.assign(self, {
  jimeng: Object.freeze({
    onMenuClick,
    onCommand,
    onInstalled,
    generateFromSelection,
    showTracker,
    downloadJob,
    openJob,
    syncTick,
    claimToday,
    notificationButton: onNotificationButton,
  }),
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) {
    wake();
    resumeImports();
  }
  const importing = siteOfImportAlarm(alarm.name);
  if (importing) resumeImport(importing);
  if (alarm.name === SYNC_ALARM) syncTick();
  if (alarm.name === DAILY_ALARM) claimToday();
  if (alarm.name === DOWNLOAD_ALARM) downloadQueue.reconcile();
});
// An import a stopped worker left running goes on (its cursor is stored after every page).
resumeImports().catch((e) => console.warn('import could not go on', e));
// A download run a stopped worker (or a closed browser) left going on: its files in flight are looked up first.
downloadQueue.reconcile().catch((e) => console.warn('downloads could not go on', e));
chrome.runtime.onStartup.addListener(() => wake()); // after a browser restart: alarms need not survive it
// A Jimeng page came up: jobs waiting for a login try again now (if still logged out, they wait again).
bridgeEvents.addEventListener('ready', () => {
  dispatch({ type: 'login' });
  claimToday().catch(() => {});
});
scheduleDailyClaims().catch(() => {});
// A restarted worker picks up where the last one stopped, after moving a v0.1 job map into the store.
migrateFromV01()
  .catch((e) => console.warn('v0.1 migration failed', e))
  .finally(() => wake());
