// @ts-check
// The two sites the extension serves (protocol §1, §9): the one place the extension names their pages. What the
// requests look like is the core's (its site table); what differs here is where pages are and what they are called.
// Dreamina's API hosts follow the account's cluster: they are learned from the page, never listed here. (Which site
// new jobs go to is the state's: state/site-choice.js.)

/** @typedef {'jimeng' | 'dreamina'} SiteId */

/** @type {Record<SiteId, {id: SiteId, origin: string, page: string, name: string, apiHostSuffix: string}>} */
export const SITES = {
  jimeng: {
    id: 'jimeng',
    origin: 'https://jimeng.jianying.com',
    page: 'https://jimeng.jianying.com/ai-tool/generate?type=image',
    name: '即梦',
    apiHostSuffix: '',
  },
  dreamina: {
    id: 'dreamina',
    origin: 'https://dreamina.capcut.com',
    page: 'https://dreamina.capcut.com/ai-tool/generate',
    name: 'Dreamina',
    apiHostSuffix: '.capcut.com',
  },
};
/** @type {SiteId[]} */
export const SITE_IDS = ['jimeng', 'dreamina'];

/** The site a page URL belongs to, or null. @param {string | undefined} url @returns {SiteId | null} */
export function siteOfUrl(url) {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return SITE_IDS.find((id) => SITES[id].origin === origin) ?? null;
  } catch {
    return null;
  }
}

/** A site id from anything (a stored value, a message): Jimeng unless it names Dreamina. @returns {SiteId} */
export const siteId = (/** @type {unknown} */ v) => (v === 'dreamina' ? 'dreamina' : 'jimeng');

/**
 * Whether a core-built request may go to `url` for `site`: Jimeng's own origin, or on Dreamina an https host of
 * its API's domain (the account's cluster) or its page (the passport call). The session never goes elsewhere.
 * @param {SiteId} site @param {string} url
 */
export function isSiteApiUrl(site, url) {
  try {
    const u = new URL(url);
    if (u.origin === SITES[site].origin) return true;
    const suffix = SITES[site].apiHostSuffix;
    return !!suffix && u.protocol === 'https:' && !u.port && u.hostname.endsWith(suffix);
  } catch {
    return false;
  }
}

/** Match patterns of the sites' pages (tab queries). */
export const SITE_PAGE_PATTERNS = SITE_IDS.map((id) => `${SITES[id].origin}/*`);
