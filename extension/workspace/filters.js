// @ts-check
// The workspace's view of the history: the cards that pass the search and filters, in the chosen order,
// and the gallery cells they make (one per image; one for a job without images). Pure functions over the
// in-memory cards, so filtering 50,000 jobs is a few milliseconds and needs no storage read.

/** @typedef {import('../shared/job-store.js').Card} Card */
/**
 * @typedef {{query: string, state: string, model: string, from: string, to: string, favourite: boolean,
 *   sort: 'newest' | 'oldest', kind: 'all' | 'image' | 'video', source?: 'all' | 'extension' | 'jimeng', site?: 'all' | 'jimeng' | 'dreamina'}} Filter
 */
/** @type {Filter} */
export const NO_FILTER = Object.freeze({
  query: '',
  state: 'all',
  model: '',
  from: '',
  to: '',
  favourite: false,
  sort: /** @type {const} */ ('newest'),
  kind: /** @type {const} */ ('all'),
  source: /** @type {const} */ ('all'),
  site: /** @type {const} */ ('all'),
});

const DAY_MS = 86_400_000;
/** A yyyy-mm-dd day, as the user's local midnight (ms), or null. @param {string} day */
const localDay = (day) => {
  const t = day ? new Date(`${day}T00:00:00`).getTime() : NaN;
  return Number.isFinite(t) ? t : null;
};

const isRunning = (/** @type {Card} */ c) => c.phase !== 'done' && c.phase !== 'failed';

/** @param {Filter} f @returns {(c: Card) => boolean} */
export function matcher(f) {
  // Every word of the search must occur in the prompt, ignoring case (Chinese text matches as typed).
  const words = f.query
    .toLocaleLowerCase()
    .split(/[\s\u3000]+/u)
    .filter(Boolean);
  const from = localDay(f.from);
  const toDay = localDay(f.to);
  const to = toDay === null ? null : toDay + DAY_MS;
  return (c) =>
    (f.state === 'all' || (f.state === 'running' ? isRunning(c) : c.phase === f.state)) &&
    (!f.model || c.model === f.model) &&
    (f.kind === 'all' || !f.kind || (c.kind === 'video') === (f.kind === 'video')) &&
    (!f.source || f.source === 'all' || (c.source === 'jimeng') === (f.source === 'jimeng')) &&
    (!f.site || f.site === 'all' || (c.site ?? 'jimeng') === f.site) &&
    (!f.favourite || c.favourite) &&
    (from === null || c.createdAt >= from) &&
    (to === null || c.createdAt < to) &&
    (words.length === 0 || words.every((w) => c.prompt.toLocaleLowerCase().includes(w)));
}

/**
 * The cards to show (cards arrive newest first) and their cells: cell i shows image `image[i]` of card
 * `card[i]`.
 * @param {Card[]} cards @param {Filter} f
 */
export function viewOf(cards, f) {
  const shown = cards.filter(matcher(f));
  if (f.sort === 'oldest') shown.reverse();
  let total = 0;
  for (const c of shown) total += c.phase === 'done' && c.images > 0 ? c.images : 1;
  const card = new Int32Array(total);
  const image = new Uint8Array(total);
  let i = 0;
  shown.forEach((c, ci) => {
    const n = c.phase === 'done' && c.images > 0 ? c.images : 1;
    for (let k = 0; k < n; k++, i++) {
      card[i] = ci;
      image[i] = k;
    }
  });
  return { cards: shown, card, image, count: total };
}

/** The models the history holds, for the model filter. @param {Card[]} cards */
export function modelsIn(cards) {
  const names = new Map();
  for (const c of cards) if (c.model && !names.has(c.model)) names.set(c.model, c.modelName || c.model);
  return [...names].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
}
