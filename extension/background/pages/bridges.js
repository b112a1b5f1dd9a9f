// @ts-check
// The page bridges the worker can run requests through: one per open Jimeng or Dreamina tab, keyed by tab and
// knowing its site. A request goes to the most recently active bridge of its site whose page has its anti-bot
// hook in place. With none: a Jimeng tab open before the
// extension was installed or updated (Chrome puts manifest content scripts only into pages loaded after) is
// used through chrome.scripting, request by request, with no script left in it (late-bridge.js); with no
// Jimeng tab at all, one is opened in the background, once however many callers wait. The user's own tabs are never reloaded or closed: only tabs this extension opened are.
// A tab closing mid-request fails that request with `bridge_gone`, so the caller can re-run it.
import { Bridge } from '../../shared/messages.js';
import { SITES, SITE_PAGE_PATTERNS, isSiteApiUrl, siteOfUrl } from '../../shared/site.js';
import { saveSession } from './session.js';
import { fetchThroughLateTab, probeLateTab } from './late-bridge.js';
import { openOwnTab } from './own-tab.js';
export { refreshVersionsInOwnTab } from './own-tab.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */
export const JIMENG_ORIGIN = SITES.jimeng.origin;

/** A tab's bridge: our content scripts' port, or (`late`) a tab used through chrome.scripting.
 * @type {Map<number, {site: SiteId, port?: chrome.runtime.Port, late?: boolean, ready: boolean, seen: number}>} */
const bridges = new Map();
/** @type {Map<string, {resolve: Function, reject: Function, tabId: number}>} */
const pending = new Map();
/** @type {Set<() => void>} */
const waiters = new Set();
let nextId = 1;
/** Fires `ready` when a page's bridge can run requests (e.g. after the user logged in and the page reloaded), with
 * `detail.page`: that tab's page load (the same again when a relay only reconnects). */
export const bridgeEvents = new EventTarget();

/** Only our own content script, in a top-level page of one of the sites, may register a bridge: that site's. */
function trustedSite(/** @type {chrome.runtime.Port} */ port) {
  const s = port.sender;
  return s?.id === chrome.runtime.id && s.tab?.id !== undefined && s.frameId === 0 ? siteOfUrl(s.url) : null;
}

/** @param {chrome.runtime.Port} port */
export function attachBridge(port) {
  const site = trustedSite(port);
  if (!site) return port.disconnect();
  const tabId = /** @type {number} */ (port.sender?.tab?.id);
  const entry = { site, port, ready: false, seen: Date.now() };
  bridges.set(tabId, entry);
  port.onMessage.addListener((msg) => {
    entry.seen = Date.now();
    if (msg?.type === Bridge.session) saveSession(msg.session, msg.observedAt, site);
    else if (msg?.type === Bridge.ready) becameReady(entry, `${tabId}:${msg.page}`);
    else if (msg?.type === Bridge.response) settle(msg);
  });
  port.onDisconnect.addListener(() => {
    if (bridges.get(tabId)?.port === port) bridges.delete(tabId);
    for (const [id, p] of pending)
      if (p.tabId === tabId) {
        pending.delete(id);
        p.reject(Object.assign(new Error('the Jimeng tab went away'), { code: 'bridge_gone' }));
      }
  });
}

/** @param {{ready: boolean, site: SiteId}} entry @param {string} page */
function becameReady(entry, page) {
  entry.ready = true;
  waiters.forEach((w) => w());
  bridgeEvents.dispatchEvent(new CustomEvent('ready', { detail: { page, site: entry.site } }));
}

function settle(/** @type {{id: string, status?: number, body?: unknown, error?: any}} */ msg) {
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  if (msg.error) p.reject(Object.assign(new Error(msg.error), { code: 'network' }));
  else p.resolve({ status: msg.status, body: msg.body });
}

/** The most recently active ready bridge of `site` (of any site when none is named). @param {SiteId=} site */
function best(site) {
  let pick = null;
  for (const [tabId, b] of bridges)
    if (b.ready && (!site || b.site === site) && (!pick || b.seen > pick.b.seen)) pick = { tabId, b };
  return pick;
}

/** @type {Map<number, Promise<void>>} */
const adopting = new Map();
const LATE_READY_MS = 16_000; // a page's hook is in place by then, even where it passes for native code
/**
 * A tab whose relay does not answer has none: it was open before this extension was installed or updated. It is
 * used as it is (late-bridge.js), once its fetch is hooked. Nothing is put in it, and nothing reloads it.
 */
