// @ts-check
// One cell of the workspace's grid (gallery.js): its nodes, made once and recycled, and what it shows; and the
// fling watch, which lets cells wait for their details while the user scrolls faster than a screen per 400 ms.
import { el } from '../shared/dom.js';

/** @typedef {import('./gallery.js').GridSource} GridSource */

/** A cell's nodes, made once and recycled. @param {(node: HTMLElement) => void} onBrokenPreview */
export function makeCell(onBrokenPreview) {
  const node = el(
    'div',
    { role: 'gridcell', className: 'cell' },
    el('img', { alt: '', decoding: 'async', referrerPolicy: 'no-referrer' }),
    el('span', { className: 'state-tile' }),
    el('span', { className: 'tick', ariaHidden: 'true' }),
    el('span', { className: 'star', ariaHidden: 'true', textContent: '\u2605' }),
    el('span', { className: 'badge duration', ariaHidden: 'true' }), // a video's length
    el('span', { className: 'badge site', ariaHidden: 'true' }), // the site it was made on, when not Jimeng
  );
  const img = /** @type {HTMLImageElement} */ (node.firstChild);
  img.addEventListener('error', () => onBrokenPreview(node));
  // A recycled cell must not show its previous picture while the next one loads.
  img.addEventListener('load', () => {
    img.style.visibility = '';
  });
  return node;
}

/**
 * Shows cell `i` in `node`, touching only what differs from what it showed.
 * @param {HTMLElement} node @param {number} i @param {ReturnType<GridSource['describe']>} d
 * @param {{tabbable: boolean, selected: boolean, column: number}} place
 */
export function showCell(node, i, d, { tabbable, selected, column }) {
  const [img, tile, , star, duration, site] = /** @type {HTMLElement[]} */ ([...node.children]);
  node.dataset.index = String(i);
  node.dataset.state = d.state;
  node.toggleAttribute('data-pending', !!d.pending);
  node.tabIndex = tabbable ? 0 : -1;
  if (node.ariaLabel !== d.label) node.ariaLabel = d.label;
  node.ariaSelected = String(selected);
  node.ariaColIndex = String(column);
  const image = /** @type {HTMLImageElement} */ (img);
  if (d.preview && image.getAttribute('src') !== d.preview) {
    image.style.visibility = 'hidden';
    image.src = d.preview;
  }
  image.hidden = !d.preview;
  tile.hidden = !!d.preview;
  if (!d.preview && tile.textContent !== d.label) tile.textContent = d.label;
  star.hidden = !d.favourite;
  if (duration.textContent !== (d.duration ?? '')) duration.textContent = d.duration ?? '';
  duration.hidden = !d.duration;
  node.dataset.kind = d.duration ? 'video' : 'image';
  if (site.textContent !== (d.site ?? '')) site.textContent = d.site ?? '';
  site.hidden = !d.site;
}

// A fling (faster than a screen per 400 ms) shows cards without their pictures' details: reading full jobs
// for cells that are gone a frame later would only feed the collector. When the scrolling slows or stops,
// the cells still pending are filled (`onSettled`).
/** @param {HTMLElement} scroller @param {() => void} onSettled @returns {{readonly fast: boolean}} */
export function watchFling(scroller, onSettled) {
  let fast = false;
  let lastTop = 0;
  let lastAt = 0;
  let settle = 0;
  scroller.addEventListener(
    'scroll',
    () => {
      const now = performance.now();
      const speed = Math.abs(scroller.scrollTop - lastTop) / Math.max(1, now - lastAt);
      const wasFast = fast;
      fast = speed * 400 > scroller.clientHeight;
      [lastTop, lastAt] = [scroller.scrollTop, now];
      clearTimeout(settle);
      if (fast)
        settle = setTimeout(() => {
          fast = false;
          onSettled();
        }, 150);
      else if (wasFast) onSettled();
    },
    { passive: true },
  );
  return {
    get fast() {
      return fast;
    },
  };
}
