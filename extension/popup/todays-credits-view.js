// @ts-check
// The popup's line about today's free credits (protocol §11): "50 free credits expire at 23:59", or why today's
// claim was refused. Drawn from what is stored (the balance, today's claim), again whenever either changes.
import { t } from '../shared/i18n.js';
import { describeError } from '../shared/job-text.js';
import { dayOf, todaysCredits } from '../shared/todays-credits.js';
import * as facts from '../state/facts.js';

/** @typedef {import('../shared/site.js').SiteId} SiteId */
/** @type {{site: SiteId, credit: any}} what the header shows now */
let shown = { site: 'jimeng', credit: null };

/** @param {SiteId} site @param {any} credit the site's balance as the header shows it */
export async function showTodaysCredits(site, credit) {
  shown = { site, credit };
  const today = await todaysCredits(site, credit);
  if (shown.site !== site || shown.credit !== credit) return; // the header moved on meanwhile
  const line = /** @type {HTMLElement} */ (document.getElementById('todays-credits'));
  line.hidden = !today;
  if (!today) return;
  line.dataset.state = today.refused ? 'refused' : 'expiring';
  if (today.refused) {
    // The security check's own words say "try again later", which today's claim will not: it has its own.
    line.textContent =
      today.refused.kind === 'risk_control'
        ? t('dailyClaimBlocked')
        : t('dailyClaimRefused', describeError(today.refused, site).replace(/[。.]$/, ''));
    return;
  }
  const at = new Date(/** @type {{at: number}} */ (today.expiring).at);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const credits = String(/** @type {{credits: number}} */ (today.expiring).credits);
  line.textContent =
    dayOf(at.getTime()).name === dayOf(Date.now()).name
      ? t('giftExpiresToday', credits, time)
      : t('giftExpires', credits, `${at.toLocaleDateString()} ${time}`);
}

/** Redraws the line when the balance or a claim changes (the worker claims while the popup is open). */
export function followTodaysCredits() {
  facts.watch('credit', (credit) => {
    if (credit?.site === shown.site) showTodaysCredits(shown.site, credit);
  });
  for (const site of /** @type {SiteId[]} */ (['jimeng', 'dreamina']))
    facts.watch(
      'dailyClaim',
      () => {
        if (shown.site === site) showTodaysCredits(site, shown.credit);
      },
      site,
    );
}