function wakeOrAdopt(/** @type {number} */ tabId, /** @type {SiteId} */ site) {
  chrome.tabs.sendMessage(tabId, { type: Bridge.reconnect }).catch(() => {
    if (adopting.has(tabId) || bridges.has(tabId)) return;
    // A Dreamina page's requests carry in their headers who the device and account are, which a late tab's
    // resource timings do not show: a page of our own, with our scripts, learns them (the user's tab is left as it is).
    if (site === 'dreamina') return void openOwnTab(site);
    const done = (async () => {
      for (const start = Date.now(); Date.now() - start < LATE_READY_MS; await new Promise((r) => setTimeout(r, 500))) {
        const probe = await probeLateTab(tabId);
        if (!probe || bridges.get(tabId)?.port) return; // gone, or our content scripts came with a reload
        if (Object.keys(probe.session).length) await saveSession(probe.session);
        if (!probe.hooked) continue;
        const entry = { site, late: true, ready: false, seen: Date.now() };
        bridges.set(tabId, entry);
        return becameReady(entry, `${tabId}:${probe.page}`);
      }
    })()
      .catch((e) => console.warn('could not use a Jimeng tab', e))
      .finally(() => adopting.delete(tabId));
    adopting.set(tabId, done);
  });
}

/** Every open page of the sites (of `site` alone when named) gets a working bridge (at install and update, and
 * whenever none is ready). @param {SiteId=} site @returns {Promise<number>} how many such tabs are open */
export async function connectOpenTabs(site) {
  const tabs = await chrome.tabs.query({ url: site ? `${SITES[site].origin}/*` : SITE_PAGE_PATTERNS });
  // A tab still loading gets the manifest's content scripts with its new page: only loaded ones are asked.
  for (const tab of tabs) {
    const tabSite = siteOfUrl(tab.url);
    if (tab.id !== undefined && tabSite && !tab.discarded && tab.status === 'complete') wakeOrAdopt(tab.id, tabSite);
  }
  return tabs.length;
}

/** Whether an open page (of `site`, when named) can carry a request now, without opening one: open tabs are woken
 * and given a moment. @param {SiteId=} site */
export async function openPageReady(timeoutMs = 2_000, site = undefined) {
  if (best(site)) return true;
  if ((await connectOpenTabs(site)) === 0) return false;
  return new Promise((resolve) => {
    const done = () => {
      if (best(site)) {
        clearTimeout(timer);
        waiters.delete(done);
        resolve(true);
      }
    };
    const timer = setTimeout(() => {
      waiters.delete(done);
      resolve(false);
    }, timeoutMs);
    waiters.add(done);
  });
}

/** Waits for a ready bridge of the site: its open tabs are woken (or given one); with none, one is opened. */
async function readyBridge(/** @type {number} */ timeoutMs, /** @type {SiteId} */ site) {
  if (best(site)) return best(site);
  const found = new Promise((resolve, reject) => {
    const done = () => {
      const b = best(site);
      if (b) {
        clearTimeout(timer);
        waiters.delete(done);
        resolve(b);
      }
    };
    const timer = setTimeout(() => {
      waiters.delete(done);
      reject(
        Object.assign(new Error(`no ${SITES[site].name} page is available`), { code: 'no_bridge', notSent: true }),
      );
    }, timeoutMs);
    waiters.add(done);
  });
  // A restarted worker knows no bridges yet: the open pages' relays connect again when asked.
  if ((await connectOpenTabs(site)) === 0) await openOwnTab(site);
  return found;
}

/**
 * Runs a core-built request through a page of its site (Jimeng unless `site` says otherwise).
 * @param {{url: string, method: string, headers: object, body: string, referrer: string}} request
 * @param {{timeoutMs?: number, site?: SiteId}} options
 * @returns {Promise<{status: number, body: ArrayBuffer}>}  the body as the page's fetch gave it, undecoded
 */
export async function runThroughPage(request, { timeoutMs = 30_000, site = 'jimeng' } = {}) {
  if (!isSiteApiUrl(site, request.url))
    throw Object.assign(new Error(`refused: not a ${SITES[site].name} request`), { code: 'refused', notSent: true });
  const { tabId, b } = await readyBridge(Math.min(timeoutMs, 30_000), site);
  if (b.late) return lateRequest(tabId, b, request, timeoutMs);
  const id = `${Date.now()}-${nextId++}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(Object.assign(new Error('Jimeng did not answer in time'), { code: 'timeout' }));
    }, timeoutMs);
    pending.set(id, {
      tabId,
      resolve: (/** @type {{status: number, body: ArrayBuffer}} */ v) => {
        clearTimeout(timer);
        resolve(v);
      },
      reject: (/** @type {unknown} */ e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    try {
      /** @type {chrome.runtime.Port} */ (b.port).postMessage({ type: Bridge.fetch, id, request });
    } catch {
      // its tab closed a moment ago: nothing was sent, and the caller may run it on another page
      if (bridges.get(tabId) === b) bridges.delete(tabId);
      pending
        .get(id)
        ?.reject(Object.assign(new Error('the Jimeng tab went away'), { code: 'bridge_gone', notSent: true }));
      pending.delete(id);
    }
  });
}

/** A request through a late tab, as long as `timeoutMs` at most; a tab gone is forgotten. */
async function lateRequest(
  /** @type {number} */ tabId,
  /** @type {{late?: boolean}} */ b,
  /** @type {any} */ request,
  /** @type {number} */ timeoutMs,
) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('Jimeng did not answer in time'), { code: 'timeout' })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([fetchThroughLateTab(tabId, request), late]);
  } catch (e) {
    if (/** @type {any} */ (e)?.code === 'bridge_gone' && bridges.get(tabId) === b) bridges.delete(tabId);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
