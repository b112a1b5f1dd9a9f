// @ts-check
// The compose form: options follow the chosen model (from the live catalogue), the last settings are
// remembered, and the core's validation errors are shown next to the field they concern.
import { t } from '../shared/i18n.js';
import { setUpBatchCompose } from './batch-compose.js';
import { setUpReferencePicker } from '../shared/reference-picker.js';
import {
  composeKind,
  followVideoModel,
  isVideoModel,
  rememberKind,
  setUpVideoCompose,
  showKind,
} from './compose-video.js';
import { readForm, submitForm } from './compose-submit.js';
export { readForm } from './compose-submit.js';
import * as facts from '../state/facts.js';

const RATIOS = ['1:1', '3:4', '16:9', '4:3', '9:16', '2:3', '3:2', '21:9'];
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** @param {HTMLSelectElement} select @param {unknown[]} values @param {(v: any) => string} label */
function fill(select, values, label = (v) => String(v)) {
  const keep = select.value;
  select.replaceChildren(...values.map((v) => new Option(label(v), String(v))));
  if (values.map(String).includes(keep)) select.value = keep;
}

let follow = () => {};
/** @type {(kind: 'image' | 'video') => void} fills the model list with the kind's models */
let switchKind = () => {};
/** @type {ReturnType<typeof setUpReferencePicker> | null} */
let picker = null;
/** @type {(models: any[]) => void} */
let replaceModels = () => {};

/** Another site's catalogue (the popup's site switch): the form's models become its, the kind and prompt stay. */
export function useModels(/** @type {any[]} */ models) {
  if (models.length) replaceModels(models);
}

/** Puts settings (remembered defaults, or a job's whole input to reuse) into the form, model first. */
export function applySettings(/** @type {Record<string, any>} */ input) {
  switchKind(input.video ? 'video' : 'image');
  if (input.model && [...$('model').options].some((o) => o.value === input.model)) $('model').value = input.model;
  follow();
  const video = input.video ?? {};
  for (const [key, value] of Object.entries({
    resolution: video.resolution ?? input.resolution,
    ratio: input.ratio,
    count: input.count,
    negativePrompt: input.negativePrompt,
    sampleStrength: input.sampleStrength,
    durationS: video.durationS,
  }))
    if (
      value !== undefined &&
      value !== null &&
      [...($(key).options ?? [{ value }])].some((o) => o.value === String(value))
    )
      $(key).value = String(value);
  if (input.intelligentRatio !== undefined)
    $('intelligentRatio').checked = !!input.intelligentRatio && !$('intelligentRatio').disabled;
}

/** A job's whole input, handed over from the workspace: every setting, the prompt and the seed. */
export function reuseSettings(/** @type {Record<string, any>} */ input) {
  applySettings(input);
  $('seed').value = input.seed === undefined ? '' : String(input.seed);
  reusePrompt(input);
}

/** @param {Promise<{models: any[]}>} catalogue the worker's model list, asked for once by the popup */
export async function setUpCompose(catalogue) {
  /** @type {any[]} */
  let models = [];
  // A kind picked while the catalogue loads is the user's: it stands once the form is ready.
  /** @type {string | null} */
  let pickedEarly = null;
  const early = () => {
    pickedEarly = composeKind();
  };
  $('kind-switch').addEventListener('change', early);
  // Listening from the first moment: a file picked or pasted while the catalogue loads is not lost.
  picker = setUpReferencePicker({
    list: $('reference-list'),
    add: $('reference-add'),
    input: $('reference-file'),
    dropTarget: $('compose'),
    pasteTarget: $('compose'),
    count: $('reference-count'),
    limit: () => {
      const m = models.find((x) => x.key === $('model').value) ?? models[0];
      return (isVideoModel(m) ? m.maxImages : m?.inputImageLimit) ?? 0;
    },
  });
  const [{ models: list }, stored, videoSaved] = await Promise.all([
    catalogue,
    facts.get('composeDefaults'),
    setUpVideoCompose(),
  ]);
  models = list;
  /** @type {Record<string, any>} */
  const saved = stored ?? {};
  switchKind = (kind) => {
    if (!models.some(isVideoModel)) kind = 'image';
    showKind(kind);
    const mine = models.filter((m) => isVideoModel(m) === (kind === 'video'));
    if (!mine.some((m) => m.key === $('model').value))
      fill(
        $('model'),
        mine.map((m) => m.key),
        (k) => mine.find((m) => m.key === k).name,
      );
  };
  follow = () => {
    const model = models.find((m) => m.key === $('model').value) ?? models[0];
    if (isVideoModel(model)) return followVideoModel(model, fill);
    fill($('resolution'), Object.keys(model.resolutions));
    fill($('ratio'), RATIOS);
    fill($('count'), model.counts);
    $('intelligentRatio').disabled = !model.intelligentRatio;
    if (!model.intelligentRatio) $('intelligentRatio').checked = false;
  };
  applySettings(saved);
  if (!saved.count) $('count').value = $('count').querySelector('option[value="4"]') ? '4' : $('count').value;
  if (videoSaved.kind === 'video') applySettings({ ...videoSaved.saved, video: videoSaved.saved });
  $('model').addEventListener('change', follow);
  replaceModels = (list) => {
    models = list;
    $('model').replaceChildren(); // each site names its own models: none of the old list stays
    switchKind(composeKind());
    follow();
    picker?.render();
  };
  $('kind-switch').addEventListener('change', () => {
    const kind = composeKind();
    applySettings(kind === 'video' ? { ...videoSaved.saved, video: videoSaved.saved } : saved);
    rememberKind(kind);
    picker?.render();
  });
  $('kind-switch').removeEventListener('change', early);
  if (pickedEarly && pickedEarly !== composeKind()) {
    /** @type {HTMLInputElement} */ (document.querySelector(`input[name="kind"][value="${pickedEarly}"]`)).checked =
      true;
    $('kind-switch').dispatchEvent(new Event('change'));
  }

  const counter = () => {
    $('prompt-count').textContent = t('promptCounter', String([...$('prompt').value].length));
  };
  $('prompt').addEventListener('input', counter);
  counter();
  $('compose').addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    submit();
  });
  // Ctrl+Enter is the Generate button: it does nothing while the button is disabled (a submit on its way).
  $('prompt').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  });
  batchSubmit = setUpBatchCompose(readForm);
  picker.render();
  $('model').addEventListener('change', () => picker?.render());
  $('generate').disabled = false; // ready: until now a click would have submitted the bare form
  performance.mark('jimeng:interactive'); // read by npm run bench:e2e
}

export function reusePrompt(/** @type {Record<string, any>} */ input) {
  for (const key of ['prompt', 'negativePrompt']) $(key).value = input[key] ?? '';
  $('prompt').dispatchEvent(new Event('input'));
  $('prompt').focus();
}

/** @type {() => boolean} whether the compact batch took the form's submit */
let batchSubmit = () => false;

/** The form's submit: the compact batch's when it takes it, else one job (compose-submit.js). */
const submit = () => (batchSubmit() ? undefined : submitForm(picker));
