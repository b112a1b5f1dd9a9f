// @ts-check
// The workspace's virtualized grid (@tanstack/virtual-core): only the rows on screen (plus a few) exist in
// the DOM, whatever the number of images. It is an ARIA grid: arrows move, Home/End jump, space selects,
// enter opens the original; the focused cell is kept rendered and focused across scrolling.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { el } from '../shared/dom.js';

const GAP = 8;
// Tile plus gap, px: smaller in the side panel, so that a narrow panel still shows three columns.
const cellFor = (width) => (width < 560 ? 116 : 168);

/**
 * @typedef {{count: number, describe: (i: number) => {key: string, label: string, preview: string | null, state: string,
 *   favourite: boolean, pending?: boolean}, selected: (key: string) => boolean}} GridSource
 * @param {HTMLElement} scroller
 * @param {{onCurrent: (i: number) => void, onToggle: (i: number, range: boolean) => void, onOpen: (i: number) => void,
 *   onBrokenPreview: (i: number) => void, onRendered: () => void}} on
 */
export function createGallery(scroller, on) {
  const sizer = el('div', { className: 'sizer' });
  scroller.append(sizer);
  /** @type {GridSource} */
  let source = { count: 0, describe: () => ({ key: '', label: '', preview: null, state: '', favourite: false }), selected: () => false };
  let columns = 1;
  let cell = cellFor(scroller.clientWidth);
  let current = 0;
  /** @type {Map<number, HTMLElement>} */
  const rows = new Map();

  const rowCount = () => Math.ceil(source.count / columns);
  const virtualizer = new Virtualizer({
    count: 0, getScrollElement: () => scroller, estimateSize: () => cell, overscan: 4,
    scrollToFn: elementScroll, observeElementRect, observeElementOffset, onChange: () => renderSoon(),
  });
  // Scrolling redraws once per frame, in the frame: drawing inside the scroll event would make the next
  // scrollTop read lay the page out again (a forced layout per event).
  let frame = 0;
  const renderSoon = () => { frame ||= requestAnimationFrame(() => { frame = 0; render(); }); };

  function cellNode(i) {
    const d = source.describe(i);
    const cell = el('div', { role: 'gridcell', className: 'cell', tabIndex: i === current ? 0 : -1, ariaLabel: d.label,
      ariaSelected: String(source.selected(d.key)), ariaColIndex: String((i % columns) + 1) });
    cell.dataset.index = String(i);
    cell.dataset.state = d.state;
    if (d.pending) cell.dataset.pending = '';
    if (d.preview) {
      const img = el('img', { src: d.preview, alt: '', loading: 'lazy', decoding: 'async', referrerPolicy: 'no-referrer' });
      img.addEventListener('error', () => on.onBrokenPreview(i), { once: true });
      cell.append(img);
    } else {
      cell.append(el('span', { className: 'state-tile', textContent: d.label }));
    }
    cell.append(el('span', { className: 'tick', ariaHidden: 'true' }));
    if (d.favourite) cell.append(el('span', { className: 'star', ariaHidden: 'true', textContent: '★' }));
    return cell;
  }

  function rowNode(r) {
    const row = el('div', { role: 'row', className: 'row', ariaRowIndex: String(r + 1) });
    for (let i = r * columns; i < Math.min(source.count, (r + 1) * columns); i++) row.append(cellNode(i));
    return row;
  }

  function render() {
    const items = virtualizer.getVirtualItems();
    const keep = new Set(items.map((v) => v.index));
    // The focused cell's row stays, so keyboard focus survives scrolling it out of view.
    keep.add(Math.floor(current / columns));
    for (const [r, node] of rows) if (!keep.has(r) || r >= rowCount()) { node.remove(); rows.delete(r); }
    for (const r of keep) {
      if (r >= rowCount() || rows.has(r)) continue;
      const node = rowNode(r);
      node.style.transform = `translateY(${r * cell}px)`;
      rows.set(r, node);
      sizer.append(node);
    }
    const height = `${rowCount() * cell}px`;
    if (sizer.style.height !== height) sizer.style.height = height;
    if (scroller.getAttribute('aria-rowcount') !== String(rowCount())) scroller.setAttribute('aria-rowcount', String(rowCount()));
    on.onRendered();
  }

  function layout() {
    cell = cellFor(scroller.clientWidth);
    columns = Math.max(1, Math.floor((scroller.clientWidth - GAP) / cell));
    scroller.style.setProperty('--tile', `${cell - GAP}px`);
    virtualizer.setOptions({ ...virtualizer.options, count: rowCount() });
    redraw();
  }

  const currentNode = () => /** @type {HTMLElement | null} */ (sizer.querySelector(`[data-index="${current}"]`));

  /** Draws what is on screen afresh; keyboard focus stays on the current cell. */
  function redraw() {
    const focused = sizer.contains(document.activeElement);
    for (const node of rows.values()) node.remove();
    rows.clear();
    virtualizer.measure();
    render();
    if (focused) currentNode()?.focus({ preventScroll: true });
  }

  function focusCell(i, { select = false, range = false } = {}) {
    if (source.count === 0) return;
    current = Math.max(0, Math.min(source.count - 1, i));
    virtualizer.scrollToIndex(Math.floor(current / columns), { align: 'auto' });
    redraw();
    on.onCurrent(current);
    currentNode()?.focus({ preventScroll: true });
    if (select) on.onToggle(current, range);
  }

  scroller.addEventListener('keydown', (e) => {
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, PageDown: columns * 4, PageUp: -columns * 4 };
    if (e.key in moves) focusCell(current + moves[e.key], { select: e.shiftKey, range: e.shiftKey });
    else if (e.key === 'Home') focusCell(0);
    else if (e.key === 'End') focusCell(source.count - 1);
    else if (e.key === ' ') focusCell(current, { select: true });
    else if (e.key === 'Enter') on.onOpen(current);
    else return;
    e.preventDefault();
  });
  scroller.addEventListener('click', (e) => {
    const cell = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (e.target).closest('.cell'));
    if (!cell) return;
    const i = Number(cell.dataset.index);
    const toggle = e.ctrlKey || e.metaKey || e.shiftKey || /** @type {HTMLElement} */ (e.target).classList.contains('tick');
    focusCell(i, { select: toggle, range: e.shiftKey });
  });
  scroller.addEventListener('dblclick', (e) => {
    const cell = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (e.target).closest('.cell'));
    if (cell) on.onOpen(Number(cell.dataset.index));
  });
  new ResizeObserver(() => layout()).observe(scroller);
  virtualizer._didMount();
  virtualizer._willUpdate();

  return {
    /** A new list (after a search or filter): back to the top. @param {GridSource} next */
    show(next) { source = next; current = 0; scroller.scrollTop = 0; layout(); },
    /** The same list with some cells changed (a job finished, a favourite): redraw what is on screen. @param {GridSource} next */
    update(next) { source = next; current = Math.min(current, Math.max(0, next.count - 1)); layout(); },
    redraw,
    /** Redraws only the rows still waiting for their jobs' details (cheap: the rest stays as drawn). */
    fillPending() {
      const focused = sizer.contains(document.activeElement);
      for (const [r, node] of rows) {
        if (!node.querySelector('[data-pending]')) continue;
        const fresh = rowNode(r);
        fresh.style.transform = node.style.transform;
        node.replaceWith(fresh);
        rows.set(r, fresh);
      }
      if (focused) currentNode()?.focus({ preventScroll: true });
      on.onRendered();
    },
    focus: () => focusCell(current),
    /** Indices of the cells currently drawn. */
    drawn: () => [...sizer.querySelectorAll('.cell')].map((c) => Number(/** @type {HTMLElement} */ (c).dataset.index)),
    get current() { return current; },
  };
}
