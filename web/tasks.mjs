// The task state machine and the task nodes the API returns. A task's state is a pure function of the
// stand-in clock, so tests can advance time instead of sleeping.
import crypto from 'node:crypto';
import { CLUSTERS } from './dreamina.mjs';
import { now, refund, TASK_LIFETIME_MS } from './state.mjs';

const FULL_SIZE_TTL_S = 78 * 60;
const PREVIEW_TTL_S = 27 * 86400;
export const IMAGE_HOST = 'p3-dreamina-sign.byteimg.com';

export function taskPhase(state, task) {
  const t = now(state) - task.createdMs;
  if (task.kind === 'video') return videoPhase(task, t);
  const { queueMs, thinkMs, perImageMs } = task.timings;
  if (t < queueMs) {
    const position = Math.max(1, Math.ceil(((queueMs - t) / queueMs) * task.timings.queuePosition));
    return { status: 20, finished: 0, position };
  }
  if (task.banned)
    return { status: 30, finished: 0, failCode: '2038', failMsg: 'prompt rejected by content moderation' };
  if (t < queueMs + thinkMs) return { status: 42, finished: 0 };
  const finished = task.stalled ? 0 : Math.min(task.count, Math.floor((t - queueMs - thinkMs) / perImageMs));
  return finished < task.count ? { status: 45, finished } : { status: 50, finished };
}

/** A video: its queue (the position moves, the estimate counts down), then generating (45), then done. */
function videoPhase(task, t) {
  const { videoQueueMs: queueMs, videoGenMs: genMs, videoQueuePosition } = task.timings;
  if (t < queueMs) {
    const position = Math.max(1, Math.ceil(((queueMs - t) / queueMs) * videoQueuePosition));
    return { status: 20, finished: 0, position, queueLeftS: Math.ceil((queueMs - t) / 1000) };
  }
  if (task.banned)
    return { status: 30, finished: 0, failCode: '2042', failMsg: 'video rejected by content moderation' };
  if (task.stalled || t < queueMs + genMs) return { status: 45, finished: 0 };
  return { status: 50, finished: 1 };
}

export const isExpired = (state, task) => now(state) - task.createdMs > TASK_LIFETIME_MS;

/** Runs on every read: settles refunds for tasks that failed since the last look. */
export function settle(state, task, phase) {
  if (phase.status === 30 && !task.refunded) {
    task.refunded = true;
    refund(state, task.cost, task.submitId, 'generation failed: refunded');
  }
}

export function signImageUrl(state, uri, expires, variant) {
  const sig = crypto
    .createHmac('sha256', state.imageSecret)
    .update(`${uri}|${variant}|${expires}`)
    .digest('base64url')
    .slice(0, 27);
  const host = uri.startsWith(DREAMINA_URI_PREFIX) ? CLUSTERS[state.dreamina.cluster].image : IMAGE_HOST; // a Dreamina task's: its cluster's CDN
  return `https://${host}/${uri}~tplv-tb4s082cfz-${variant}.png?lk3s=8e244e95&x-expires=${expires}&x-signature=${encodeURIComponent(sig + '=')}&format=.png`;
}

export function verifyImageUrl(state, uri, variant, expires, signature) {
  const good =
    crypto
      .createHmac('sha256', state.imageSecret)
      .update(`${uri}|${variant}|${expires}`)
      .digest('base64url')
      .slice(0, 27) + '=';
  return good === signature;
}

const URI_PREFIX = 'tos-cn-i-tb4s082cfz/';
const DREAMINA_URI_PREFIX = 'tos-alisg-i-wopfjsm1ax-sg/';
const prefixOf = (task) => (task.site === 'dreamina' ? DREAMINA_URI_PREFIX : URI_PREFIX);
export const imageUri = (task, index) =>
  `${prefixOf(task)}${task.historyId}${String(index).padStart(2, '0')}${task.seed.toString(16)}`;

