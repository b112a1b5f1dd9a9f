// @ts-check
// The in-page trackers: injected on demand (activeTab after a menu click or shortcut; host access on Jimeng
// pages), one per tab, each fed the jobs of its own tab (all recent jobs on Jimeng pages) as a ready-made
// view. The tracker script only draws what it is sent and reports clicks.
import { Tracker } from '../../shared/messages.js';
import { describeError } from '../../shared/job-text.js';
import { isJimeng, jobsFor, recentJobs, viewOf } from './tracker-view.js';
import { downloadJob, openOriginal, openVideo } from '../downloads/downloads.js';
import { isActive, onJobsChanged, updateJobs } from '../jobs/jobs.js';
import { JIMENG_ORIGIN } from './bridges.js';
import { watch } from '../jobs/scheduler.js';
import * as facts from '../../state/facts.js';
import { serial } from '../../state/serial.js';

/** @typedef {import('../jobs/jobs.js').Job} Job */
/** @type {Map<number, chrome.runtime.Port>} */
const ports = new Map();
/** @type {Map<number, {reported: boolean, set: (visible: boolean) => void}>} a tracker counts as watching */
const watching = new Map();

/**
 * Read-modify-write of one storage.session map, one at a time: a menu click and a new job can inject
 * trackers into two tabs at once, and unserialized updates would drop one tab's entry.
 */
const inTurn = serial();
/** @param {'trackedTabs' | 'trackerNotices'} name @param {(value: Record<string, any>) => void} mutate */
function updateSession(name, mutate) {
  return inTurn(async () => {
    const value = (await facts.get(name)) ?? {};
    mutate(value);
    await facts.set(name, value);
  });
}

/** Watching = the page says it is visible and its tab is the active one in its window. @param {number} tabId */
async function updateWatch(tabId) {
  const w = watching.get(tabId);
  if (!w) return;
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  w.set(w.reported && !!tab?.active);
}

/** @param {number} tabId @param {chrome.runtime.Port} port */
async function send(tabId, port) {
  const [jobs, [allNotices, trackerCollapsed]] = await Promise.all([
    recentJobs(),
    facts.getMany(['trackerNotices', 'trackerCollapsed']),
  ]);
  const jimeng = isJimeng(port.sender?.url);
  const notices = /** @type {Record<number, unknown[]>} */ (allNotices ?? {})[tabId] ?? [];
  try {
    port.postMessage({
      type: Tracker.view,
      collapsed: !!trackerCollapsed,
      jobs: jobsFor(jobs, tabId, jimeng).map(viewOf),
      notices,
    });
  } catch {
    /* the tab went away */
  }
}

/** Redraws every tracker, at most once per burst of changes (a tick may change many jobs one by one). */
/** @type {ReturnType<typeof setTimeout> | undefined} */
let refreshTimer;
const refreshAll = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    for (const [tabId, port] of ports) send(tabId, port);
  }, 30);
};

/**
 * Injects the tracker into a tab (idempotent: the script keeps one instance per page). `reload` is for a
 * freshly loaded document, whose old tracker port may not have reported its end yet.
 * @param {number} tabId
 */
export async function showTracker(tabId, { reload = false } = {}) {
  if (!reload && ports.has(tabId)) {
    send(tabId, /** @type {chrome.runtime.Port} */ (ports.get(tabId)));
    return true;
  }
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: ['tracker/tracker.js'] });
    await updateSession('trackedTabs', (tracked) => {
      tracked[tabId] = true;
    });
    return true;
  } catch {
    return false; // a page we may not script: chrome://, the web store, or activeTab not granted
  }
}

/** A message for one tab's tracker (e.g. a selection the core refused). @param {number} tabId @param {string} text */
export async function addNotice(tabId, text) {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await updateSession('trackerNotices', (all) => {
    all[tabId] = [...(all[tabId] ?? []), { id, text }].slice(-3);
  });
}

/**
 * @typedef {{type?: string, submitId?: string, index?: number, noticeId?: string, collapsed?: boolean, visible?: boolean}} TrackerMessage
 * @typedef {{ upscale: (submitId: string, index: number, tabId: number) => Promise<unknown>,
 *   animate: (submitId: string, index: number, tabId: number) => Promise<unknown> }} TrackerActions
 */
