// @ts-check
// The popup's header: the site new jobs go to, its session and credits, and the sites the account is seen on.
import { refreshCredit } from '../jobs/scheduler.js';
import { sessionOf } from './session-check.js';
import { currentSite, loadSession } from './session.js';
import { SITE_IDS } from '../../shared/site.js';
import * as facts from '../../state/facts.js';

/** @type {Map<string, number>} the other site's page last asked about (its session's observedAt) */
const askedOther = new Map();
/** The popup's header: which site (and on Dreamina which cluster) new jobs spend on, its session and credits, and
 * which sites have been seen (the switch shows with two). */
export async function siteStatus() {
  let site = await currentSite();
  let credit = await refreshCredit(site);
  // Not chosen, and not logged in there: another site whose page was seen may be the one the user is logged in to.
  if (!credit.ok && !(await facts.get('chosenSite')))
    for (const other of SITE_IDS.filter((s) => s !== site)) {
      if (!(await loadSession(other)).observedAt) continue;
      const found = await refreshCredit(other);
      if (found.ok) [site, credit] = [other, found];
    }
  // Whether the other site is logged in too (the switch shows then): asked once per page of it seen since.
  for (const other of SITE_IDS.filter((s) => s !== site)) {
    const seenAt = Number((await loadSession(other)).observedAt ?? 0);
    if (seenAt > (askedOther.get(other) ?? 0)) {
      askedOther.set(other, seenAt);
      await refreshCredit(other, { store: false });
    }
  }
  const [dreamina, signedIn] = await Promise.all([
    loadSession('dreamina'),
    facts.get('signedIn').then((v) => /** @type {Record<string, number>} */ (v ?? {})),
  ]);
  return {
    session: sessionOf(credit),
    credit: credit.ok ? credit.credit : null,
    error: credit.ok ? null : credit.error,
    site,
    cluster: site === 'dreamina' ? String(dreamina.region ?? '') : '',
    sites: SITE_IDS.filter((s) => signedIn[s]),
  };
}
