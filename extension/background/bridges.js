// @ts-check
// The page bridges the worker can run requests through: one per open Jimeng tab. Requests go to the most
// recently active bridge whose page has its anti-bot hook in place. With none: a Jimeng tab open before the
// extension was installed or updated (Chrome puts manifest content scripts only into pages loaded after) gets
// our content scripts injected; with no Jimeng tab at all, one is opened in the background, once however many
// callers wait. The user's own tabs are never reloaded or closed: only tabs this extension opened are.
// A tab closing mid-request fails that request with `bridge_gone`, so the caller can re-run it.
import { Bridge } from '../shared/messages.js';
import { saveSession } from './session.js';

export const JIMENG_ORIGIN = 'https://jimeng.jianying.com';
const JIMENG_PAGE = `${JIMENG_ORIGIN}/ai-tool/generate?type=image`;

/** @type {Map<number, {port: chrome.runtime.Port, ready: boolean, seen: number}>} */
const bridges = new Map();
/** @type {Map<string, {resolve: Function, reject: Function, tabId: number}>} */
const pending = new Map();
/** @type {Set<() => void>} */
const waiters = new Set();
let nextId = 1;
/** Fires `ready` when a page's bridge can run requests (e.g. after the user logged in and the page reloaded). */
export const bridgeEvents = new EventTarget();

/** Only our own content script, in a top-level Jimeng page, may register a bridge. */
function trusted(/** @type {chrome.runtime.Port} */ port) {
  const s = port.sender;
  return s?.id === chrome.runtime.id && s.tab?.id !== undefined && s.frameId === 0 && typeof s.url === 'string' && new URL(s.url).origin === JIMENG_ORIGIN;
}

/** @param {chrome.runtime.Port} port */
export function attachBridge(port) {
  if (!trusted(port)) return port.disconnect();
  const tabId = /** @type {number} */ (port.sender?.tab?.id);
  const entry = { port, ready: false, seen: Date.now() };
  bridges.set(tabId, entry);
  port.onMessage.addListener((msg) => {
    entry.seen = Date.now();
    if (msg?.type === Bridge.session) saveSession(msg.session, msg.observedAt);
    else if (msg?.type === Bridge.ready) { entry.ready = true; waiters.forEach((w) => w()); bridgeEvents.dispatchEvent(new Event('ready')); }
    else if (msg?.type === Bridge.response) settle(msg);
  });
  port.onDisconnect.addListener(() => {
    if (bridges.get(tabId)?.port === port) bridges.delete(tabId);
    for (const [id, p] of pending) if (p.tabId === tabId) { pending.delete(id); p.reject(Object.assign(new Error('the Jimeng tab went away'), { code: 'bridge_gone' })); }
  });
}

function settle(/** @type {{id: string, status?: number, body?: unknown, error?: any}} */ msg) {
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  if (msg.error) p.reject(Object.assign(new Error(msg.error), { code: 'network' }));
  else p.resolve({ status: msg.status, body: msg.body });
}

function best() {
  let pick = null;
  for (const [tabId, b] of bridges) if (b.ready && (!pick || b.seen > pick.b.seen)) pick = { tabId, b };
  return pick;
}

/** @type {Promise<number> | null} the background tab being opened: every caller waits for the same one */
let opening = null;
/** Opens a Jimeng page in the background. */
function openOwnTab() {
  opening ??= chrome.tabs.create({ url: JIMENG_PAGE, active: false })
    .then((tab) => /** @type {number} */ (tab.id))
    .finally(() => { opening = null; });
  return opening;
}

/** @type {Map<number, Promise<void>>} */
const injecting = new Map();
/**
 * A tab whose relay does not answer has none: it was open before this extension was installed or updated.
 * Our content scripts go in as the manifest would have put them (the relay first; the page-world bridge then
 * finds the page's fetch already hooked by its anti-bot script). Nothing reloads the tab.
 */
function wakeOrInject(/** @type {number} */ tabId) {
  chrome.tabs.sendMessage(tabId, { type: Bridge.reconnect }).catch(() => {
    if (injecting.has(tabId) || bridges.has(tabId)) return;
    const done = (async () => {
      await chrome.scripting.executeScript({ target: { tabId }, files: ['content/bridge-relay.js'] });
      await chrome.scripting.executeScript({ target: { tabId }, files: ['content/bridge-main.js'], world: 'MAIN' });
    })().catch((e) => console.warn('could not add the bridge to a Jimeng tab', e)).finally(() => injecting.delete(tabId));
    injecting.set(tabId, done);
  });
}

