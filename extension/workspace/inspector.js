// @ts-check
// The details of the current image beside the grid: a larger preview, the prompt and settings, and what can
// be done with it (open the original, download, copy the prompt, reuse every setting, favourite).
import { Ui } from '../shared/messages.js';
import { button, el } from '../shared/dom.js';
import { stateText, t } from '../shared/job-text.js';
import { addResultReference } from '../shared/references.js';
import { send, sendButton } from '../shared/send.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Hands the job's settings to the popup (as "edit in popup" does) and opens it, or a tab of it. */
async function reuseSettings(input) {
  await chrome.storage.session.set({ draftInput: input });
  try {
    await chrome.action.openPopup();
  } catch {
    await chrome.tabs.create({ url: chrome.runtime.getURL('popup/popup.html') });
  }
}

/** @param {any} job @param {number} index */
export function showInspector(job, index) {
  const box = $('inspector');
  if (!job) { box.hidden = true; return; }
  box.hidden = false;
  const j = job.job;
  const image = job.images?.[index];
  const preview = $('inspector-preview');
  const shown = image ? el('img', { src: image.preview, alt: t('imageOf', j.prompt, index + 1), referrerPolicy: 'no-referrer' })
    : el('p', { className: 'state-tile', textContent: stateText(job) });
  const parent = job.origin?.parent;
  // An upscale sits beside the image it was made from.
  preview.replaceChildren(j.upscale && parent?.preview && image ? el('div', { className: 'pair' },
    el('figure', {}, el('img', { src: parent.preview, alt: t('originalAlt', j.prompt), referrerPolicy: 'no-referrer' }),
      el('figcaption', { textContent: t('originalCaption', `${parent.width}×${parent.height}`) })),
    el('figure', {}, shown, el('figcaption', { textContent: t('upscaledCaption', `${image.width || j.width}×${image.height || j.height}`) })))
    : shown);
  $('inspector-prompt').textContent = j.prompt;
  const facts = [[t('model'), j.modelName || j.model], [t('ratio'), j.ratioLabel], [t('size'), `${j.width}×${j.height}`],
    [t('seed'), String(j.seed)], [t('created'), new Date(job.createdAt).toLocaleString()], [t('state'), stateText(job)]];
  if (j.negativePrompt) facts.unshift([t('negativePrompt'), j.negativePrompt]);
  $('inspector-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]));
  const copy = button(t('copyPrompt'), async () => {
    await navigator.clipboard.writeText(j.prompt);
    $('workspace-status').textContent = t('copied');
  });
  $('inspector-actions').replaceChildren(...[
    image && sendButton(t('openOriginal'), () => ({ type: Ui.openImage, submitId: job.submitId, index })),
    image && sendButton(t('downloadImage'), () => ({ type: Ui.downloadImages, items: [{ submitId: job.submitId, indices: [index] }] })),
    image && !j.upscale && upscaleButton(job.submitId, index),
    image && button(t('useAsReference', index + 1), async () => {
      await addResultReference(image);
      $('workspace-status').textContent = t('referenceAdded');
    }),
    copy,
    !j.upscale && button(t('reuseSettings'), () => reuseSettings(job.input)),  // an upscale has no settings of its own
    sendButton(job.favourite ? t('unfavourite') : t('favourite'), () => ({ type: Ui.favourite, submitIds: [job.submitId], favourite: !job.favourite }),
      { ariaPressed: String(!!job.favourite) }),
  ].filter(Boolean));
}

/** 超清: busy until the worker answers (asked again, it answers with the same child job), then says so. */
function upscaleButton(/** @type {string} */ submitId, /** @type {number} */ index) {
  const b = button(t('upscaleImage', index + 1), async () => {
    const r = await send({ type: Ui.upscale, submitId, index }, { busy: b });
    if (r.ok) $('workspace-status').textContent = t('upscaleStarted');
  });
  return b;
}
