// @ts-check
// The batch dialog: paste prompts or import a .txt / .csv / .json file, preview every job the core makes of
// it (variables expanded, each row checked like a single job, errors named by row and column), then start
// all of them, or only the valid ones. Nothing is sent before Start; the preview's submit_ids are the ones
// sent. Parsing and checking are the core's (expandBatch): this file only shows them.
import { Ui } from '../shared/messages.js';
import { t } from '../shared/job-text.js';
import { previewSummary, rowProblem } from '../shared/batch-preview.js';
import { el } from '../shared/dom.js';
import { createBatchList } from '../shared/batch-view.js';
import { newestBatches, openBatches } from '../shared/job-store.js';
import { BATCH_COLUMNS, saveText, toCsv } from './export.js';
import { setUpReferencePicker } from '../shared/reference-picker.js';
import { referencesInput } from '../shared/references.js';
import { ask, send } from '../shared/send.js';
import { CORE_INPUT_LIMIT_BYTES } from '../shared/core.js';
import * as facts from '../state/facts.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const FORMAT_OF = { csv: 'csv', json: 'json', txt: 'lines' };

/** @type {any} the last preview: what Start runs */
let previewed = null;
/** The batch's own reference images (every row uses them), apart from the popup's. */
const BATCH_REFERENCES = /** @type {const} */ ('batchReferences');
/** @type {ReturnType<typeof setUpReferencePicker> | null} */
let picker = null;
/** @type {Array<{fileId?: string, uri?: string}>} */
let references = [];

function input() {
  return {
    format: $('batch-format').value,
    text: $('batch-text').value,
    repeat: Number($('batch-repeat').value) || 1,
    defaults: $('batch-model').value ? { model: $('batch-model').value } : {},
    references,
  };
}

function showPreview(/** @type {any} */ answer) {
  const body = $('batch-preview').tBodies[0];
  previewed = answer.ok ? answer : null;
  $('batch-start').disabled = true;
  $('batch-start').hidden = false;
  $('batch-start-valid').hidden = true;
  const summary = previewSummary(answer);
  $('batch-summary').textContent = summary.text;
  $('batch-summary').dataset.state = summary.state;
  if (!answer.ok) {
    body.replaceChildren();
    return;
  }
  // A line that makes several jobs (variants, repeats) numbers them 3·1, 3·2, …
  const perLine = new Map();
  for (const r of answer.rows) perLine.set(r.row, (perLine.get(r.row) ?? 0) + 1);
  const seen = new Map();
  body.replaceChildren(
    ...answer.rows.map((/** @type {any} */ r) => {
      const j = r.job ?? {};
      seen.set(r.row, (seen.get(r.row) ?? 0) + 1);
      const label = perLine.get(r.row) > 1 ? `${r.row}·${seen.get(r.row)}` : String(r.row);
      const tr = el(
        'tr',
        {},
        el('td', { textContent: label }),
        el('td', { textContent: r.prompt }),
        el('td', { textContent: j.modelName ?? '' }),
        el('td', { textContent: j.ratioLabel ?? '' }),
        el('td', { textContent: j.width ? `${j.width}×${j.height}` : '' }),
        // A video row: its length where an image row has its count.
        el('td', {
          textContent: j.kind === 'video' ? t('durationSeconds', j.durationS) : j.count ? String(j.count) : '',
        }),
        el('td', { textContent: j.seed !== undefined ? String(j.seed) : '' }),
        el('td', { textContent: r.credits !== undefined ? String(r.credits) : '' }),
        el('td', { className: 'problem', textContent: rowProblem(r) }),
      );
      if (r.error) tr.dataset.error = 'true';
      return tr;
    }),
  );
  $('batch-start').textContent = t('batchStart', answer.valid);
  $('batch-start').disabled = answer.valid === 0 || answer.invalid > 0;
  $('batch-start-valid').textContent = t('batchStartValid', answer.valid);
  $('batch-start-valid').hidden = !(answer.invalid > 0 && answer.valid > 0);
  // With problems, the only way to start is the button that says only the valid rows go.
  $('batch-start').hidden = !$('batch-start-valid').hidden;
}

async function preview() {
  $('batch-summary').textContent = t('batchPreviewing'); // the first preview in a minute reads the ledger (≤ 2.5 s)
  $('batch-summary').dataset.state = '';
  showPreview(await send({ type: Ui.batchPreview, input: input() }, { quiet: true }));
}

