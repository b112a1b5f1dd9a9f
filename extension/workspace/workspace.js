// @ts-check
// The workspace (a tab, or Chrome's side panel): everything the user made, as a searchable gallery. The first
// screen comes from the newest cards alone; then every card (a small summary per job) is read at once for
// search and filters. Full jobs are read only for what is on screen, and the worker sends the jobs that
// change afterwards: nothing here re-reads the history on a tick.
import { View, Ui } from '../shared/messages.js';
import { watchWorker } from '../shared/watch-port.js';
import { allCards, cardOf, jobsByIds, newestCards } from '../shared/job-store.js';
import { localise, t } from '../shared/i18n.js';
import { describeCell } from './cell-text.js';
import { setUpControls } from './workspace-controls.js';
import { createPreviewResigner } from './preview-resign.js';
import { NO_FILTER, matcher, modelsIn, viewOf } from './filters.js';
import { createGallery } from './gallery.js';
import { showInspector } from './inspector.js';
import { setUpBatches } from './batch-dialog.js';
import { setUpImport } from './import-view.js';
import { setUpDownloads } from './download-view.js';
import { ask, send, setStatusLine } from '../shared/send.js';

const FIRST_SCREEN = 120;
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
localise();
setStatusLine(document.getElementById('workspace-status'));

/** @typedef {import('../shared/job-store.js').Card} Card */
/** @type {Map<string, Card>} */
const cards = new Map();
/** The same cards, newest first, kept in order as cards come and go (never re-sorted whole). @type {Card[]} */
let ordered = [];
/** @typedef {import('../background/jobs/jobs.js').Job} Job */
/** @type {Map<string, Job>} full jobs read for the screen, kept current by the worker's changes */
const jobs = new Map();
// Full jobs are a few KB each: only the last 300 seen (some eight screens) are kept. Scrolled past, they die
// young, before the collector promotes them, which keeps its long pauses out of scrolling. Cards, a few
// hundred bytes each, are all kept.
const KEEP_JOBS = 300;
function keepJob(/** @type {Job} */ job) {
  jobs.delete(job.submitId);
  jobs.set(job.submitId, job);
  if (jobs.size > KEEP_JOBS) for (const id of [...jobs.keys()].slice(0, jobs.size - KEEP_JOBS)) jobs.delete(id);
}
/** Selected images, as "submitId:index". */
/** @type {Set<string>} */
const selection = new Set();
let filter = { ...NO_FILTER };
let view = viewOf([], filter);
let complete = false; // every card has been read
let anchor = 0; // where a shift-selection starts

const keyOf = (/** @type {number} */ i) => `${view.cards[view.card[i]].submitId}:${view.image[i]}`;
/** Puts a card in `ordered` at its place by time (a new job's place is at the front: found at once). */
function placeCard(/** @type {Card} */ card) {
  const old = cards.get(card.submitId);
  cards.set(card.submitId, card);
  if (old) {
    ordered[ordered.indexOf(old)] = card;
    return;
  }
  let i = 0;
  while (i < ordered.length && ordered[i].createdAt > card.createdAt) i++;
  ordered.splice(i, 0, card);
}
const cellsFor = (/** @type {Card} */ c) => (c.phase === 'done' && c.images > 0 ? c.images : 1);

function describe(/** @type {number} */ i) {
  const card = view.cards[view.card[i]];
  const job = jobs.get(card.submitId);
  if (!job && !gallery.scrollingFast) wantJob(card.submitId);
  return describeCell(card, job, view.image[i]);
}

// Full jobs for cells coming on screen, fetched together once per frame.
/** @type {Set<string>} */
const wanted = new Set();
let fetchQueued = false;
function wantJob(/** @type {string} */ id) {
  wanted.add(id);
  if (fetchQueued) return;
  fetchQueued = true;
  requestAnimationFrame(async () => {
    const ids = [...wanted];
    wanted.clear();
    fetchQueued = false;
    for (const job of await jobsByIds(ids)) keepJob(job);
    requestAnimationFrame(() => gallery.fillPending()); // drawn in the frame, like scrolling
  });
}

const previewBroke = createPreviewResigner({
  imageAt(i) {
    const card = view.cards[view.card[i]];
    const job = card && jobs.get(card.submitId);
    const image = job?.images?.[view.image[i]];
    return job && image?.uri ? { submitId: card.submitId, uri: image.uri, createdAt: job.createdAt } : null;
  },
  drawn: () => gallery.drawnIndices(),
  send: (items) => ask({ type: Ui.freshPreviews, items }),
});

