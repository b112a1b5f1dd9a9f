// @ts-check
// The welcome page's live check (ui:session-check), asked every 2 s while that page shows. It never opens a
// Jimeng tab (only open pages are asked), and it reads the account (a credit request, risk-controlled: never on
// a timer) only when something may have changed: the first time, when a Jimeng page loads (logging in loads it
// again; a relay reconnecting to a new worker is the same load), or a minute after the last read. In between it
// answers with what it last saw.
import { bridgeEvents, openPageReady } from './bridges.js';
import { refreshCredit } from '../jobs/scheduler.js';

const READ_AGAIN_MS = 60_000;
/** @type {{session: string, at: number} | null} */
let last = null;
/** @type {Set<string>} the page loads seen ready */
const pages = new Set();
bridgeEvents.addEventListener('ready', (e) => {
  const page = String(/** @type {CustomEvent} */ (e).detail?.page);
  if (!pages.has(page)) last = null;
  pages.add(page);
});

/** What a credit answer says of the session. @param {{ok: boolean, error?: {kind: string}}} credit */
export const sessionOf = (credit) =>
  credit.ok ? 'ready' : credit.error?.kind === 'login_required' ? 'logged_out' : 'unavailable';

/** @returns {Promise<{session: string}>} ready | logged_out | no_page | unavailable */
export async function sessionCheck(now = Date.now()) {
  if (!(await openPageReady())) return { session: 'no_page' };
  if (!last || now - last.at >= READ_AGAIN_MS || now < last.at)
    last = { session: sessionOf(await refreshCredit()), at: now };
  return { session: last.session };
}
