// @ts-check
// The page bridges the worker can run requests through: one per open Jimeng tab. Requests go to the most
// recently active bridge whose page has its anti-bot hook in place; with none, a Jimeng tab is opened in the
// background. A tab closing mid-request fails that request with `bridge_gone`, so the caller can re-run it.
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
function trusted(port) {
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

function settle(msg) {
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

/** Waits for a ready bridge, opening a background Jimeng tab when none is open. */
async function readyBridge(timeoutMs) {
  if (best()) return best();
  const tabs = await chrome.tabs.query({ url: `${JIMENG_ORIGIN}/*` });
  if (tabs.length === 0) await chrome.tabs.create({ url: JIMENG_PAGE, active: false });
  // A restarted worker knows no bridges yet: ask the open pages' relays to connect again.
  for (const tab of tabs) if (tab.id !== undefined) chrome.tabs.sendMessage(tab.id, { type: Bridge.reconnect }).catch(() => {});
  return new Promise((resolve, reject) => {
    const done = () => { const b = best(); if (b) { clearTimeout(timer); waiters.delete(done); resolve(b); } };
    const timer = setTimeout(() => { waiters.delete(done); reject(Object.assign(new Error('no Jimeng page is available'), { code: 'no_bridge' })); }, timeoutMs);
    waiters.add(done);
  });
}

/**
 * Runs a core-built request through a Jimeng page.
 * @param {{url: string, method: string, headers: object, body: string, referrer: string}} request
 * @returns {Promise<{status: number, body: ArrayBuffer}>}  the body as the page's fetch gave it, undecoded
 */
export async function runThroughPage(request, { timeoutMs = 30_000 } = {}) {
  if (new URL(request.url).origin !== JIMENG_ORIGIN) throw Object.assign(new Error('refused: not a Jimeng request'), { code: 'refused' });
  const { tabId, b } = await readyBridge(timeoutMs);
  const id = `${Date.now()}-${nextId++}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { pending.delete(id); reject(Object.assign(new Error('Jimeng did not answer in time'), { code: 'timeout' })); }, timeoutMs);
    pending.set(id, { tabId, resolve: (v) => { clearTimeout(timer); resolve(v); }, reject: (e) => { clearTimeout(timer); reject(e); } });
    b.port.postMessage({ type: Bridge.fetch, id, request });
  });
}

/**
 * Reloads the open Jimeng pages (a site update reaches a page's bundle only when it reloads) and waits until
 * `fresh()` says the new values have been learned.
 * @param {() => Promise<boolean>} fresh
 */
export async function reloadJimengPages(fresh, timeoutMs = 20_000) {
  const tabs = await chrome.tabs.query({ url: `${JIMENG_ORIGIN}/*` });
  for (const tab of tabs) if (tab.id !== undefined) await chrome.tabs.reload(tab.id);
  for (const start = Date.now(); Date.now() - start < timeoutMs;) {
    if (await fresh()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