const source = () => ({ count: view.count, describe, selected: (/** @type {string} */ key) => selection.has(key) });
let firstScreenMarked = false;
const gallery = createGallery($('grid'), {
  onCurrent: (i) => {
    const c = view.cards[view.card[i]];
    showInspector(jobs.get(c.submitId), view.image[i]);
  },
  onToggle: (i, range) => {
    const [from, to] = range ? [Math.min(anchor, i), Math.max(anchor, i)] : [i, i];
    const on = !selection.has(keyOf(i)) || range;
    for (let k = from; k <= to; k++) on ? selection.add(keyOf(k)) : selection.delete(keyOf(k));
    if (!range) anchor = i;
    showSelection();
    gallery.redraw();
  },
  onOpen: (i) => {
    const c = view.cards[view.card[i]];
    if (c.kind === 'video')
      showInspector(jobs.get(c.submitId), view.image[i], { play: true }); // plays beside the grid
    else if (c.phase === 'done') send({ type: Ui.openImage, submitId: c.submitId, index: view.image[i] }); // a refusal is said
  },
  onBrokenPreview: previewBroke,
  onSettled: () => gallery.fillPending(),
  onRendered: () => {
    if (view.count > 0 && $('grid').querySelector('.cell img')) markFirstScreen();
  },
});

/** @type {() => void} */
let firstScreenDrawn = () => {};
const firstScreen = new Promise((resolve) => {
  firstScreenDrawn = () => resolve(undefined);
});
/** The first screen is drawn (thumbnails, or the word that there is nothing yet); bench:scale reads the mark. */
function markFirstScreen() {
  if (firstScreenMarked) return;
  firstScreenMarked = true;
  performance.mark('jimeng:first-screen');
  firstScreenDrawn();
}

function summarise() {
  const jobsShown = view.cards.length;
  let videos = 0;
  for (const c of view.cards) if (c.kind === 'video' && c.phase === 'done') videos += c.images || 1;
  $('summary').textContent = !complete
    ? t('loadingAll')
    : videos
      ? t('summaryWithVideos', view.count - videos, videos, jobsShown)
      : t('summaryCount', view.count, jobsShown);
  $('empty').hidden = view.count > 0 || !complete;
}

/** Applies the search and filters to every card and shows the result from the top. */
function applyFilter() {
  view = viewOf(ordered, filter);
  gallery.show(source());
  summarise();
}

function showSelection() {
  $('selection-bar').hidden = selection.size === 0;
  $('selected-count').textContent = t('selectedCount', selection.size);
}

function fillModels() {
  const keep = $('model').value;
  $('model').replaceChildren(
    new Option(t('modelAll'), ''),
    ...modelsIn([...cards.values()]).map((m) => new Option(m.name, m.key)),
  );
  $('model').value = keep;
}

/** The worker's word on what changed: those cards and jobs are replaced, and the view recomputed. */
function watch() {
  watchWorker(onWorkerMessage, () => {});
}
function onWorkerMessage(/** @type {any} */ msg) {
  if (msg?.type === View.batchesChanged) batchList.setBatches(msg.batches);
  if (msg?.type !== View.jobsChanged) return;
  batchList.rowsChanged(msg.changed);
  // A job that only progressed (same cells, still matching) needs its cells redrawn, not a new view.
  const match = matcher(filter);
  let rebuild = msg.removed.length > 0;
  for (const job of msg.changed) {
    const card = cardOf(job);
    const old = cards.get(job.submitId);
    if (!old || cellsFor(old) !== cellsFor(card) || match(old) !== match(card)) rebuild = true;
    placeCard(card);
    keepJob(job);
    // Running jobs are the newest: these searches end near the front.
    const at = rebuild ? -1 : view.cards.findIndex((c) => c.submitId === card.submitId);
    if (at >= 0) view.cards[at] = card;
  }
  for (const id of msg.removed) {
    const old = cards.get(id);
    if (old) ordered.splice(ordered.indexOf(old), 1);
    cards.delete(id);
    jobs.delete(id);
    for (const key of [...selection]) if (key.startsWith(`${id}:`)) selection.delete(key);
  }
  if (rebuild) view = viewOf(ordered, filter);
  gallery.update(source());
  showSelection();
  summarise();
  const c = view.cards[view.card[gallery.current]];
  if (c) showInspector(jobs.get(c.submitId), view.image[gallery.current]);
}

const batchList = setUpBatches();
async function start() {
  setUpControls({
    setFilter(f) {
      filter = f;
      applyFilter();
    },
    selectAll() {
      for (let i = 0; i < view.count; i++) selection.add(keyOf(i));
      showSelection();
      gallery.redraw();
    },
    clearSelection() {
      selection.clear();
      showSelection();
      gallery.redraw();
    },
    selection,
    showSelection,
  });
  setUpImport();
  setUpDownloads(() => view.cards.map((c) => c.submitId));
  watch();
  ordered = await newestCards(FIRST_SCREEN);
  for (const c of ordered) cards.set(c.submitId, c);
  applyFilter();
  if (view.count === 0) markFirstScreen(); // nothing made yet: the empty screen is the first screen
  // Every card is read once the first screen is up: reading 50,000 first would hold that screen back.
  await Promise.race([firstScreen, new Promise((r) => setTimeout(r, 1_000))]);
  ordered = await allCards(); // newest first, from the index
  for (const c of ordered) cards.set(c.submitId, c);
  complete = true;
  batchList.rowsChanged(ordered);
  fillModels();
  view = viewOf(ordered, filter);
  gallery.update(source());
  summarise();
  if (view.count === 0) markFirstScreen();
}
start();
