// A Seedance submit (protocol §7.2), read as strictly as the protocol states it: every node and key the
// 2026 web app sends, in text-to-video, first/last frame and 全能参考 (omni) form. Anything else is refused.
import { refuse } from './edits.mjs';
import { findVideoModel, isWithdrawnVideoModel, videoSize } from './video-models.mjs';
import { keysAre, node, readInput, same } from './video-submit-parts.mjs';

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
