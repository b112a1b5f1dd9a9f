// get_asset_list (protocol §8): the account's past work, newest first, page by page (end_time_stamp = the
// previous page's next_offset), each asset a whole history node with its draft. Past work is made by
// seedPastWork: many records, images and videos, made in the web app (submit_ids that are not ours), the older
// ones with expired full-size links.
import crypto from 'node:crypto';
import { addPastTask } from './generate.mjs';
import { now } from './state.mjs';
import { nodeOf } from './video-tasks.mjs';

const TYPES = [1, 2, 5, 6, 7, 8, 9, 10];
const MINUTE = 60_000;

/** When a task ended (stand-in ms), or now for one still running: get_asset_list's end-time order lists
 *  unfinished work first. */
function endMs(state, task) {
  const t = task.timings;
  const end = task.stalled
    ? Infinity
    : task.kind === 'video'
      ? task.createdMs + t.videoQueueMs + (task.banned ? 0 : t.videoGenMs)
      : task.createdMs + t.queueMs + (task.banned ? 0 : t.thinkMs + t.perImageMs * task.count);
  return Math.min(end, now(state));
}

/** Every task of the site with its listing time (creation or end), newest first; kept while the tasks are the same. */
function newestFirst(state, site) {
  const own = () => [...state.tasks.values()].filter((task) => (task.site ?? 'jimeng') === site);
  if (state.assets.order === 'end')
    return own()
      .map((task) => ({ task, at: endMs(state, task) }))
      .sort((a, b) => b.at - a.at);
  if (state.assetOrder?.size !== state.tasks.size || state.assetOrder.site !== site)
    state.assetOrder = {
      size: state.tasks.size,
      site,
      list: own()
        .map((task) => ({ task, at: task.createdMs }))
        .sort((a, b) => b.at - a.at),
    };
  return state.assetOrder.list;
}

/** A page: {ret, errmsg} for a body §8 would not send, else {data}. */
export function assetPage(state, body, site = 'jimeng') {
  const o = body?.option;
  if (!Number.isInteger(body?.count) || body.count < 1 || body.count > 100)
    return { ret: '1000', errmsg: 'invalid parameter: count' };
  if (
    body.direction !== 1 ||
    body.mode !== 'workbench' ||
    !o ||
    typeof o !== 'object' ||
    !Number.isInteger(o.end_time_stamp) ||
    o.end_time_stamp < 0 ||
    !Array.isArray(body.asset_type_list) ||
    !body.asset_type_list.every((t) => TYPES.includes(t)) ||
    !Array.isArray(o.image_info?.image_scene_list)
  )
    return { ret: '1000', errmsg: 'invalid parameter: asset list option' };
  const all = newestFirst(state, site);
  // Strictly older than the cursor: the record at next_offset itself was on the previous page.
  let from = 0;
  if (o.end_time_stamp > 0) {
    let lo = 0,
      hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].at >= o.end_time_stamp) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  const page = all.slice(from, from + body.count);
  const asset_list = page.map(({ task }) => {
    const node = { ...nodeOf(state, task), draft_content: task.draftContent };
    if (task.listedWithoutSubmitId) {
      delete node.submit_id;
      node.task = { ...node.task, submit_id: '' };
    }
    if (task.kind === 'video')
      return {
        id: task.historyId,
        uid: state.account.userId,
        type: 7,
        video: { ...node, generate_type: 32, first_generate_type: 10 },
      };
    return { id: task.historyId, uid: state.account.userId, type: 1, image: node };
  });
  const last = page.at(-1);
  if (state.assets.stuckPages > 0) {
    // a list that says there is more but does not move on (issue 34)
    state.assets.stuckPages--;
    return { data: { has_more: true, ...(o.end_time_stamp ? { next_offset: o.end_time_stamp } : {}), asset_list } };
  }
  return { data: { has_more: from + page.length < all.length, next_offset: last ? last.at : 0, asset_list } };
}

/** Test-only: a task made in the web app `agoMs` ago (its own submit_id) that ends `doneInMs` from now: an
 *  image (`count` images) or a video of 5 s. */
