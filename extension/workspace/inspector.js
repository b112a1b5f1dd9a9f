// @ts-check
// The details of the current image beside the grid: a larger preview, the prompt and settings, and what can
// be done with it (open the original, download, copy the prompt, reuse every setting, favourite).
import { Ui } from '../shared/messages.js';
import { button, el } from '../shared/dom.js';
import { t } from '../shared/job-text.js';
import { jobView } from '../shared/job-view.js';
import { addResultReference, setResultFrame } from '../shared/references.js';
import { send, sendButton } from '../shared/send.js';
import { clock, videoFigure } from '../shared/video-view.js';
import * as facts from '../state/facts.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Hands the job's settings to the popup (as "edit in popup" does) and opens it, or a tab of it. */
async function reuseSettings(/** @type {Record<string, unknown>} */ input) {
  await facts.set('draftInput', input);
  try {
    await chrome.action.openPopup();
  } catch {
    await chrome.tabs.create({ url: chrome.runtime.getURL('popup/popup.html') });
  }
}

/** @param {any} job @param {number} index @param {{play?: boolean}} [options] play: a video starts at once */
export function showInspector(job, index, { play = false } = {}) {
  const box = $('inspector');
  if (!job) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const j = job.job;
  const view = jobView(job);
  const video = view.videos[index];
  const image = video ? undefined : view.images[index];
  const preview = $('inspector-preview');
  const shown = video
    ? videoFigure(view, video)
    : image
      ? el('img', { src: image.preview, alt: t('imageOf', view.prompt, index + 1), referrerPolicy: 'no-referrer' })
      : el('p', { className: 'state-tile', textContent: view.text });
  // An upscale sits beside the image it was made from.
  preview.replaceChildren(
    view.original?.preview && image
      ? el(
          'div',
          { className: 'pair' },
          el(
            'figure',
            {},
            el('img', {
              src: view.original.preview,
              alt: t('originalAlt', view.prompt),
              referrerPolicy: 'no-referrer',
            }),
            el('figcaption', { textContent: t('originalCaption', `${view.original.width}×${view.original.height}`) }),
          ),
          el(
            'figure',
            {},
            shown,
            el('figcaption', {
              textContent: t(
                'upscaledCaption',
                `${image.width || view.size.width}×${image.height || view.size.height}`,
              ),
            }),
          ),
        )
      : shown,
  );
  $('inspector-prompt').textContent = j.prompt;
  const facts = [
    [t('model'), j.modelName || j.model],
    [t('ratio'), j.ratioLabel ?? j.ratio],
    ...(view.kind === 'video' ? [[t('duration'), clock(video?.durationMs || view.durationS * 1000)]] : []),
    [t('size'), `${video?.width ?? j.width}×${video?.height ?? j.height}`],
    [t('seed'), String(j.seed)],
    [t('created'), new Date(job.createdAt).toLocaleString()],
    [t('state'), view.text],
  ];
  if (j.negativePrompt) facts.unshift([t('negativePrompt'), j.negativePrompt]);
  $('inspector-facts').replaceChildren(
    ...facts.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]),
  );
  const copy = button(t('copyPrompt'), async () => {
    await navigator.clipboard.writeText(j.prompt);
    $('workspace-status').textContent = t('copied');
  });
  $('inspector-actions').replaceChildren(
    ...[
      image && sendButton(t('openOriginal'), () => ({ type: Ui.openImage, submitId: job.submitId, index })),
      image &&
        sendButton(t('downloadImage'), () => ({
          type: Ui.downloadImages,
          items: [{ submitId: job.submitId, indices: [index] }],
        })),
      video &&
        sendButton(t('downloadImage'), () => ({
          type: Ui.downloadImages,
          items: [{ submitId: job.submitId, indices: [index] }],
        })),
      image && view.can.upscale && upscaleButton(job.submitId, index),
      image && view.can.animate && animateButton(job.submitId, index),
      image &&
        button(t('useAsReference', index + 1), async () => {
          await addResultReference(image);
          $('workspace-status').textContent = t('referenceAdded');
        }),
      image &&
        button(t('useAsFirstFrame'), async () => {
          await setResultFrame('first', image);
          $('workspace-status').textContent = t('frameSet');
        }),
      image &&
        button(t('useAsLastFrame'), async () => {
          await setResultFrame('last', image);
          $('workspace-status').textContent = t('frameSet');
        }),
      copy,
      view.can.reuse && button(t('reuseSettings'), () => reuseSettings(job.input)),
      sendButton(
        job.favourite ? t('unfavourite') : t('favourite'),
        () => ({ type: Ui.favourite, submitIds: [job.submitId], favourite: !job.favourite }),
        { ariaPressed: String(!!job.favourite) },
      ),
    ].filter(Boolean),
  );
  if (video && play) /** @type {HTMLElement | null} */ (preview.querySelector('.video-poster'))?.click();
}

/** 动起来: this image as the first frame of a video (nothing uploaded); asked again, the same video job. */
function animateButton(/** @type {string} */ submitId, /** @type {number} */ index) {
  const b = button(t('animateImage', index + 1), async () => {
    const r = await send({ type: Ui.animate, submitId, index, from: 'workspace' }, { busy: b });
    if (r.ok && !r.existing) $('workspace-status').textContent = t('animateStarted', 1);
  });
  return b;
}

/** 超清: busy until the worker answers (asked again, it answers with the same child job), then says so. */
function upscaleButton(/** @type {string} */ submitId, /** @type {number} */ index) {
  const b = button(t('upscaleImage', index + 1), async () => {
    const r = await send({ type: Ui.upscale, submitId, index }, { busy: b });
    if (r.ok && !r.existing) $('workspace-status').textContent = t('upscaleStarted');
  });
  return b;
}
