// Past work for the stand-in's tests: one task made in the web app (its own submit_id) at a given time, or many
// records, images and videos, the older ones with expired full-size links (get_asset_list lists them: assets.mjs).
import crypto from 'node:crypto';
import { addPastTask } from './generate.mjs';
import { now } from './state.mjs';

const MINUTE = 60_000;

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
