// A video task as get_history_by_ids lists it (protocol §7.2, §7.3), its signed file links (§7.6) and the
// files themselves: real H.264 MP4s of the task's size and length.
import crypto from 'node:crypto';
import { nowSeconds } from './state.mjs';
import { imageUri, signImageUrl, taskNode, taskPhase } from './tasks.mjs';
import { DREAMINA_VIDEO_HOST } from './dreamina.mjs';

export const VIDEO_HOST = 'v3-artist.vlabvod.com';
const URL_TTL_S = 3600; // url_expire: about an hour (§7.3)
const WATERMARK = 'display_watermark_aigc';

/** The node of any task: a video's, or an image's (tasks.mjs). */
export const nodeOf = (state, task) => (task.kind === 'video' ? videoNode(state, task) : taskNode(state, task));

const signature = (state, vid, variant, expires) =>
  crypto
    .createHmac('sha256', state.imageSecret)
    .update(`video|${vid}|${variant}|${expires}`)
    .digest('base64url')
    .slice(0, 27);

/** variant: 'clean' or 'wm' (a watermark drawn in). `mark`: the lr query the service adds, if any. A Dreamina task's
 *  files are on its CDN (§9.6). */
export function signVideoUrl(state, vid, variant, expires, mark, host = VIDEO_HOST) {
  const lr = mark ? `&lr=${mark}` : '';
  return `https://${host}/${vid}/${variant}.mp4?x-expires=${expires}&x-signature=${signature(state, vid, variant, expires)}${lr}`;
}

/** The task and file variant a video address names, or why not. */
export function checkVideoUrl(state, url) {
  const m = /^\/([0-9a-z]+)\/(clean|wm)\.mp4$/.exec(url.pathname);
  if (!m) return { status: 404, why: 'not found' };
  const [, vid, variant] = m;
  const expires = url.searchParams.get('x-expires') ?? '';
  if (url.searchParams.get('x-signature') !== signature(state, vid, variant, expires))
    return { status: 403, why: 'signature mismatch' };
  if (Number(expires) < nowSeconds(state)) return { status: 403, why: 'url expired' };
  const task = [...state.tasks.values()].find((t) => t.kind === 'video' && vidOf(t) === vid);
  if (!task || taskPhase(state, task).status !== 50) return { status: 404, why: 'no such video' };
  return { task, watermarked: variant === 'wm' };
}

const vidOf = (task) => `v0${task.historyId}`;
/** The item id history gives a video (common_attr.id). */
export const videoItemId = (task) => `${task.historyId}0`;

function sources(state, task, expires) {
  const vid = vidOf(task);
  const host = task.site === 'dreamina' ? DREAMINA_VIDEO_HOST : VIDEO_HOST;
  const sign = (variant, mark) => signVideoUrl(state, vid, variant, expires, mark, host);
  const tier = (variant, mark) => ({
    video_url: sign(variant, mark),
    width: task.width,
    height: task.height,
    fps: 24,
    format: 'mp4',
    definition: 'origin',
    logo_type: variant === 'wm' ? WATERMARK : '',
    md5: crypto
      .createHash('md5')
      .update(vid + variant)
      .digest('hex'),
    size: 0,
  });
  const base64 = (text) => Buffer.from(text).toString('base64');
  // On Dreamina a clean file is a subscription benefit (remove_watermark, §9.6): the account's plan decides.
  const mode =
    task.site === 'dreamina' ? (state.dreamina.plan === 'subscriber' ? '2026' : 'watermarked') : state.videoSources;
  const origin = mode === '2025' || mode === 'watermarked' ? tier('wm', WATERMARK) : tier('clean');
  const main =
    mode === '2025' ? sign('clean', 'default') : mode === 'watermarked' ? sign('wm', WATERMARK) : origin.video_url;
  const transcoded =
    mode === 'tiers'
      ? {
          '360p': {
            ...tier('clean'),
            width: Math.round(task.width / 2),
            height: Math.round(task.height / 2),
            definition: '360p',
          },
          '720p': { ...tier('clean'), definition: '720p' },
        }
      : { origin };
  const videoModel = {
    video_list: {
      video_1: {
        main_url: base64(main),
        backup_url_1: base64(main),
        url_expire: expires,
        vheight: task.height,
        vwidth: task.width,
      },
    },
  };
  return { transcoded, videoModel: JSON.stringify(videoModel), watermark: origin.logo_type ? 1 : 0 };
}

/** A finished video's item (history's, and get_local_item_list's on Dreamina). */
export function videoItem(state, task) {
  const uri = imageUri(task, 0);
  const created = Math.floor((task.createdMs + task.timings.videoQueueMs + task.timings.videoGenMs) / 1000);
  const expires = nowSeconds(state) + URL_TTL_S;
  const covers = Object.fromEntries(
    ['360', '480', '720', '1080', '2400', '4096'].map((s) => [
      s,
      signImageUrl(state, uri, created + 27 * 86400, `aigc_resize:${s}:${s}`),
    ]),
  );
  const src = sources(state, task, expires);
  return {
    common_attr: {
      id: videoItemId(task),
      effect_id: `${task.historyId}0`,
      effect_type: 53,
      item_type: 2,
      status: 144,
      description: task.prompt,
      cover_url: covers['720'],
      cover_url_map: covers,
      cover_uri: uri,
      cover_width: task.width,
      cover_height: task.height,
      aspect_ratio: task.width / task.height,
      create_time: created,
      update_time: created,
    },
    video: {
      video_id: vidOf(task),
      duration: Math.ceil(task.durationS),
      duration_ms: task.durationS * 1000,
      cover_url: covers['720'],
      watermark_type: src.watermark,
      transcoded_video: src.transcoded,
      video_model: src.videoModel,
    },
    aigc_image_params: {
      text2video_params: {
        video_gen_inputs: [
          {
            prompt: task.prompt,
            duration_ms: task.durationS * 1000,
            first_frame_image: task.first
              ? {
                  image_uri: task.first.uri,
                  image_url: signImageUrl(state, task.first.uri, expires, 'aigc_resize_mark:0:0'),
                }
              : undefined,
            end_frame_image: task.last ? { image_uri: task.last.uri } : undefined,
          },
        ],
        video_aspect_ratio: task.ratio,
        seed: task.seed,
        model_req_key: task.model,
      },
    },
  };
}

function videoNode(state, task) {
  const phase = taskPhase(state, task);
  const queued = phase.status === 20;
  return {
    generate_type: 10,
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
    // §7.5: the forecast overstates the real charge 5–9 times.
    forecast_generate_cost: task.cost * 7,
    forecast_queue_cost: phase.queueLeftS ?? 0,
    forecast_resolution: { width: task.width, height: task.height },
    pre_gen_item_ids: [`${task.historyId}0`],
    queue_info: {
      queue_idx: phase.position ?? 0,
      priority: 3,
      queue_status: queued ? 1 : 2,
      queue_length: queued ? task.timings.videoQueuePosition * 4 : 0,
      // The web app's cadence (30 s, §7.2); the fast profile's is shorter, as its videos take seconds.
      polling_config: { interval_seconds: task.timings.videoPollS ?? 30, timeout_seconds: 86400 },
    },
    total_image_count: 1,
    finished_image_count: phase.finished,
    image_type: 3,
    fail_code: phase.failCode ?? '',
    fail_msg: phase.failMsg ?? '',
    fail_starling_message: phase.failMsg ?? '',
    item_list: phase.status === 50 ? [videoItem(state, task)] : [],
  };
}
