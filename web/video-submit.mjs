// A Seedance submit (protocol §7.2), read as strictly as the protocol states it: every node and key the
// 2026 web app sends, in text-to-video, first/last frame and 全能参考 (omni) form. Anything else is refused.
import { refuse } from './edits.mjs';
import { taskOfImageUri, taskPhase } from './tasks.mjs';
import { findVideoModel, isWithdrawnVideoModel, videoSize } from './video-models.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PROMPT = 800;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const keysAre = (o, keys, what) => {
  if (!o || typeof o !== 'object' || !same(Object.keys(o), keys)) refuse(1002, `common error: ${what} keys`);
};

/** Every node's id is a fresh uuid, each used once; its type is "" unless the protocol names one. */
function node(o, what, ids, type = '') {
  if (!o || typeof o !== 'object' || o.type !== type) refuse(1002, `common error: ${what}.type`);
  if (typeof o.id !== 'string' || !UUID.test(o.id) || ids.has(o.id)) refuse(1002, `common error: ${what}.id`);
  ids.add(o.id);
}

/** An image a video is made from: uploaded through ImageX, or one of our finished results, at its own size. */
function readImage(state, info, what, ids, site) {
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

function readInput(state, input, mode, ids, site) {
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
function readMetaList(meta, images, ids, site) {
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
function readMetrics(text, body, v, site, resolution) {
  let m, scene;
  try {
    m = JSON.parse(text);
    scene = JSON.parse(m.sceneOptions);
  } catch {
    refuse(1002, 'common error: metrics_extra');
  }
  const keys = [
    'isDefaultSeed',
    'originSubmitId',
    'isRegenerate',
    'enterFrom',
    'position',
    'functionMode',
    'sceneOptions',
  ];
  keysAre(m, v.mode === 'text' ? ['promptSource', ...keys] : keys, 'metrics_extra');
  if (v.mode === 'text' && m.promptSource !== 'custom') refuse(1002, 'common error: promptSource');
  if (m.originSubmitId !== body.submit_id || m.isRegenerate !== false || ![0, 1].includes(m.isDefaultSeed))
    refuse(1002, 'common error: metrics_extra');
  if (m.functionMode !== (v.mode === 'omni' ? 'omni_reference' : 'first_last_frames'))
    refuse(1002, 'common error: functionMode');
  const s = Array.isArray(scene) && scene.length === 1 ? scene[0] : null;
  // Dreamina's names the resolution, the input video's length (none: 0) and keys its VIP function by resolution (§9.5).
  const dreamina = site === 'dreamina';
  if (
    !s ||
    s.type !== 'video' ||
    s.scene !== 'BasicVideoGenerateButton' ||
    s.modelReqKey !== v.model.key ||
    s.videoDuration !== v.durationS ||
    s.reportParams?.extraVipFunctionKey !== (dreamina ? `${v.model.key}-${resolution}` : v.model.key) ||
    !same(
      s.materialTypes,
      v.images.map(() => 1),
    ) ||
    (dreamina && (s.resolution !== resolution || s.inputVideoDuration !== 0))
  )
    refuse(1002, 'common error: sceneOptions');
}

/** The video parameters of a submit whose main component is a video_base_component, or a Refusal. */
export function readVideoSubmit(state, body, draft, component, site = 'jimeng') {
  const ids = new Set();
  const params = component.abilities?.gen_video?.text_to_video_params;
  const key = params?.model_req_key;
  if (isWithdrawnVideoModel(key)) refuse(2061, 'model unavailable');
  const model = findVideoModel(key, site) ?? refuse(1000, `invalid parameter: model ${key} not found`);
  const inputs = params.video_gen_inputs;
  if (!Array.isArray(inputs) || inputs.length !== 1) refuse(1002, 'common error: video_gen_inputs');
  const mode = 'unified_edit_input' in inputs[0] ? 'omni' : 'first_frame_image' in inputs[0] ? 'frames' : 'text';
  node(draft, 'draft', ids, 'draft');
  keysAre(
    draft,
    ['type', 'id', 'min_version', 'min_features', 'is_from_tsn', 'version', 'main_component_id', 'component_list'],
    'draft',
  );
  if (
    draft.min_version !== (mode === 'omni' ? '3.3.9' : '3.0.5') ||
    !same(draft.min_features, mode === 'omni' ? ['AIGC_Video_UnifiedEdit'] : []) ||
    draft.is_from_tsn !== true ||
    draft.version !== '3.3.9' ||
    draft.component_list.length !== 1
  )
    refuse(1002, 'common error: draft');
  keysAre(
    component,
    ['type', 'id', 'min_version', 'aigc_mode', 'metadata', 'generate_type', 'abilities', 'process_type'],
    'component',
  );
  ids.add(component.id);
  if (component.min_version !== '1.0.0' || component.aigc_mode !== 'workbench' || component.process_type !== 1)
    refuse(1002, 'common error: component');
  const meta = component.metadata;
  keysAre(
    meta,
    ['type', 'id', 'created_platform', 'created_platform_version', 'created_time_in_ms', 'created_did'],
    'metadata',
  );
  node(meta, 'metadata', ids);
  if (meta.created_platform !== 3 || !/^\d{13}$/.test(meta.created_time_in_ms)) refuse(1002, 'common error: metadata');
  const abilities = component.abilities;
  keysAre(abilities, ['type', 'id', 'gen_video'], 'abilities');
  node(abilities, 'abilities', ids);
  keysAre(abilities.gen_video, ['type', 'id', 'text_to_video_params', 'video_task_extra'], 'gen_video');
  node(abilities.gen_video, 'gen_video', ids);
  keysAre(
    params,
    ['type', 'id', 'video_gen_inputs', 'video_aspect_ratio', 'seed', 'model_req_key', 'priority'],
    'text_to_video_params',
  );
  node(params, 'text_to_video_params', ids);
  if (params.priority !== 0) refuse(1000, 'invalid parameter: priority');
  if (!Number.isInteger(params.seed) || params.seed < 0 || params.seed > 0xffffffff)
    refuse(1001, 'invalid parameter: seed');
  if (!model.ratios.includes(params.video_aspect_ratio)) refuse(1000, 'invalid parameter: video_aspect_ratio');
  const input = readInput(state, inputs[0], mode, ids, site);
  if (!model.durations.includes(input.durationS)) refuse(1000, 'invalid parameter: duration');
  if (input.references.length > Math.min(model.maxImages, model.maxMaterials))
    refuse(1000, 'invalid parameter: too many materials');
  if (abilities.gen_video.video_task_extra !== body.metrics_extra) refuse(1002, 'common error: video_task_extra');
  // The resolution is the one whose benefit type the commerce info names (§7.2, §7.4).
  const commerce = body.extend?.m_video_commerce_info;
  keysAre(
    body.extend,
    site === 'dreamina'
      ? ['root_model', 'm_video_commerce_info', 'workspace_id', 'm_video_commerce_info_list']
      : ['root_model', 'm_video_commerce_info', 'm_video_commerce_info_list'],
    'extend',
  );
  keysAre(commerce, ['benefit_type', 'resource_id', 'resource_id_type', 'resource_sub_type'], 'm_video_commerce_info');
  if (body.extend.root_model !== model.key) refuse(1000, 'invalid parameter: extend.root_model');
  if (
    commerce.resource_id !== 'generate_video' ||
    commerce.resource_id_type !== 'str' ||
    commerce.resource_sub_type !== 'aigc' ||
    !same(body.extend.m_video_commerce_info_list, [commerce])
  )
    refuse(1000, 'invalid parameter: commerce info');
  const resolution =
    model.resolutions.find((r) => model.benefit[r] === commerce.benefit_type) ??
    refuse(1000, 'invalid parameter: benefit_type');
  const images = [input.first, input.last, ...input.references].filter(Boolean); // one material type (1) per image
  const v = { model, mode, durationS: input.durationS, images };
  readMetrics(body.metrics_extra, body, v, site, resolution);
  const size = videoSize(params.video_aspect_ratio, resolution);
  return {
    submitId: body.submit_id.toLowerCase(),
    kind: 'video',
    mode,
    model: model.key,
    modelName: model.name,
    prompt: input.prompt,
    negativePrompt: '',
    seed: params.seed,
    ratio: params.video_aspect_ratio,
    resolution,
    durationS: input.durationS,
    width: size.width,
    height: size.height,
    count: 1,
    cost: model.perSecond[resolution] * input.durationS,
    first: input.first,
    last: input.last,
    references: input.references,
    draftContent: body.draft_content,
    daVersion: draft.version,
  };
}
