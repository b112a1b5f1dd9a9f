// /mweb/v1/aigc_draft/generate's body read as strictly as the protocol states it (§4): an image, a blend, an
// upscale or (video-submit.mjs) a video; anything else is refused. generate.mjs charges and makes the task.
import { CREDITS_PER_IMAGE, findModel } from './models.mjs';
import { readBlend, readUpscale, refuse } from './edits.mjs';
import { readVideoSubmit } from './video-submit.mjs';
import { DREAMINA_AID } from './dreamina.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PROMPT = 800;
const DEFAULT_COUNT = 4;

const isInt = (v) => Number.isInteger(v);

function parseJsonString(value, what) {
  if (typeof value !== 'string') refuse(1002, `common error: ${what} must be a JSON string`);
  try {
    return JSON.parse(value);
  } catch {
    return refuse(1002, `common error: ${what} is not valid JSON`);
  }
}

/** Reads the body into the parameters of a task, or throws a Refusal. */
export function readSubmit(body, state, site = 'jimeng') {
  if (!body || typeof body !== 'object') refuse(1002, 'common error: body');
  if (typeof body.submit_id !== 'string' || !UUID.test(body.submit_id)) refuse(1000, 'invalid parameter: submit_id');
  if (body.http_common_info?.aid !== (site === 'dreamina' ? DREAMINA_AID : 513695))
    refuse(1000, 'invalid parameter: http_common_info.aid');
  const metrics = parseJsonString(body.metrics_extra, 'metrics_extra');
  const draft = parseJsonString(body.draft_content, 'draft_content');
  if (draft?.type !== 'draft' || !Array.isArray(draft.component_list)) refuse(1002, 'common error: draft_content');
  const component = draft.component_list.find((c) => c?.id === draft.main_component_id);
  if (component?.type === 'video_base_component' && component.generate_type === 'gen_video') {
    // Dreamina asks for the user's consent to its AIGC rules before a first video (§9.5).
    if (site === 'dreamina' && !state.dreamina.consented) refuse(1000, 'aigc compliance not confirmed');
    return readVideoSubmit(state, body, draft, component, site);
  }
  const kind = component?.generate_type;
  // Dreamina's image page sends no commerce info and no sceneOptions: with either, 3018 (§9.5, reported).
  if (
    site === 'dreamina' &&
    (body.extend?.m_video_commerce_info ||
      metrics?.sceneOptions !== undefined ||
      !('workspace_id' in (body.extend ?? {})))
  )
    refuse(3018, 'permission denied');
  if (
    !component ||
    component.type !== 'image_base_component' ||
    !['generate', 'blend', 'normal_hd', 'pro_hd'].includes(kind)
  )
    refuse(1002, 'common error: main component');
  if (kind === 'normal_hd' || kind === 'pro_hd') return readUpscaleSubmit(body, state, draft, component);
  const blend =
    kind === 'blend'
      ? readBlend(
          state,
          draft,
          component,
          findModel(component.abilities?.blend?.core_param?.model) ??
            refuse(1000, 'invalid parameter: model not found'),
        )
      : null;
  const core = blend ? blend.core : component.abilities?.generate?.core_param;
  if (!core || typeof core !== 'object') refuse(1002, 'common error: core_param');

  const model = findModel(core.model);
  if (!model) refuse(1000, `invalid parameter: model ${core.model} not found`);
  if (body.extend?.root_model !== core.model) refuse(1000, 'invalid parameter: extend.root_model');
  if (typeof core.prompt !== 'string' || !core.prompt.trim()) refuse(1001, 'invalid parameter: prompt is empty');
  if ([...core.prompt].length > MAX_PROMPT) refuse(1001, 'invalid parameter: prompt too long');
  if (typeof (core.negative_prompt ?? '') !== 'string') refuse(1001, 'invalid parameter: negative_prompt');
  // Dreamina's page draws unsigned 32-bit seeds (§9.5: it sent 3116626725); Jimeng's stay signed.
  if (!isInt(core.seed) || core.seed < 0 || core.seed > (site === 'dreamina' ? 4294967295 : 2147483647))
    refuse(1001, 'invalid parameter: seed');
  if (typeof core.sample_strength !== 'number' || core.sample_strength < 0 || core.sample_strength > 1)
    refuse(1001, 'invalid parameter: sample_strength');
  if (!isInt(core.image_ratio) || core.image_ratio < 1 || core.image_ratio > 8)
    refuse(1000, 'invalid parameter: image_ratio');
  if (core.intelligent_ratio === true && !model.intelligentRatio) refuse(1000, 'invalid parameter: intelligent_ratio');

  const info = core.large_image_info;
  const table = model.resolutions[info?.resolution_type];
  const size = table?.[core.image_ratio];
  if (!size || info.width !== size.width || info.height !== size.height)
    refuse(1000, 'invalid parameter: large_image_info');

  // The service reads the image count from gen_option only; anywhere else it is ignored.
  const genOption = component.abilities?.gen_option;
  const count = genOption?.gen_count ?? DEFAULT_COUNT;
  if (!isInt(count) || !model.counts.includes(count)) refuse(1001, 'invalid parameter: gen_count');

  return {
    submitId: body.submit_id.toLowerCase(),
    model: model.key,
    modelName: model.name,
    prompt: core.prompt,
    negativePrompt: core.negative_prompt ?? '',
    seed: core.seed,
    ratio: core.image_ratio,
    resolution: info.resolution_type,
    width: size.width,
    height: size.height,
    count,
    cost: CREDITS_PER_IMAGE[info.resolution_type] * count,
    draftContent: body.draft_content,
    daVersion: draft.version,
    colours: blend?.colours,
    kind,
  };
}

/** 超清 / 智能超清: one image, the source's picture at 4096 px, charged by the tool. */
function readUpscaleSubmit(body, state, draft, component) {
  const up = readUpscale(state, draft, component);
  const src = up.source.task;
  if (body.extend?.root_model !== src.model) refuse(1000, 'invalid parameter: extend.root_model');
  return {
    submitId: body.submit_id.toLowerCase(),
    model: src.model,
    modelName: src.modelName,
    prompt: src.prompt,
    negativePrompt: '',
    seed: src.seed,
    ratio: src.ratio,
    resolution: '4k',
    width: up.width,
    height: up.height,
    count: 1,
    cost: up.cost,
    draftContent: body.draft_content,
    daVersion: draft.version,
    colours: src.colours,
    kind: up.kind,
    sourceIndex: up.source.index,
  };
}

/** @returns {{ret:string, errmsg:string} | {task: object}} */
