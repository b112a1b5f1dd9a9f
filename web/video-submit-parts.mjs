// The parts of a Seedance submit (protocol §7.2) read strictly (video-submit.mjs reads the whole): each node's id
// and type, an image a video is made from, the input of each mode, and the metadata list of the images.
import { refuse } from './edits.mjs';
import { taskOfImageUri, taskPhase } from './tasks.mjs';

const MAX_PROMPT = 800;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
export const keysAre = (o, keys, what) => {
  if (!o || typeof o !== 'object' || !same(Object.keys(o), keys)) refuse(1002, `common error: ${what} keys`);
};

/** Every node's id is a fresh uuid, each used once; its type is "" unless the protocol names one. */
export function node(o, what, ids, type = '') {
  if (!o || typeof o !== 'object' || o.type !== type) refuse(1002, `common error: ${what}.type`);
  if (typeof o.id !== 'string' || !UUID.test(o.id) || ids.has(o.id)) refuse(1002, `common error: ${what}.id`);
  ids.add(o.id);
}

/** An image a video is made from: uploaded through ImageX, or one of our finished results, at its own size. */
export function readImage(state, info, what, ids, site) {
  // Dreamina's page names each image's aigc_image too (§9.5).
  keysAre(
    info,
    [
      'type',
      'id',
      'source_from',
      'platform_type',
      'name',
      'image_uri',
      'width',
      'height',
      'format',
      'uri',
      ...(site === 'dreamina' ? ['aigc_image'] : []),
    ],
    what,
  );
  node(info, what, ids, 'image');
  if (site === 'dreamina') {
    keysAre(info.aigc_image, ['type', 'id'], `${what}.aigc_image`);
    node(info.aigc_image, `${what}.aigc_image`, ids);
  }
  if (info.source_from !== 'upload' || info.platform_type !== 1 || info.name !== '' || typeof info.format !== 'string')
    refuse(1002, `common error: ${what}`);
  if (info.image_uri !== info.uri) refuse(1000, `invalid parameter: ${what}.uri`);
  const upload = state.imagex.images.get(info.uri);
  const ours = upload ? null : taskOfImageUri(state, info.uri);
  const size = upload ?? (ours && taskPhase(state, ours.task).finished > ours.index ? ours.task : null);
  if (!size) refuse(1000, `invalid parameter: ${what}: image not found`);
  if (info.width !== size.width || info.height !== size.height) refuse(1000, `invalid parameter: ${what}: size`);
  return { uri: info.uri, width: info.width, height: info.height };
}

export function readInput(state, input, mode, ids, site) {
  const base = ['type', 'id', 'min_version', 'prompt', 'video_mode', 'fps', 'duration_ms', 'idip_meta_list'];
  const frames = ['first_frame_image', 'end_frame_image'].filter((k) => k in input);
  keysAre(input, mode === 'omni' ? [...base, 'unified_edit_input'] : [...base, ...frames], 'video_gen_inputs[0]');
  node(input, 'video_gen_inputs[0]', ids);
  if (input.min_version !== (mode === 'omni' ? '3.3.9' : '3.0.5')) refuse(1002, 'common error: input min_version');
  if (input.video_mode !== 2 || input.fps !== 24 || !same(input.idip_meta_list, []))
    refuse(1002, 'common error: video input');
  if (!Number.isInteger(input.duration_ms) || input.duration_ms % 1000) refuse(1000, 'invalid parameter: duration_ms');
  const out = { prompt: input.prompt, first: null, last: null, references: [] };
  if (frames.includes('end_frame_image') && !frames.includes('first_frame_image'))
    refuse(1000, 'invalid parameter: end frame without a first frame');
  if (input.first_frame_image) out.first = readImage(state, input.first_frame_image, 'first_frame_image', ids, site);
  if (input.end_frame_image) out.last = readImage(state, input.end_frame_image, 'end_frame_image', ids, site);
  if (mode === 'omni') {
    if (input.prompt !== '') refuse(1000, 'invalid parameter: omni prompt goes in meta_list');
    const edit = input.unified_edit_input;
    keysAre(edit, ['type', 'id', 'material_list', 'meta_list'], 'unified_edit_input');
    node(edit, 'unified_edit_input', ids);
    if (!Array.isArray(edit.material_list) || edit.material_list.length < 1)
      refuse(1000, 'invalid parameter: material_list');
    for (const [i, m] of edit.material_list.entries()) {
      keysAre(m, ['type', 'id', 'material_type', 'image_info'], `material_list[${i}]`);
      node(m, `material_list[${i}]`, ids);
      if (m.material_type !== 'image') refuse(1000, 'invalid parameter: material_type');
      out.references.push(readImage(state, m.image_info, `material_list[${i}].image_info`, ids, site));
    }
    out.prompt = readMetaList(edit.meta_list, out.references.length, ids, site);
  }
  if (typeof out.prompt !== 'string' || !out.prompt.trim()) refuse(1001, 'invalid parameter: prompt is empty');
  if ([...out.prompt].length > MAX_PROMPT) refuse(1001, 'invalid parameter: prompt too long');
  return { ...out, durationS: input.duration_ms / 1000 };
}

/** 全能参考's words. Dreamina's page first names each image material in order, then the words (§9.5). */
export function readMetaList(meta, images, ids, site) {
  if (site !== 'dreamina') {
    if (
      !Array.isArray(meta) ||
      meta.length !== 1 ||
      !same(Object.keys(meta[0] ?? {}), ['meta_type', 'text']) ||
      meta[0].meta_type !== 'text'
    )
      refuse(1000, 'invalid parameter: meta_list');
    return meta[0].text;
  }
  if (!Array.isArray(meta) || meta.length !== images + 1) refuse(1000, 'invalid parameter: meta_list');
  meta.slice(0, images).forEach((m, i) => {
    keysAre(m, ['type', 'id', 'meta_type', 'text', 'material_ref'], `meta_list[${i}]`);
    node(m, `meta_list[${i}]`, ids);
    keysAre(m.material_ref, ['type', 'id', 'material_idx'], `meta_list[${i}].material_ref`);
    node(m.material_ref, `meta_list[${i}].material_ref`, ids);
    if (m.meta_type !== 'image' || m.text !== '' || m.material_ref.material_idx !== i)
      refuse(1000, 'invalid parameter: meta_list');
  });
  const text = meta[images];
  keysAre(text, ['type', 'id', 'meta_type', 'text'], 'meta_list text');
  node(text, 'meta_list text', ids);
  if (text.meta_type !== 'text') refuse(1000, 'invalid parameter: meta_list');
  return text.text;
}

/** metrics_extra: the keys in the captured order, sceneOptions naming the model, duration and materials. */
