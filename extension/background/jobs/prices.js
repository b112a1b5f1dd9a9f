// @ts-check
// What a batch will cost. The core learns each model · resolution · count's price from the account's own
// ledger (user_credit_history: each charge names the submit_id it paid for, and our store knows that job's
// settings), and prices a preview's rows with the table kept here. The credit endpoints are risk-controlled,
// so the ledger is read only when someone previews a batch, at most once a minute, and only back to the
// newest charge read before.
import { getJob } from '../../shared/job-store.js';
import { call, core } from '../pages/core-instance.js';
import { refreshCredit } from './scheduler.js';
import { currentSite } from '../pages/session.js';
import * as facts from '../../state/facts.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */
/** Each site's prices (its own ledger): Jimeng's key predates sites. */
const MAX_PAGES = 3;
const RELEARN_MS = 60_000;
const CREDIT_FRESH_MS = 60_000;
/** How long a preview waits for the ledger: a slow page must not hold the preview back (it learns meanwhile). */
const WAIT_MS = 2500;

/** @type {Promise<void> | null} */
let learning = null;

/** @returns {Promise<{prices: Record<string, {credits: number, at: number}>, learnedUpTo: number, checkedAt: number}>} */
async function stored(/** @type {SiteId} */ site) {
  const empty = { prices: {}, learnedUpTo: 0, checkedAt: 0 };
  return { ...empty, .../** @type {any} */ (await facts.get('prices', site)) };
}

async function learn(/** @type {SiteId} */ site) {
  const c = await core;
  const table = await stored(site);
  const before = table.learnedUpTo;
  let { prices, learnedUpTo } = table;
  let cursor = '0';
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await call('buildCreditHistory', 'parseCreditHistory', { count: 100, cursor, spendingOnly: true, site });
    if (!r.ok) break;
    const ids = [...new Set(r.records.map((/** @type {{submitId: string}} */ x) => x.submitId).filter(Boolean))];
    const jobs = (await Promise.all(ids.map(getJob)))
      .flatMap((j) => (j?.job ? [j] : []))
      .map((j) => ({ submitId: j.submitId, model: j.job.model, resolution: j.job.resolution, count: j.job.count }));
    const out = c.learnPrices({ prices, records: r.records, jobs, learnedUpTo: before });
    if (!out.ok) break;
    prices = out.prices;
    learnedUpTo = Math.max(learnedUpTo, out.learnedUpTo);
    if (out.caughtUp || !r.hasMore) break;
    cursor = r.cursor;
  }
  await facts.set('prices', { prices, learnedUpTo, checkedAt: Date.now() }, site);
}

/** Starts reading the ledger unless it was read within the minute (or is being read). */
function learnSoon(/** @type {SiteId} */ site, /** @type {number} */ checkedAt) {
  if (!learning && Date.now() - checkedAt > RELEARN_MS)
    learning = learn(site)
      .catch(() => {})
      .finally(() => {
        learning = null;
      });
  return learning ?? Promise.resolve();
}

async function balance(/** @type {SiteId} */ site) {
  const credit = /** @type {{total: number, at?: number, site?: string} | undefined} */ (await facts.get('credit'));
  const mine = credit && (credit.site ?? 'jimeng') === site ? credit : undefined;
  if (mine && Date.now() - (mine.at ?? 0) < CREDIT_FRESH_MS) return mine.total;
  const r = await refreshCredit(site);
  return r.ok ? r.credit.total : mine?.total;
}

/** The price table and the balance a preview is estimated with (the current site's); waits for a fresh read at most WAIT_MS. */
export async function pricing() {
  const site = await currentSite();
  const fresh = Promise.all([learnSoon(site, (await stored(site)).checkedAt), balance(site)]);
  const [, credits] = await Promise.race([fresh, new Promise((r) => setTimeout(() => r([]), WAIT_MS))]);
  const { prices } = await stored(site);
  return { prices, ...(Number.isFinite(credits) ? { balance: credits } : {}) };
}
