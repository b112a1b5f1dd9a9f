// @ts-check
// The popup form sent: one image job (its reference files uploaded by the worker first) or one video; a refusal is
// said beside the field it names, and what was sent clears the prompt and is remembered as the form's defaults.
import { Ui } from '../shared/messages.js';
import { describeError } from '../shared/job-text.js';
import { t } from '../shared/i18n.js';
import { referencesInput } from '../shared/references.js';
import { send } from '../shared/send.js';
import { askConsent } from './consent.js';
import { composeKind, videoInput, videoSubmitted } from './compose-video.js';
import * as facts from '../state/facts.js';

/** @typedef {ReturnType<typeof import('../shared/reference-picker.js').setUpReferencePicker>} Picker */
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export function readForm() {
  const seed = $('seed').value.trim();
  return {
    prompt: $('prompt').value,
    negativePrompt: $('negativePrompt').value,
    model: $('model').value,
    ratio: $('ratio').value,
    resolution: $('resolution').value,
    count: Number($('count').value),
    intelligentRatio: $('intelligentRatio').checked,
    sampleStrength: Number($('sampleStrength').value),
    ...(seed ? { seed: /^\d+$/.test(seed) ? Number(seed) : seed } : {}),
  };
}

/** @param {Picker | null} picker */
export async function submitForm(picker) {
  if ($('generate').disabled) return; // not ready yet, or a submit is on its way
  // The view names the job: the same message delivered twice is the same job, made and charged once.
  if (composeKind() === 'video') return submitVideo(picker);
  const input = /** @type {Record<string, any>} */ ({ ...readForm(), submitId: crypto.randomUUID() });
  for (const id of ['prompt-error', 'form-error']) $(id).textContent = '';
  $('generate').disabled = true;
  try {
    const refs = (await picker?.references()) ?? [];
    if (refs.length) input.references = referencesInput(refs);
    if (refs.some((r) => r.fileId)) $('reference-count').textContent = t('referencesUploading');
    const r = await send({ type: Ui.submit, input }, { quiet: true });
    if (refs.length) await picker?.render(); // the count line again, in place of "uploading"
    if (!r.ok) {
      const said = describeError(r.error);
      const text =
        r.error.field === 'references' && r.error.index !== undefined
          ? t('referenceProblem', r.error.index + 1, said)
          : said;
      $(r.error.field === 'prompt' ? 'prompt-error' : 'form-error').textContent = text;
      if (r.error.field && $(r.error.field)) $(r.error.field).setAttribute('aria-invalid', 'true');
      return;
    }
    await picker?.clear();
    // The settings, not this job: its prompt, seed, references and submit_id stay with it.
    const { prompt, seed, references, submitId, ...remember } = input;
    await facts.set('composeDefaults', remember);
    $('prompt').value = '';
    $('prompt').dispatchEvent(new Event('input'));
  } finally {
    $('generate').disabled = false;
  }
}

/** A video: the form's settings, frames and 全能参考 images; the worker uploads files, then sends it. */
/** @param {Picker | null} picker */
async function submitVideo(picker) {
  for (const id of ['prompt-error', 'form-error']) $(id).textContent = '';
  $('generate').disabled = true;
  try {
    const refs = (await picker?.references()) ?? [];
    const { uploads, ...input } = await videoInput(readForm(), refs);
    if (uploads || refs.some((r) => r.fileId)) $('reference-count').textContent = t('referencesUploading');
    const message = { type: Ui.submit, input: { ...input, submitId: crypto.randomUUID() } };
    let r = await send(message, { quiet: true });
    // A first Dreamina video: asked here, then sent again (nothing was made the first time).
    if (!r.ok && r.error?.code === 'consent_required' && (await askConsent())) r = await send(message, { quiet: true });
    await picker?.render();
    if (!r.ok) {
      $(r.error.field === 'prompt' ? 'prompt-error' : 'form-error').textContent = describeError(r.error);
      return;
    }
    await Promise.all([picker?.clear(), videoSubmitted(input)]);
    $('prompt').value = '';
    $('prompt').dispatchEvent(new Event('input'));
  } finally {
    $('generate').disabled = false;
  }
}
