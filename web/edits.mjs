// The two drafts besides text-to-image, read as strictly as the rest (protocol §4.3, §4.5):
// "blend" (reference images) and the post-edit upscales 超清 (normal_hd, 13) and 智能超清 (pro_hd, 35).
import { baseColour } from './png.mjs';
import { taskOfImageUri, taskPhase } from './tasks.mjs';

const UPSCALES = { normal_hd: { code: 13, cost: 9 }, pro_hd: { code: 35, cost: 12 } };
const MULTI_VERSION = '3.2.9';
const TARGET_EDGE = 4096;

export class Refusal extends Error {
  constructor(ret, errmsg) {
    super(errmsg);
    this.ret = String(ret);
  }
}
export const refuse = (ret, errmsg) => {
  throw new Refusal(ret, errmsg);
};
const isNode = (n) => n && typeof n === 'object' && n.type === '' && typeof n.id === 'string' && n.id.length > 0;

/** A reference's colour: an upload's dominant colour, or the base colour of one of our own results. */
function referenceColour(state, uri) {
  const upload = state.imagex.images.get(uri);
  if (upload) return upload.colour;
  const found = taskOfImageUri(state, uri);
  if (found && taskPhase(state, found.task).finished > found.index)
    return found.task.colours?.[0] ?? baseColour(found.task.seed, found.index);
  return null;
}

/** The blend ability: its core_param (as text-to-image without negative_prompt, seed and generate_type) and
 * the colours of its references, in order. */
export function readBlend(state, draft, component, model) {
  const blend = component.abilities?.blend;
  if (!isNode(blend) || !Array.isArray(blend.ability_list) || !Array.isArray(blend.prompt_placeholder_info_list))
    refuse(1002, 'common error: blend');
  const list = blend.ability_list;
  const n = list.length;
  if (n < 1) refuse(1000, 'invalid parameter: ability_list is empty');
  if (n > model.inputImageLimit)
    refuse(1000, `invalid parameter: ${model.name} takes at most ${model.inputImageLimit} images`);
  const version = n >= 2 ? MULTI_VERSION : undefined;
  if (version && (draft.min_version !== version || blend.min_version !== version))
    refuse(1002, 'common error: min_version for several images');
  const core = blend.core_param;
  if (!isNode(core)) refuse(1002, 'common error: core_param');
  for (const key of ['negative_prompt', 'seed', 'generate_type'])
    if (key in core) refuse(1000, `invalid parameter: ${key} in a blend`);
  const marks = '##'.repeat(n);
  if (typeof core.prompt !== 'string' || !core.prompt.startsWith(marks) || core.prompt.startsWith(`${marks}##`))
    refuse(1000, 'invalid parameter: prompt must start with ## once per image');
  const colours = list.map((a, i) => {
    const uri = a?.image_uri_list?.[0];
    const image = a?.image_list?.[0];
    if (
      !isNode(a) ||
      a.name !== 'byte_edit' ||
      typeof uri !== 'string' ||
      a.image_uri_list.length !== 1 ||
      image?.type !== 'image' ||
      image.image_uri !== uri ||
      image.uri !== uri ||
      typeof a.strength !== 'number' ||
      a.strength < 0 ||
      a.strength > 1
    )
      refuse(1000, `invalid parameter: ability_list[${i}]`);
    if (blend.prompt_placeholder_info_list[i]?.ability_index !== i)
      refuse(1000, `invalid parameter: prompt_placeholder_info_list[${i}]`);
    const colour = referenceColour(state, uri);
    if (!colour) refuse(1000, `invalid parameter: image ${uri} not found (upload it and commit it first)`);
    return colour;
  });
  if (blend.prompt_placeholder_info_list.length !== n) refuse(1000, 'invalid parameter: prompt_placeholder_info_list');
  if (!isNode(blend.postedit_param) || blend.postedit_param.generate_type !== 0)
    refuse(1000, 'invalid parameter: postedit_param');
  return { core: { ...core, prompt: core.prompt.slice(marks.length), negative_prompt: '', seed: 0 }, colours };
}

/** An upscale of one finished image of ours: the same picture, 4096 px on its long edge. */
export function readUpscale(state, draft, component) {
  const kind = component.generate_type;
  const tool = UPSCALES[kind];
  const edit = component.abilities?.[kind];
  if (draft.min_version !== MULTI_VERSION || !isNode(edit) || !isNode(edit.postedit_param))
    refuse(1002, 'common error: post-edit draft');
  const post = edit.postedit_param;
  if (post.generate_type !== tool.code) refuse(1000, 'invalid parameter: postedit_param.generate_type');
  if (tool.code === 35 && post.hd_scene_type !== 'auto') refuse(1000, 'invalid parameter: hd_scene_type');
  const uri = post.origin_image?.image_uri ?? post.origin_image?.uri;
  const found = typeof uri === 'string' ? taskOfImageUri(state, uri) : null;
  if (!found || taskPhase(state, found.task).finished <= found.index)
    refuse(1000, 'invalid parameter: origin_image is not a finished image');
  const src = found.task;
  const long = Math.max(src.width, src.height);
  if (long >= TARGET_EDGE) refuse(1000, 'invalid parameter: image is already 4k');
  const width = Math.floor((src.width * TARGET_EDGE) / long),
    height = Math.floor((src.height * TARGET_EDGE) / long);
  const info = edit.core_param?.large_image_info;
  if (info?.width !== width || info?.height !== height) refuse(1000, 'invalid parameter: large_image_info');
  return { kind, cost: tool.cost, width, height, source: found };
}