async function start(/** @type {boolean} */ validOnly) {
  const started = previewed;
  if (!started) return;
  previewed = null; // taken: a second click meanwhile starts nothing (and the worker would answer with this batch)
  for (const id of ['batch-start', 'batch-start-valid']) $(id).disabled = true;
  if (references.some((r) => r.fileId)) $('batch-summary').textContent = t('referencesUploading');
  // Empty: now. A time: the batch waits for it (the worker holds its rows; a closed browser starts it when it opens).
  const startAt = $('batch-start-at').value ? new Date($('batch-start-at').value).getTime() : undefined;
  const r = await send(
    {
      type: Ui.batchStart,
      validOnly,
      concurrency: Number($('batch-concurrency').value),
      gapMs: Number($('batch-gap').value),
      input: { ...input(), now: started.now, entropy: started.entropy },
      ...(startAt ? { startAt } : {}),
    },
    { quiet: true },
  );
  $('batch-start-valid').disabled = false;
  if (!r.ok) {
    previewed = started;
    showPreview(r);
    return;
  }
  $('workspace-status').textContent = r.batch.startAt
    ? t(
        'batchScheduled',
        r.batch.total,
        new Date(r.batch.startAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }),
      )
    : t('batchStarted', r.batch.total);
  await picker?.clear();
  $('batch-dialog').close();
}

/** A file's type decides the format; its text goes into the box, where it can still be edited. */
async function importFile(/** @type {File} */ file) {
  const ext = /** @type {keyof typeof FORMAT_OF} */ (file.name.split('.').pop()?.toLowerCase() ?? 'txt');
  $('batch-format').value = FORMAT_OF[ext] ?? 'lines';
  // Larger than the core takes: refused as the core would refuse it, without copying megabytes into the box
  // (which took seconds to draw) and across to the worker.
  if (file.size > CORE_INPUT_LIMIT_BYTES) {
    $('batch-text').value = '';
    previewed = null;
    showPreview({ ok: false, error: { kind: 'invalid_input', code: 'input_too_large', message: '', retry: 'never' } });
    return;
  }
  $('batch-text').value = await file.text();
  await preview();
}

async function fillModels() {
  const r = await ask({ type: Ui.models });
  const models = 'ok' in r ? [] : r.models; // none when the worker could not answer: the dialog says so at Preview
  $('batch-model').append(...models.map((/** @type {{name: string, key: string}} */ m) => new Option(m.name, m.key)));
  return models;
}

/** Reference images for every row; a change makes the preview stale, like any other change. Returns the
 * model list its limit reads, filled once the catalogue is in. */
function setUpBatchReferences() {
  /** @type {any[]} */
  const models = [];
  picker = setUpReferencePicker({
    list: $('batch-reference-list'),
    add: $('batch-reference-add'),
    input: $('batch-reference-file'),
    dropTarget: $('batch-references'),
    pasteTarget: $('batch-dialog'),
    count: $('batch-reference-count'),
    key: BATCH_REFERENCES,
    limit: () => (models.find((m) => m.key === $('batch-model').value) ?? models[0])?.inputImageLimit ?? 0,
  });
  const load = async () => {
    references = referencesInput((await picker?.references()) ?? []);
    previewed = null;
    $('batch-start').disabled = true;
    $('batch-start-valid').hidden = true;
  };
  facts.watch(BATCH_REFERENCES, () => load());
  load();
  return models;
}

/** The dialog, and the list of batches above the grid (returned: the workspace feeds it job changes). */
export function setUpBatches() {
  setUpBatchDialog();
  const list = createBatchList($('batch-list'), {
    onExportFailed: async (batchId) => {
      const r = await send({ type: Ui.batchFailed, batchId }); // a refusal is said on the status line
      if (r.ok)
        saveText(toCsv(r.rows, BATCH_COLUMNS), `jimeng-failed-${batchId.slice(6, 14)}.csv`, 'text/csv;charset=utf-8');
    },
  });
  Promise.all([openBatches(), newestBatches(10)]).then(([open, newest]) => list.setBatches([...newest, ...open]));
  return list;
}

function setUpBatchDialog() {
  const dialog = $('batch-dialog');
  $('open-batch').addEventListener('click', () => {
    dialog.showModal();
    $('batch-text').focus();
  });
  $('batch-close').addEventListener('click', () => dialog.close());
  $('batch-preview-button').addEventListener('click', preview);
  $('batch-start').addEventListener('click', () => start(false));
  $('batch-start-valid').addEventListener('click', () => start(true));
  $('batch-file').addEventListener('change', (/** @type {Event} */ e) => {
    const f = /** @type {HTMLInputElement} */ (e.target).files?.[0];
    if (f) importFile(f);
  });
  // A change to the text or settings makes the preview stale: it must be made again before starting.
  $('batch-form').addEventListener('input', (/** @type {Event} */ e) => {
    if (/** @type {HTMLElement} */ (e.target).id !== 'batch-file') {
      previewed = null;
      $('batch-start').disabled = true;
      $('batch-start-valid').hidden = true;
    }
  });
  dialog.addEventListener('dragover', (/** @type {DragEvent} */ e) => e.preventDefault());
  dialog.addEventListener('drop', (/** @type {DragEvent} */ e) => {
    if ($('batch-references').contains(e.target)) return; // reference images: the picker takes them
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) importFile(f);
  });
  const models = setUpBatchReferences();
  fillModels().then((list) => {
    models.push(...list);
    picker?.render();
  });
  if (location.hash === '#batch') dialog.showModal();
}
