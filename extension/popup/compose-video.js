// @ts-check
// The compose form's 图片 / 视频 switch and its video half: model, length, ratio and resolution from the video
// catalogue; first and last frame pickers (file, drop, paste); the form's reference images become 全能参考
// materials (at most the model's limit). The choice of kind and the last video settings are remembered.
import { setUpReferencePicker } from '../shared/reference-picker.js';
import { videoImagesInput } from '../shared/references.js';
import { t } from '../shared/i18n.js';
import * as facts from '../state/facts.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
/** @typedef {import('../../wasm/jimeng-core').VideoModelInfo} VideoModelInfo */
export const isVideoModel = (/** @type {any} */ m) => m?.kind === 'video';

/** @type {Array<ReturnType<typeof setUpReferencePicker>>} first frame, last frame */
let frames = [];

/** The form's kind: what the switch says. */
export const composeKind = () =>
  /** @type {'image' | 'video'} */ (
    document.querySelector('input[name="kind"]:checked')?.getAttribute('value') ?? 'image'
  );

/** Shows the fields of one kind and hides the other's (the batch box is for images). */
export function showKind(/** @type {'image' | 'video'} */ kind) {
  /** @type {HTMLInputElement} */ (document.querySelector(`input[name="kind"][value="${kind}"]`)).checked = true;
  for (const node of document.querySelectorAll('.image-only'))
    /** @type {HTMLElement} */ (node).hidden = kind === 'video';
  for (const node of document.querySelectorAll('.video-only'))
    /** @type {HTMLElement} */ (node).hidden = kind !== 'video';
  $('prompt').placeholder = t(kind === 'video' ? 'promptPlaceholderVideo' : 'promptPlaceholder');
  if (kind === 'video' && $('batch-mode').checked) {
    $('batch-mode').checked = false;
    $('batch-mode').dispatchEvent(new Event('change'));
  }
}

/** The options of a video model: lengths ("5 秒"), ratios, resolutions. @param {VideoModelInfo} model
 *  @param {(select: HTMLSelectElement, values: unknown[], label?: (v: any) => string) => void} fill */
export function followVideoModel(model, fill) {
  const before = Number($('durationS').value);
  fill($('durationS'), model.durations, (s) => t('durationSeconds', s));
  // 5 s unless another length was chosen: the web app's default, and the usual price point.
  if (!model.durations.includes(before) && model.durations.includes(5)) $('durationS').value = '5';
  fill($('ratio'), model.ratios);
  fill($('resolution'), model.resolutions);
}

/** The frame pickers, and the remembered kind and video settings. @returns {Promise<{kind: 'image' | 'video', saved: Record<string, any>}>} */
export async function setUpVideoCompose() {
  frames = ['first', 'last'].map((which) =>
    setUpReferencePicker({
      list: $(`${which}-frame-list`),
      add: $(`${which}-frame-add`),
      input: $(`${which}-frame-file`),
      dropTarget: $(`${which}-frame-box`),
      pasteTarget: $(`${which}-frame-add`),
      count: $(`${which}-frame-count`),
      limit: () => 1,
      key: `draft${which === 'first' ? 'First' : 'Last'}Frame`,
      single: true,
    }),
  );
  const [kind, saved, ...drafts] = await facts.getMany([
    'composeKind',
    'videoDefaults',
    'draftFirstFrame',
    'draftLastFrame',
  ]);
  // A frame put here from the workspace ("use as first frame") opens the form on 视频.
  const framed = drafts.some((list) => Array.isArray(list) && list.length > 0);
  return {
    kind: framed || kind === 'video' ? 'video' : 'image',
    saved: /** @type {Record<string, any>} */ (saved ?? {}),
  };
}

/** The video half of a submit: the form's settings, and its frames and references as the worker takes them. */
export async function videoInput(
  /** @type {Record<string, any>} */ form,
  /** @type {import('../shared/references.js').DraftReference[]} */ refs,
) {
  const [first, last] = await Promise.all(frames.map((p) => p.references()));
  const video = {
    durationS: Number($('durationS').value),
    resolution: $('resolution').value,
    ...(first.length ? { firstFrame: videoImagesInput(first)[0] } : {}),
    ...(last.length ? { lastFrame: videoImagesInput(last)[0] } : {}),
    ...(refs.length ? { references: videoImagesInput(refs) } : {}),
  };
  const { prompt, model, ratio, seed } = form;
  return { prompt, model, ratio, ...(seed !== undefined ? { seed } : {}), video, uploads: first.length + last.length };
}

/** After a video was made: the frames are cleared, the settings and the kind remembered. */
export async function videoSubmitted(/** @type {Record<string, any>} */ input) {
  await Promise.all(frames.map((p) => p.clear()));
  const { durationS, resolution } = input.video;
  await facts.setMany([
    ['composeKind', 'video'],
    ['videoDefaults', { model: input.model, ratio: input.ratio, durationS, resolution }],
  ]);
}

export const rememberKind = (/** @type {'image' | 'video'} */ kind) => facts.set('composeKind', kind);
