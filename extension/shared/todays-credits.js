// @ts-check
// Today's free credits as the popup says them (protocol §11): how many expire, and when (the balance's own end
// of its gift credits, else today's claim's), or why today's could not be claimed. The claim itself is the
// worker's (background/jobs/daily-credits.js).
import * as facts from '../state/facts.js';

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** The user's day at `now`: its name (local date) and its last millisecond. */
export function dayOf(/** @type {number} */ now) {
  const d = new Date(now);
  return {
    name: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    end: new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1,
  };
}

/**
 * What the popup says of today's credits on `site`: how many expire and when, or why today's could not be
 * claimed. @param {import('../shared/site.js').SiteId} site @param {{gift?: number, giftExpiresAt?: number} | null} credit
 * @returns {Promise<{expiring?: {credits: number, at: number}, refused?: any} | null>}
 */
export async function todaysCredits(site, credit, now = Date.now()) {
  const claim = await facts.get('dailyClaim', site);
  const today = claim?.day === dayOf(now).name ? claim : null;
  if (today?.refused) return { refused: today.refused };
  const gift = credit?.gift ?? 0;
  const at = credit?.giftExpiresAt || (today?.received ? today.expiresAt : 0);
  if (!gift || !at || at < now) return null;
  return { expiring: { credits: today?.received && !credit?.giftExpiresAt ? Math.min(gift, today.quota) : gift, at } };
}
