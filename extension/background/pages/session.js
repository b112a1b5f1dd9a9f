// @ts-check
// The session values learned from each site's page requests. The newest observation wins over older ones and
// over the core's built-in defaults, so a site update that bumps its versions does not break us. On Dreamina the
// page also says where the account's cluster is and who the device and account are (protocol §9): kept as the page
// sent them, never guessed. Which site a new job spends on: the user's choice, else the site seen last.
import { SITE_PAGE_PATTERNS, siteId, siteOfUrl } from '../../shared/site.js';
import { storedSite } from '../../state/site-choice.js';
import * as facts from '../../state/facts.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */
const KEYS = [
  'webId',
  'daVersion',
  'webVersion',
  'appVersion',
  'apiOrigin',
  'commerceOrigin',
  'region',
  'loc',
  'storeCountry',
  'lan',
  'did',
];

/** @typedef {{observedAt?: number, [key: string]: string | number | undefined}} Learned */
/** @returns {Promise<Learned>} */
export async function loadSession(/** @type {SiteId} */ site = 'jimeng') {
  return /** @type {Learned} */ ((await facts.get('session', site)) ?? {});
}

export async function saveSession(
  /** @type {Record<string, unknown>} */ values,
  observedAt = Date.now(),
  /** @type {SiteId} */ site = 'jimeng',
) {
  const current = await loadSession(site);
  if ((current.observedAt ?? 0) > observedAt) return;
  const clean = Object.fromEntries(
    Object.entries(values ?? {}).filter(([k, v]) => KEYS.includes(k) && typeof v === 'string' && v.length < 128),
  );
  await facts.set('session', { ...current, ...clean, observedAt }, site);
}

/** The core's `session` input for a site: its learned values, and on Dreamina the site itself. */
export async function sessionInput(/** @type {SiteId} */ site) {
  const { observedAt, ...values } = await loadSession(site);
  return site === 'jimeng' ? values : { ...values, site };
}

/**
 * The site new jobs go to: the one the user chose, else the one whose page was seen last, else (nothing learned
 * yet: just installed) the one whose pages are open. @returns {Promise<SiteId>}
 */
export async function currentSite() {
  const stored = await storedSite();
  if (stored) return stored;
  const open = await chrome.tabs.query({ url: SITE_PAGE_PATTERNS });
  return open.length && open.every((tab) => siteOfUrl(tab.url) === 'dreamina') ? 'dreamina' : 'jimeng';
}

export async function chooseSite(/** @type {unknown} */ site) {
  await facts.set('chosenSite', siteId(site));
}