/** Every open Jimeng tab gets a working bridge (at install and update, and whenever none is ready). */
export async function connectOpenTabs() {
  const tabs = await chrome.tabs.query({ url: `${JIMENG_ORIGIN}/*` });
  // A tab still loading gets the manifest's content scripts with its new page: only loaded ones are asked.
  for (const tab of tabs) if (tab.id !== undefined && !tab.discarded && tab.status === 'complete') wakeOrInject(tab.id);
  return tabs.length;
}

/** Whether an open Jimeng page can carry a request now, without opening one: open tabs are woken and given a moment. */
export async function openPageReady(timeoutMs = 2_000) {
  if (best()) return true;
  if ((await connectOpenTabs()) === 0) return false;
  return new Promise((resolve) => {
    const done = () => { if (best()) { clearTimeout(timer); waiters.delete(done); resolve(true); } };
    const timer = setTimeout(() => { waiters.delete(done); resolve(false); }, timeoutMs);
    waiters.add(done);
  });
}

/** Waits for a ready bridge: the open Jimeng tabs are woken (or given one); with none, one is opened. */
async function readyBridge(/** @type {number} */ timeoutMs) {
  if (best()) return best();
  const found = new Promise((resolve, reject) => {
    const done = () => { const b = best(); if (b) { clearTimeout(timer); waiters.delete(done); resolve(b); } };
    const timer = setTimeout(() => { waiters.delete(done); reject(Object.assign(new Error('no Jimeng page is available'), { code: 'no_bridge', notSent: true })); }, timeoutMs);
    waiters.add(done);
  });
  // A restarted worker knows no bridges yet: the open pages' relays connect again when asked.
  if ((await connectOpenTabs()) === 0) await openOwnTab();
  return found;
}

/**
 * Runs a core-built request through a Jimeng page.
 * @param {{url: string, method: string, headers: object, body: string, referrer: string}} request
 * @returns {Promise<{status: number, body: ArrayBuffer}>}  the body as the page's fetch gave it, undecoded
 */
export async function runThroughPage(request, { timeoutMs = 30_000 } = {}) {
  if (new URL(request.url).origin !== JIMENG_ORIGIN) throw Object.assign(new Error('refused: not a Jimeng request'), { code: 'refused', notSent: true });
  const { tabId, b } = await readyBridge(Math.min(timeoutMs, 30_000));
  const id = `${Date.now()}-${nextId++}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { pending.delete(id); reject(Object.assign(new Error('Jimeng did not answer in time'), { code: 'timeout' })); }, timeoutMs);
    pending.set(id, { tabId, resolve: (/** @type {{status: number, body: ArrayBuffer}} */ v) => { clearTimeout(timer); resolve(v); }, reject: (/** @type {unknown} */ e) => { clearTimeout(timer); reject(e); } });
    try {
      b.port.postMessage({ type: Bridge.fetch, id, request });
    } catch {  // its tab closed a moment ago: nothing was sent, and the caller may run it on another page
      if (bridges.get(tabId) === b) bridges.delete(tabId);
      pending.get(id)?.reject(Object.assign(new Error('the Jimeng tab went away'), { code: 'bridge_gone', notSent: true }));
      pending.delete(id);
    }
  });
}

/**
 * Learns a site update's versions from a page loaded for the purpose (a page's bundle changes only when it
 * loads): a new background tab, closed again afterwards. No tab is ever reloaded: not the user's, and not one
 * we opened earlier either, which the user may since have taken up and typed in. Resolves once `fresh()` says
 * the new values have been learned, or after `timeoutMs`.
 * @param {() => Promise<boolean>} fresh
 */
export async function refreshVersionsInOwnTab(fresh, timeoutMs = 20_000) {
  const others = (await chrome.tabs.query({ url: `${JIMENG_ORIGIN}/*` })).length;
  const opened = await openOwnTab();
  try {
    for (const start = Date.now(); Date.now() - start < timeoutMs;) {
      if (await fresh()) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  } finally {
    // It goes again, unless it is the only Jimeng page left to work through or the user has switched to it.
    const tab = await chrome.tabs.get(opened).catch(() => null);
    if (tab && !tab.active && others > 0) await chrome.tabs.remove(opened).catch(() => {});
  }
}
