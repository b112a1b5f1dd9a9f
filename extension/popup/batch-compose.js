// @ts-check
// The popup's compact batch: with "Batch" ticked, the prompt box takes one prompt per line (with {a|b}
// variables) and every other field of the form is the batch's default. The core expands and checks the
// lines as they are typed; the summary says how many jobs, which rows have problems and the estimated cost
// against the balance; Start runs exactly the previewed rows. Files, repeats and pace are in the
// workspace's full batch dialog ("Batch…").
import { Ui } from '../shared/messages.js';
import { el } from '../shared/dom.js';
import { previewSummary, rowProblem } from '../shared/batch-preview.js';
import { t } from '../shared/i18n.js';
import { send } from '../shared/send.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const SHOWN_PROBLEMS = 3;
const NORMAL_GAP_MS = 5000;

/** @type {any} the last preview, and the input it was made of: what Start runs */
let previewed = null;
/** @type {object | null} */
let previewInput = null;
let timer = 0;
let asked = 0;

/** @param {() => Record<string, any>} readForm the compose form's fields */
function batchInput(readForm) {
  const { prompt, seed, ...defaults } = readForm(); // a fixed seed would give every row the same picture
  return { format: 'lines', text: prompt, defaults };
}

function show(/** @type {any} */ answer) {
  const summary = previewSummary(answer);
  $('batch-summary').textContent = summary.text;
  $('batch-summary').dataset.state = summary.state;
  const problems = answer.ok ? answer.rows.filter((/** @type {{error?: object}} */ r) => r.error) : [];
  $('batch-problems').replaceChildren(
    ...problems.slice(0, SHOWN_PROBLEMS).map((/** @type {any} */ r) => el('li', { textContent: rowProblem(r) })),
    ...(problems.length > SHOWN_PROBLEMS
      ? [el('li', { textContent: t('batchMoreProblems', problems.length - SHOWN_PROBLEMS) })]
      : []),
  );
  $('batch-problems').hidden = problems.length === 0;
  const startable = answer.ok && answer.valid > 0;
  $('batch-start').disabled = !startable;
  $('batch-start').textContent =
    answer.ok && answer.invalid > 0
      ? t('batchStartValid', answer.valid)
      : t('batchStart', answer.ok ? answer.valid : 0);
}

async function preview(/** @type {() => Record<string, any>} */ readForm) {
  const input = batchInput(readForm);
  const mine = ++asked;
  previewed = null;
  $('batch-start').disabled = true;
  if (!input.text.trim()) {
    $('batch-summary').textContent = '';
    $('batch-problems').hidden = true;
    return;
  }
  $('batch-summary').textContent = t('batchPreviewing');
  const answer = await send({ type: Ui.batchPreview, input }, { quiet: true });
  if (mine !== asked) return; // typed on meanwhile: a newer preview is coming
  previewed = answer.ok ? answer : null;
  previewInput = input;
  show(answer);
}

async function start() {
  const started = previewed;
  if (!started || !previewInput) return;
  previewed = null; // taken: a second click or Ctrl+Enter meanwhile finds nothing to start
  $('batch-start').disabled = true;
  const r = await send(
    {
      type: Ui.batchStart,
      validOnly: started.invalid > 0,
      concurrency: 2,
      gapMs: NORMAL_GAP_MS,
      input: { ...previewInput, now: started.now, entropy: started.entropy },
    },
    { quiet: true },
  );
  if (!r.ok) {
    previewed = started;
    show(r);
    return;
  }
  previewed = null;
  $('prompt').value = '';
  $('prompt').dispatchEvent(new Event('input'));
  $('batch-summary').textContent = t('batchStarted', r.batch.total);
  $('batch-summary').dataset.state = 'ok';
}

/** @param {() => Record<string, any>} readForm */
export function setUpBatchCompose(readForm) {
  const mode = $('batch-mode');
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => preview(readForm), 350);
  };
  const apply = () => {
    const on = mode.checked;
    document.body.classList.toggle('batch-on', on);
    for (const id of ['batch-summary', 'batch-start']) $(id).hidden = !on;
    $('batch-problems').hidden = true;
    $('generate').hidden = on;
    $('prompt').rows = on ? 6 : 3;
    $('seed').disabled = on; // each row gets its own seed
    $('prompt-count').hidden = on; // the limit is per line: a long line is named among the problems
    $('prompt').placeholder = t(on ? 'batchModePlaceholder' : 'promptPlaceholder');
    if (on) later();
  };
  mode.addEventListener('change', apply);
  $('compose').addEventListener('input', (/** @type {Event} */ e) => {
    if (mode.checked && e.target !== mode) later();
  });
  $('compose').addEventListener('change', (/** @type {Event} */ e) => {
    if (mode.checked && e.target instanceof HTMLSelectElement) later();
  });
  $('batch-start').addEventListener('click', start);
  apply();
  /** Whether the form's submit (Ctrl+Enter) belongs to the batch. */
  return () => {
    if (!mode.checked) return false;
    if (previewed) start();
    return true;
  };
}
