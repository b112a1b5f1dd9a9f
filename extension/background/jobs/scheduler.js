// @ts-check
// Who is looking, and the account's credits. While a popup, tracker or workspace is on screen the engine
// polls fast (the core's `watched` rule); an open but unseen Jimeng tab does not count. An alarm restarts a
// stopped worker while anything is open (set by the engine's shell).
import { call } from '../pages/core-instance.js';
import { currentSite } from '../pages/session.js';
import * as facts from '../../state/facts.js';

export const ALARM = 'jimeng-poll';

/** @type {Map<chrome.runtime.Port, boolean>} open popups and trackers, and whether each is on screen */
const watchers = new Map();
export const watched = () => [...watchers.values()].some(Boolean);
/** @type {() => void} */
let onLook = () => {};
/** What to do when someone starts looking (the engine's shell wakes the engine). */
export function whenWatched(/** @type {() => void} */ fn) {
  onLook = fn;
}

/**
 * A popup or tracker port. A tracker in a background tab says it is hidden (`setVisible`).
 * @param {chrome.runtime.Port} port
 * @returns {(visible: boolean) => void}
 */
export function watch(port, visible = true) {
  watchers.set(port, visible);
  port.onDisconnect.addListener(() => {
    watchers.delete(port);
  });
  if (visible) onLook();
  return (now) => {
    if (watchers.has(port)) {
      watchers.set(port, now);
      if (now) onLook();
    }
  };
}

/** Credits are risk-controlled: refreshed when a job ends, never on a timer. The current site's (the one new jobs
 * spend on), kept with the site they belong to. */
export async function refreshCredit(
  /** @type {import('../../shared/site.js').SiteId=} */ site = undefined,
  { store = true } = {},
) {
  const which = site ?? (await currentSite());
  const r = await call('buildCredit', 'parseCredit', { site: which });
  if (r.ok) {
    const signedIn = /** @type {Record<string, number>} */ ((await facts.get('signedIn')) ?? {});
    /** @type {[import('../../state/facts.js').FactName, unknown][]} */
    const writes = [['signedIn', { ...signedIn, [which]: Date.now() }]];
    if (store) writes.push(['credit', { ...r.credit, site: which, at: Date.now() }]);
    await facts.setMany(writes);
  }
  return r;
}
