// @ts-check
// What the download queue starts next: the files in line read a few at a time, and their links made ahead in one
// go (one settings read, one re-sign or task poll for several files) and used for up to a minute. A link is
// for one try: a file tried again after a refusal gets a new one. Whenever the line changes other than by a
// file starting (files added, put back, cancelled, retried), what was read ahead is read again.
import { nextWaiting } from '../../shared/download-store.js';

const LOOKAHEAD = 8;
const PREPARED_MS = 60_000;  // planDownloads calls a link stale 5 minutes before it expires

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {{url: string, name: string} | {error: {kind?: string, code?: string, message?: string}, stopRun?: boolean, later?: boolean}} Link */

/** @param {(files: FileEntry[]) => Promise<Map<string, Link>>} linksFor @param {() => number} now */
export function createLineAhead(linksFor, now) {
  /** The next files in line, read a few at a time; forgotten whenever the line changes other than by starting. */
  /** @type {FileEntry[]} */
  let upcoming = [];
  const changed = () => { upcoming = []; };
  async function take(/** @type {number} */ n) {
    if (upcoming.length < n) upcoming = await nextWaiting(Math.max(n, LOOKAHEAD));
    return upcoming.splice(0, n);
  }

  /** Links made ahead, by uri, with the try they were made for: a file tried again needs a new one. */
  /** @type {Map<string, {link: Link, tries: number, at: number}>} */
  const prepared = new Map();
  /** The links of `next`, made with those of the files after it when one is missing. @param {FileEntry[]} next */
  async function linksOf(next) {
    const usable = (/** @type {FileEntry} */ f) => { const p = prepared.get(f.uri); return p && p.tries === f.tries && now() - p.at < PREPARED_MS; };
    if (!next.every(usable)) {
      const batch = [...next, ...upcoming];
      const made = await linksFor(batch);
      // Nothing can be made now: said for these files only, and nothing kept.
      if ([...made.values()].some((l) => 'error' in l && (l.stopRun || l.later))) return made;
      const at = now();
      for (const f of batch) { const link = made.get(f.uri); if (link) prepared.set(f.uri, { link, tries: f.tries, at }); }
    }
    /** @type {Map<string, Link>} */
    const links = new Map();
    for (const f of next) { const p = prepared.get(f.uri); prepared.delete(f.uri); if (p) links.set(f.uri, p.link); }
    return links;
  }

  return { take, linksOf, changed };
}
