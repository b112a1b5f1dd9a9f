// @ts-check
// The background pages this extension opens itself: one per site at a time (every caller waits for the same one),
// and a fresh one to learn a site update's versions, closed again afterwards. The user's own tabs are never
// reloaded or closed.
import { SITES } from '../../shared/site.js';

/** @typedef {import('../../shared/site.js').SiteId} SiteId */

/** @type {Map<SiteId, Promise<number>>} the background tab being opened per site: every caller waits for the same one */
const opening = new Map();
/** Opens a page of the site in the background. @param {SiteId} site */
export function openOwnTab(site) {
  if (!opening.has(site))
    opening.set(
      site,
      chrome.tabs
        .create({ url: SITES[site].page, active: false })
        .then((tab) => /** @type {number} */ (tab.id))
        .finally(() => opening.delete(site)),
    );
  return /** @type {Promise<number>} */ (opening.get(site));
}

/**
 * Learns a site update's versions from a page loaded for the purpose (a page's bundle changes only when it
 * loads): a new background tab, closed again afterwards. No tab is ever reloaded: not the user's, and not one
 * we opened earlier either, which the user may since have taken up and typed in. Resolves once `fresh()` says
 * the new values have been learned, or after `timeoutMs`.
 * @param {() => Promise<boolean>} fresh
 * @param {SiteId} site
 */
export async function refreshVersionsInOwnTab(fresh, timeoutMs = 20_000, site = 'jimeng') {
  const others = (await chrome.tabs.query({ url: `${SITES[site].origin}/*` })).length;
  const opened = await openOwnTab(site);
  try {
    for (const start = Date.now(); Date.now() - start < timeoutMs;) {
      if (await fresh()) return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  } finally {
    // It goes again, unless it is the only Jimeng page left to work through or the user has switched to it.
    const tab = await chrome.tabs.get(opened).catch(() => null);
    if (tab && !tab.active && others > 0) await chrome.tabs.remove(opened).catch(() => {});
  }
}