/** The task an image URI belongs to, and the image's index in it; null for a URI we never issued. */
export function taskOfImageUri(state, uri) {
  for (const task of state.tasks.values()) {
    const head = `${prefixOf(task)}${task.historyId}`;
    if (uri.startsWith(head)) return { task, index: Number(uri.slice(head.length, head.length + 2)) };
  }
  return null;
}

/** One finished image, shaped like a real item_list entry (~25 KB of JSON, mostly metadata we ignore). */
function item(state, task, index) {
  const uri = imageUri(task, index);
  const created =
    Math.floor(task.createdMs / 1000) +
    Math.floor((task.timings.queueMs + task.timings.thinkMs + task.timings.perImageMs * (index + 1)) / 1000);
  const fullExpires = created + FULL_SIZE_TTL_S;
  const previewExpires = created + PREVIEW_TTL_S;
  const coverMap = Object.fromEntries(
    ['360', '480', '720', '1080', '2400'].map((s) => [
      s,
      signImageUrl(state, uri, previewExpires, `aigc_resize:${s}:${s}`),
    ]),
  );
  return {
    common_attr: {
      id: `${task.historyId}${index}`,
      effect_id: `${task.historyId}${index}`,
      item_type: 1,
      status: 144,
      title: '',
      description: task.prompt,
      cover_url: coverMap['360'],
      cover_url_map: coverMap,
      cover_uri: uri,
      create_time: created,
      update_time: created,
      aspect_ratio: task.width / task.height,
      review_info: { review_status: 1, review_code_list: [] },
      has_published: false,
      extra: JSON.stringify({ template_type: '', generate_type: 'generate', origin: 'web', seed: task.seed }),
    },
    aigc_image_params: {
      text2image_params: {
        prompt: task.prompt,
        model_config: { model_req_key: task.model },
        seed: task.seed,
        large_image_info: { width: task.width, height: task.height, resolution_type: task.resolution },
      },
      draft_content: task.draftContent,
    },
    image: {
      format: 'png',
      image_uri: uri,
      large_images: [
        {
          image_uri: uri,
          image_url: signImageUrl(state, uri, fullExpires, 'aigc_resize_mark:0:0'),
          width: task.width,
          height: task.height,
          format: 'png',
        },
      ],
    },
    metadata: Object.fromEntries(
      Array.from({ length: 300 }, (_, k) => [`field_${k}`, k % 3 ? `v${k}-${'m'.repeat(60)}` : k]),
    ),
    statistic: { like_count: 0, favorite_count: 0, download_count: 0, usage_count: 0 },
  };
}

export function taskNode(state, task) {
  const phase = taskPhase(state, task);
  const started = phase.status !== 20;
  return {
    generate_type: 1,
    history_record_id: task.historyId,
    created_time: task.createdMs / 1000,
    task: {
      task_id: task.historyId,
      submit_id: task.submitId,
      aid: 0,
      status: phase.status,
      finish_time: 0,
      history_id: task.historyId,
    },
    mode: 'workbench',
    uid: state.account.userId,
    generate_id: task.logId,
    status: phase.status,
    submit_id: task.submitId,
    history_group_key: task.prompt,
    model_info: { model_name: task.modelName, model_req_key: task.model },
    forecast_generate_cost: task.cost,
    forecast_queue_cost: phase.position ? phase.position * 5 : 0,
    queue_info: {
      queue_idx: phase.position ?? 0,
      priority: 3,
      queue_status: started ? 2 : 1,
      queue_length: started ? 0 : task.timings.queueLength,
      polling_config: { interval_seconds: 30, timeout_seconds: 86400 },
    },
    total_image_count: started ? task.count : 0,
    finished_image_count: phase.finished,
    image_type: 3,
    fail_code: phase.failCode ?? '',
    fail_msg: phase.failMsg ?? '',
    fail_starling_message: phase.failMsg ?? '',
    item_list: Array.from({ length: phase.finished }, (_, i) => item(state, task, i)),
  };
}
