// @ts-check
// When the engine ticks: fast while a popup or tracker watches, slower when nobody looks, backing off on
// rate limits; an alarm restarts the loop after the worker has been stopped. Keeps the badge and credits.
import { call } from './core-instance.js';
import { announcements, countOpenJobs, storeClock } from './jobs.js';
import { announceEnded } from './notify.js';
import { pollOnce } from './poll.js';

export const ALARM = 'jimeng-poll';
const WATCHED_MS = 1_500;
const UNWATCHED_MS = 10_000;
const MAX_BACKOFF = 8;

let timer;
let running = false;
let again = false;
/** @type {Map<chrome.runtime.Port, boolean>} open popups and trackers, and whether each is on screen */
const watchers = new Map();
const watched = () => [...watchers.values()].some(Boolean);
let backoff = 1;

export function wake(delayMs = 0) {
  clearTimeout(timer);
  timer = setTimeout(tick, delayMs);
}

/**
 * A popup or tracker port: while one is on screen, ticks are fast. A tracker in a background tab says it is
 * hidden (`setVisible`), so an open but unseen Jimeng tab does not keep the engine polling fast.
 * @returns {(visible: boolean) => void}
 */
export function watch(port, visible = true) {
  watchers.set(port, visible);
  port.onDisconnect.addListener(() => { watchers.delete(port); });
  if (visible) wake();
  return (now) => { if (watchers.has(port)) { watchers.set(port, now); if (now) wake(); } };
}

async function tick() {
  if (running) { again = true; return; }
  running = true;
  const storeBefore = storeClock.ms;
  /** @type {number | undefined} */
  let active;
  try {
    const result = await pollOnce();
    active = result.open;
    // A refused or failed poll (rate limit, 5xx, an error page, a cut answer) waits longer each time.
    backoff = result.failed ? Math.min(backoff * 2, result.rateLimited ? MAX_BACKOFF : MAX_BACKOFF / 2) : 1;
    if (announcements.due) {
      announcements.due = false;
      await announceEnded().catch((e) => { announcements.due = true; throw e; });
    }
    if (result.ended > 0) await refreshCredit();
  } catch (e) {
    console.warn('engine tick failed', e);
  } finally {
    running = false;
  }
  active ??= await countOpenJobs();
  // For npm run bench:scale: the store's share of this tick, which must not grow with the history.
  Object.assign(self, { jimengLastTick: { storeMs: storeClock.ms - storeBefore, active, at: Date.now() } });
  await chrome.action.setBadgeText({ text: active ? String(active) : '' });
  if (active) {
    chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
    wake(again ? 0 : (watched() ? WATCHED_MS : UNWATCHED_MS) * backoff);
  } else {
    chrome.alarms.clear(ALARM);
  }
  again = false;
}

/** Credits are risk-controlled: refreshed when a job ends, never on a timer. */
export async function refreshCredit() {
  const r = await call('buildCredit', 'parseCredit');
  if (r.ok) await chrome.storage.local.set({ credit: { ...r.credit, at: Date.now() } });
  return r;
}
