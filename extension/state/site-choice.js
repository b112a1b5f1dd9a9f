// @ts-check
// The site new jobs go to, from storage alone: the one the user chose, else the one last found logged in, else
// the one whose page was seen last; null when none was seen (the worker then looks at the open tabs).
import { getMany } from './facts.js';

/** @typedef {import('./facts.js').SiteId} SiteId */
/** @typedef {import('./facts.js').FactName} FactName */

/** The facts the choice is made from (a view may read them with its own, in one go: siteFromValues takes them). */
export const SITE_CHOICE = /** @type {(FactName | [FactName, SiteId])[]} */ ([
  'chosenSite',
  'signedIn',
  ['session', 'jimeng'],
  ['session', 'dreamina'],
]);

/** @returns {Promise<SiteId | null>} */
export async function storedSite() {
  return siteFromValues(await getMany(SITE_CHOICE));
}

/** storedSite's answer from SITE_CHOICE's values, in its order. @param {any[]} values @returns {SiteId | null} */
export function siteFromValues([chosen, signedIn = {}, jimeng, dreamina]) {
  if (chosen) return chosen === 'dreamina' ? 'dreamina' : 'jimeng';
  if (signedIn.dreamina || signedIn.jimeng)
    return (signedIn.dreamina ?? 0) > (signedIn.jimeng ?? 0) ? 'dreamina' : 'jimeng';
  const seen = (/** @type {{observedAt?: number} | undefined} */ s) => Number(s?.observedAt ?? 0);
  if (!seen(dreamina) && !seen(jimeng)) return null;
  return seen(dreamina) > seen(jimeng) ? 'dreamina' : 'jimeng';
}
