// @ts-check
// 每日免费积分 / today's free credits (protocol §11). With the setting on, each site's are claimed once a day, while
// a page of that site is open (the claim goes through it, as the page's own would; no page is opened for it). A
// refusal (-4, anti-bot) is said and not tried again that day; a claim that could not be sent (no page, the
// network) is tried at the next chance: the hourly alarm, or a popup opening. The day is the user's own (the time
// zone sent, and the day's end in it, are the browser's).
import { call } from '../pages/core-instance.js';
import { refreshCredit } from './scheduler.js';
import { currentSite } from '../pages/session.js';
import { loadSettings } from '../../shared/settings.js';
import { SITES, SITE_IDS } from '../../shared/site.js';
import * as facts from '../../state/facts.js';
import { dayOf } from '../../shared/todays-credits.js';

export const DAILY_ALARM = 'jimeng-daily';

/** The alarm is there while the setting is on. */
export async function scheduleDailyClaims() {
  if ((await loadSettings()).claimDaily) chrome.alarms.create(DAILY_ALARM, { periodInMinutes: 60 });
  else chrome.alarms.clear(DAILY_ALARM);
}

/** @type {Promise<Record<string, string>> | null} a claim under way: a second caller waits for it, never claims twice */
let claiming = null;
/**
 * Claims today's credits on each site not yet claimed today. @param {number} now (the tests move the day on)
 * @returns {Promise<Record<string, string>>} per site: received | already | refused | done_today | no_page | later | off
 */
export function claimToday(now = Date.now()) {
  claiming ??= claimEach(now).finally(() => {
    claiming = null;
  });
  return claiming;
}

async function claimEach(/** @type {number} */ now) {
  const on = (await loadSettings()).claimDaily;
  const day = dayOf(now);
  /** @type {Record<string, string>} */
  const out = {};
  for (const site of SITE_IDS) {
    if (!on) {
      out[site] = 'off';
      continue;
    }
    if ((await facts.get('dailyClaim', site))?.day === day.name) {
      out[site] = 'done_today';
      continue;
    }
    if (!(await chrome.tabs.query({ url: `${SITES[site].origin}/*` })).length) {
      out[site] = 'no_page';
      continue;
    }
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const r = await call('buildCreditReceive', 'parseCreditReceive', { timeZone, site }, { dayEndsAt: day.end });
    if (r.ok) {
      await facts.set(
        'dailyClaim',
        { day: day.name, received: r.received, quota: r.quota, expiresAt: r.expiresAt || day.end, at: now },
        site,
      );
      if (r.received) await refreshCredit(site, { store: site === (await currentSite()) });
      out[site] = r.received ? 'received' : 'already';
    } else if (r.error.retry === 'never') {
      // Risk control (or a refusal that will not change today): said in the popup, asked again tomorrow.
      await facts.set('dailyClaim', { day: day.name, refused: r.error, at: now }, site);
      out[site] = 'refused';
    } else out[site] = 'later';
  }
  return out;
}
