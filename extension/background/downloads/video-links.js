// @ts-check
// Fresh links for finished videos, one request per site for all of them. On Dreamina as its page downloads
// (protocol §9.6): get_local_item_list by item id, then a plain GET of the address it names, which carries the
// watermark state the account's plan gives. Elsewhere (and for a Dreamina video stored before item ids were
// kept) the tasks are asked for again: get_history_by_ids signs their links afresh (§7.3).
import { call } from '../pages/core-instance.js';
import { siteId } from '../../shared/site.js';

const MAX_IDS = 200; // the core's limit for one request

/** @typedef {{ok: true, urls: Record<string, string>} | {ok: false, error: any}} Renewed  vid → a fresh link, or why not */

/** @param {any[]} jobs  finished video jobs (stored) @returns {Promise<Renewed>} */
export async function renewVideoLinks(jobs) {
  /** @type {Record<string, string>} */
  const urls = {};
  for (const site of new Set(jobs.map((j) => siteId(j.site)))) {
    const own = jobs.filter((j) => siteId(j.site) === site);
    const byItem =
      site === 'dreamina'
        ? own.filter((j) => j.videos?.length && j.videos.every((/** @type {any} */ v) => v.itemId && v.vid))
        : [];
    const videos = byItem.flatMap((j) => j.videos);
    for (let k = 0; k < videos.length; k += MAX_IDS) {
      const part = videos.slice(k, k + MAX_IDS);
      const r = await call('buildLocalItemList', 'parseLocalItemList', {
        itemIds: part.map((v) => String(v.itemId)),
        site,
      });
      if (!r.ok) return r;
      for (const v of part) if (r.videos[v.itemId]?.url) urls[v.vid] = r.videos[v.itemId].url;
    }
    const rest = own.filter((j) => !byItem.includes(j));
    const renewed = await viaHistory(
      rest.filter((j) => !j.pollByHistory),
      'submitIds',
      (j) => j.submitId,
      site,
      urls,
    );
    if (!renewed.ok) return renewed;
    // Listed by the site without a submit_id (marked so by the import, as the engine polls them): by history id.
    const listed = await viaHistory(
      rest.filter((j) => j.pollByHistory && j.historyId),
      'historyIds',
      (j) => String(j.historyId),
      site,
      urls,
    );
    if (!listed.ok) return listed;
  }
  return { ok: true, urls };
}

/**
 * @param {any[]} jobs @param {'submitIds' | 'historyIds'} key @param {(job: any) => string} idOf
 * @param {import('../../shared/site.js').SiteId} site @param {Record<string, string>} urls  filled in
 * @returns {Promise<Renewed>}
 */
async function viaHistory(jobs, key, idOf, site, urls) {
  for (let k = 0; k < jobs.length; k += MAX_IDS) {
    const ids = jobs.slice(k, k + MAX_IDS).map(idOf);
    const r = await call('buildHistory', 'parseHistory', { [key]: ids, site }, { [key]: ids });
    if (!r.ok) return r;
    for (const id of ids)
      for (const v of /** @type {import('../../../wasm/jimeng-core').Video[]} */ (r.tasks[id]?.videos ?? []))
        if (v.vid) urls[String(v.vid)] = v.url;
  }
  return { ok: true, urls };
}