export function webTask(
  state,
  {
    kind = 'image',
    prompt = 'made in the web app',
    agoMs = 60_000,
    doneInMs = 60_000,
    count = 1,
    withoutSubmitId = false,
    site = 'jimeng',
  } = {},
) {
  const task = addPastTask(state, {
    submitId: crypto.randomUUID(),
    prompt,
    agoMs,
    count: kind === 'video' ? 1 : count,
    seed: 4242,
    site,
  });
  task.listedWithoutSubmitId = withoutSubmitId; // get_asset_list leaves its submit_id out (it is polled by history id)
  const until = agoMs + doneInMs;
  if (kind === 'video') {
    Object.assign(task, {
      kind: 'video',
      mode: 'text',
      model: 'dreamina_seedance_40_pro',
      modelName: 'Seedance 2.0',
      durationS: 5,
      ratio: '16:9',
      width: 1248,
      height: 704,
      timings: {
        ...state.timings,
        videoQueueMs: Math.max(0, until - 1000),
        videoGenMs: 1000,
        videoQueuePosition: 3,
        videoPollS: 30,
      },
    });
    task.draftContent = JSON.stringify({
      component_list: [
        {
          id: 'c',
          abilities: {
            gen_video: {
              text_to_video_params: {
                model_req_key: task.model,
                video_aspect_ratio: '16:9',
                seed: task.seed,
                video_gen_inputs: [{ prompt, duration_ms: 5000 }],
              },
            },
          },
        },
      ],
      main_component_id: 'c',
    });
  } else {
    task.timings = {
      ...task.timings,
      queueMs: Math.max(0, until - 1000),
      thinkMs: 0,
      perImageMs: Math.max(1, Math.floor(1000 / task.count)),
    };
    task.draftContent = JSON.stringify({
      component_list: [
        {
          id: 'c',
          abilities: {
            generate: {
              core_param: {
                model: task.model,
                prompt,
                seed: task.seed,
                image_ratio: 1,
                large_image_info: { resolution_type: '2k', width: 2048, height: 2048 },
              },
            },
            gen_option: { gen_count: task.count },
          },
        },
      ],
      main_component_id: 'c',
    });
  }
  state.live.add(task.submitId);
  return { submitId: task.submitId, historyId: task.historyId };
}

/** Test-only: `count` finished records from the past on `site`, one every `everyMs`, a share of them videos; images
 *  each (1–4 by turns unless `imagesEach`), numbered in their prompts from `from`. */
export function seedPastWork(
  state,
  {
    count = 1000,
    videoShare = 0.2,
    everyMs = 7 * MINUTE,
    startAgoMs = 2 * MINUTE,
    imagesEach = 0,
    from = 1,
    site = 'jimeng',
  } = {},
) {
  const made = [];
  for (let i = 0; i < count; i++) {
    const video = (i * 7919) % 100 < videoShare * 100;
    const agoMs = startAgoMs + i * everyMs;
    const prompt = `${video ? '视频' : '作品'} 第${i + from}号 ${['雪山', '海边', '城市', '森林', '沙漠'][i % 5]}`;
    const submitId = crypto.randomUUID();
    const task = addPastTask(state, {
      submitId,
      prompt,
      agoMs,
      count: video ? 1 : imagesEach || 1 + (i % 4),
      seed: 1000 + i,
      site,
    });
    const draft = video
      ? {
          component_list: [
            {
              id: 'c',
              abilities: {
                gen_video: {
                  text_to_video_params: {
                    model_req_key: 'dreamina_seedance_40_pro',
                    video_aspect_ratio: '16:9',
                    seed: task.seed,
                    video_gen_inputs: [{ prompt, duration_ms: 5000 }],
                  },
                },
              },
            },
          ],
          main_component_id: 'c',
        }
      : {
          component_list: [
            {
              id: 'c',
              abilities: {
                generate: {
                  core_param: {
                    model: task.model,
                    prompt,
                    seed: task.seed,
                    image_ratio: 1,
                    large_image_info: { resolution_type: '2k', width: 2048, height: 2048 },
                  },
                },
                gen_option: { gen_count: task.count },
              },
            },
          ],
          main_component_id: 'c',
        };
    task.draftContent = JSON.stringify(draft);
    if (video)
      Object.assign(task, {
        kind: 'video',
        mode: 'text',
        model: 'dreamina_seedance_40_pro',
        modelName: 'Seedance 2.0',
        durationS: 5,
        ratio: '16:9',
        width: 1248,
        height: 704,
        timings: { ...state.timings, videoQueueMs: 0, videoGenMs: 1, videoPollS: 30 },
      });
    made.push(task.submitId);
  }
  return { count: made.length, newest: made[0], oldestAt: now(state) - startAgoMs - (count - 1) * everyMs };
}