/** @type {Record<string, (msg: TrackerMessage, tabId: number, actions: TrackerActions) => Promise<unknown>>} */
const handlers = {
  [Tracker.dismiss]: async (msg, tabId) => {
    const submitId = String(msg.submitId);
    if (msg.noticeId)
      return updateSession('trackerNotices', (all) => {
        all[tabId] = (all[tabId] ?? []).filter((/** @type {{id: string}} */ n) => n.id !== msg.noticeId);
      });
    return updateJobs([submitId], (jobs) => {
      const j = jobs[submitId];
      if (j && !isActive(j)) j.trackerDismissed = true;
    });
  },
  [Tracker.download]: (msg) => downloadJob(String(msg.submitId)),
  [Tracker.openImage]: (msg) => openOriginal(String(msg.submitId), Number(msg.index)),
  [Tracker.upscale]: (msg, tabId, actions) => actions.upscale(String(msg.submitId), Number(msg.index), tabId),
  [Tracker.animate]: (msg, tabId, actions) => actions.animate(String(msg.submitId), Number(msg.index), tabId),
  [Tracker.openVideo]: (msg) => openVideo(String(msg.submitId)),
  [Tracker.collapse]: (msg) => facts.set('trackerCollapsed', !!msg.collapsed),
};

/**
 * Only our own tracker, in a tab's top frame, may connect; it acts only on jobs its tab lists. The actions
 * that make jobs come from the caller (the worker's router), since making a job shows the tracker.
 * @param {chrome.runtime.Port} port
 * @param {TrackerActions} actions
 */
export function attachTracker(port, actions) {
  const s = port.sender;
  if (
    s?.id !== chrome.runtime.id ||
    s.tab?.id === undefined ||
    s.frameId !== 0 ||
    s.url?.startsWith(chrome.runtime.getURL(''))
  )
    return port.disconnect();
  const tabId = s.tab.id;
  ports.get(tabId)?.disconnect();
  ports.set(tabId, port);
  watching.set(tabId, { reported: false, set: watch(port, false) });
  port.onDisconnect.addListener(() => {
    if (ports.get(tabId) === port) {
      ports.delete(tabId);
      watching.delete(tabId);
    }
  });
  port.onMessage.addListener(async (/** @type {TrackerMessage} */ msg) => {
    if (msg?.type === Tracker.visible) {
      const w = watching.get(tabId);
      if (w && ports.get(tabId) === port) {
        w.reported = !!msg.visible;
        await updateWatch(tabId);
      }
      return;
    }
    const handler = handlers[msg?.type ?? ''];
    if (!handler) return;
    if (
      msg.submitId !== undefined &&
      !jobsFor(await recentJobs(), tabId, isJimeng(s.url)).some((j) => j.submitId === msg.submitId)
    )
      return;
    // A failure is said in that tab's tracker, and the tracker is drawn again (which ends a busy button).
    const answer = await handler(msg, tabId, actions);
    if (
      answer &&
      typeof answer === 'object' &&
      'ok' in answer &&
      answer.ok === false &&
      'error' in answer &&
      answer.error
    )
      await addNotice(tabId, describeError(answer.error));
    else refreshAll();
  });
  send(tabId, port);
}

/** Jimeng pages show the tracker whenever there is something to show. */
async function showOnJimengPages() {
  const jobs = await recentJobs();
  for (const tab of await chrome.tabs.query({ url: `${JIMENG_ORIGIN}/*` }))
    if (tab.id !== undefined && !ports.has(tab.id) && tab.status === 'complete' && jobsFor(jobs, tab.id, true).length)
      showTracker(tab.id);
}

export function listenForTrackers() {
  facts.watch('trackerCollapsed', refreshAll);
  facts.watch('trackerNotices', refreshAll);
  onJobsChanged(({ changed, removed }) => {
    refreshAll();
    // A new job (just stored, not yet changed since) brings the tracker to open Jimeng pages.
    if (!removed.length && changed.some((j) => j.createdAt === j.updatedAt && isActive(j))) showOnJimengPages();
  });
  // A full navigation drops the page's tracker: attach again (same-origin navigations keep activeTab).
  chrome.tabs.onUpdated.addListener(async (tabId, info, tab) => {
    if (info.status !== 'complete') return;
    const tracked = /** @type {Record<number, boolean>} */ ((await facts.get('trackedTabs')) ?? {});
    if (tracked[tabId] || (isJimeng(tab.url) && jobsFor(await recentJobs(), tabId, true).length))
      showTracker(tabId, { reload: true });
  });
  chrome.tabs.onActivated.addListener(() => {
    for (const tabId of watching.keys()) updateWatch(tabId);
  });
  chrome.tabs.onRemoved.addListener((tabId) => {
    updateSession('trackedTabs', (tracked) => {
      delete tracked[tabId];
    });
    updateSession('trackerNotices', (notices) => {
      delete notices[tabId];
    });
  });
}
