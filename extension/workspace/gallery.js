// @ts-check
// The workspace's virtualized grid (@tanstack/virtual-core): only the rows on screen (plus a few) exist in
// the DOM, whatever the number of images. It is an ARIA grid: arrows move, Home/End jump, space selects,
// enter opens the original; the focused cell is kept rendered and focused across scrolling.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { el } from '../shared/dom.js';
import { makeCell, showCell, watchFling } from './gallery-cell.js';

const GAP = 8;
// Tile plus gap, px: smaller in the side panel, so that a narrow panel still shows three columns.
const cellFor = (/** @type {number} */ width) => (width < 560 ? 116 : 168);

/**
 * @typedef {{count: number, describe: (i: number) => {key: string, label: string, preview: string | null, state: string,
 *   favourite: boolean, pending?: boolean, duration?: string, site?: string}, selected: (key: string) => boolean}} GridSource
 * @param {HTMLElement} scroller
 * @param {{onCurrent: (i: number) => void, onToggle: (i: number, range: boolean) => void, onOpen: (i: number) => void,
 *   onBrokenPreview: (i: number) => void, onRendered: () => void, onSettled: () => void}} on
 */
export function createGallery(scroller, on) {
  const sizer = el('div', { className: 'sizer' });
  scroller.append(sizer);
  /** @type {GridSource} */
  let source = {
    count: 0,
    describe: () => ({ key: '', label: '', preview: null, state: '', favourite: false }),
    selected: () => false,
  };
  let columns = 1;
  let cellPx = cellFor(scroller.clientWidth);
  let current = 0;
  /** @type {Map<number, HTMLElement>} */
  const rows = new Map();

  const rowCount = () => Math.ceil(source.count / columns);
  const virtualizer = new Virtualizer({
    count: 0,
    getScrollElement: () => scroller,
    estimateSize: () => cellPx,
    overscan: 4,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => renderSoon(),
  });
  // Scrolling redraws once per frame, in the frame: drawing inside the scroll event would make the next
  // scrollTop read lay the page out again (a forced layout per event).
  let frame = 0;
  const renderSoon = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  };

  // Rows and cells are recycled, never thrown away: scrolling fills the same few nodes with other images,
  // so it makes no garbage for the collector to stop the page for.
  /** @type {HTMLElement[]} */
  const spare = [];

  const newCell = () => makeCell((node) => on.onBrokenPreview(Number(node.dataset.index)));
  /** Shows cell `i` in `node`. @param {HTMLElement} node @param {number} i */
  const fillCell = (node, i) => {
    const d = source.describe(i);
    showCell(node, i, d, { tabbable: i === current, selected: source.selected(d.key), column: (i % columns) + 1 });
  };

  /** @param {HTMLElement} row @param {number} r */
  function fillRow(row, r) {
    row.ariaRowIndex = String(r + 1);
    row.style.transform = `translateY(${r * cellPx}px)`;
    while (row.childElementCount < columns) row.append(newCell());
    while (row.childElementCount > columns) /** @type {Element} */ (row.lastElementChild).remove();
    [...row.children].forEach((node, c) => {
      const i = r * columns + c;
      /** @type {HTMLElement} */ (node).hidden = i >= source.count;
      if (i < source.count) fillCell(/** @type {HTMLElement} */ (node), i);
    });
  }

  function render() {
    const items = virtualizer.getVirtualItems();
    const keep = new Set(items.map((v) => v.index));
    // The focused cell's row stays, so keyboard focus survives scrolling it out of view.
    keep.add(Math.floor(current / columns));
    for (const [r, node] of rows)
      if (!keep.has(r) || r >= rowCount()) {
        spare.push(node);
        rows.delete(r);
      }
    for (const r of keep) {
      if (r >= rowCount() || rows.has(r)) continue;
      const node = spare.pop() ?? el('div', { role: 'row', className: 'row' });
      fillRow(node, r);
      rows.set(r, node);
      if (node.parentNode !== sizer) sizer.append(node);
    }
    for (const node of spare) if (node.parentNode) node.remove();
    const height = `${rowCount() * cellPx}px`;
    if (sizer.style.height !== height) sizer.style.height = height;
    if (scroller.getAttribute('aria-rowcount') !== String(rowCount()))
      scroller.setAttribute('aria-rowcount', String(rowCount()));
    on.onRendered();
  }

  function layout() {
    cellPx = cellFor(scroller.clientWidth);
    columns = Math.max(1, Math.floor((scroller.clientWidth - GAP) / cellPx));
    scroller.style.setProperty('--tile', `${cellPx - GAP}px`);
    virtualizer.setOptions({ ...virtualizer.options, count: rowCount() });
    virtualizer.measure();
    redraw();
  }

  const currentNode = () => /** @type {HTMLElement | null} */ (sizer.querySelector(`[data-index="${current}"]`));

  /** Draws what is on screen afresh, in the same nodes (keyboard focus stays where it is). */
  function redraw() {
    const focused = sizer.contains(document.activeElement);
    for (const [r, node] of rows) if (r < rowCount()) fillRow(node, r);
    render();
    if (focused) currentNode()?.focus({ preventScroll: true });
  }

  /** @param {number} i */
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
    /** @type {Record<string, number>} */
    const moves = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: columns * 4,
      PageUp: -columns * 4,
    };
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
    const toggle =
      e.ctrlKey || e.metaKey || e.shiftKey || /** @type {HTMLElement} */ (e.target).classList.contains('tick');
    focusCell(i, { select: toggle, range: e.shiftKey });
  });
  scroller.addEventListener('dblclick', (e) => {
    const cell = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (e.target).closest('.cell'));
    if (cell) on.onOpen(Number(cell.dataset.index));
  });
  const fling = watchFling(scroller, () => on.onSettled());
  new ResizeObserver(() => layout()).observe(scroller);
  virtualizer._didMount();
  virtualizer._willUpdate();

  return {
    /** A new list (after a search or filter): back to the top. @param {GridSource} next */
    show(next) {
      source = next;
      current = 0;
      scroller.scrollTop = 0;
      layout();
    },
    /** The same list with some cells changed (a job finished, a favourite): redraw what is on screen. @param {GridSource} next */
    update(next) {
      source = next;
      current = Math.min(current, Math.max(0, next.count - 1));
      layout();
    },
    redraw,
    /** The indices of the cells drawn now (on screen and the rows kept around it). */
    drawnIndices() {
      const out = [];
      for (const r of rows.keys())
        for (let c = 0; c < columns; c++) if (r * columns + c < source.count) out.push(r * columns + c);
      return out;
    },
    /** Redraws only the cells still waiting for their jobs' details; drawn pictures stay as they are. */
    fillPending() {
      const focused = sizer.contains(document.activeElement);
      for (const node of /** @type {NodeListOf<HTMLElement>} */ (sizer.querySelectorAll('[data-pending]')))
        fillCell(node, Number(node.dataset.index));
      if (focused) currentNode()?.focus({ preventScroll: true });
      on.onRendered();
    },
    get current() {
      return current;
    },
    /** Whether the user is flinging through the grid (cells then wait for their details). */
    get scrollingFast() {
      return fling.fast;
    },
  };
}
