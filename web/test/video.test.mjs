// The stand-in's Seedance video (protocol §7): the drafts read strictly, the lane limit (1310), charges per
// second, queue positions that move, and real MP4s behind the signed links.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { request } from './client.mjs';
import { standin, submit, uploaded, useVideoStandin, videoBody } from './video-client.mjs';

useVideoStandin();

test('a text-to-video draft of the 2026 shape is taken, charged per second, and queued with a moving position', async () => {
  const r = await submit(videoBody('text'));
  assert.equal(r.json.ret, '0', r.text);
  const node = r.json.data.aigc_data;
  assert.equal(node.generate_type, 10);
  assert.equal(node.status, 20);
  assert.ok(node.forecast_queue_cost > 0 && node.queue_info.queue_idx >= 1, JSON.stringify(node.queue_info));
  assert.deepEqual(
    node.queue_info.polling_config,
    { interval_seconds: 2, timeout_seconds: 86400 },
    "the fast profile's",
  );
  assert.deepEqual(
    standin.s.control.ledger().map((e) => [e.amount, e.title]),
    [[-70, '视频生成720P 5秒']],
  );
  standin.s.control.timings({ videoQueueMs: 60_000, videoQueuePosition: 10 });
  const id = node.submit_id;
  const position = async () => (await standin.c.poll([id])).json.data[id].queue_info.queue_idx;
  const first = await position();
  standin.s.control.advance({ ms: 40_000 });
  assert.ok((await position()) < first, 'the queue position moves');
});

test('a finished video lists a playable MP4 of its size and length, and a poster', async () => {
  const r = await submit(
    videoBody('text', ({ params, input, metrics }) => {
      params.video_aspect_ratio = '9:16';
      input.duration_ms = 4000;
      metrics.sceneOptions = metrics.sceneOptions.replace('"videoDuration":5', '"videoDuration":4');
    }),
  );
  assert.equal(r.json.ret, '0', r.text);
  standin.s.control.advance({ ms: 10_000 });
  const id = r.json.data.aigc_data.submit_id;
  const node = (await standin.c.poll([id])).json.data[id];
  assert.equal(node.status, 50);
  const [item] = node.item_list;
  assert.equal(item.common_attr.effect_type, 53);
  assert.equal(item.video.duration_ms, 4000);
  const origin = item.video.transcoded_video.origin;
  assert.deepEqual([origin.width, origin.height, origin.logo_type], [704, 1248, '']);
  const url = new URL(origin.video_url);
  const file = await request(standin.s.port, { path: url.pathname + url.search, host: url.hostname });
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'video/mp4');
  fs.writeFileSync('/tmp/standin-video-test.mp4', file.buffer);
  const probe = JSON.parse(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', '/tmp/standin-video-test.mp4'],
      { encoding: 'utf8' },
    ),
  );
  assert.equal(probe.streams[0].codec_name, 'h264');
  assert.deepEqual([probe.streams[0].width, probe.streams[0].height], [704, 1248]);
  assert.equal(Math.round(Number(probe.format.duration)), 4);
  const ranged = await request(standin.s.port, {
    path: url.pathname + url.search,
    host: url.hostname,
    headers: { range: 'bytes=0-99' },
  });
  assert.equal(ranged.status, 206);
  assert.equal(ranged.buffer.length, 100);
  const poster = new URL(item.common_attr.cover_url);
  assert.equal(
    (await request(standin.s.port, { path: poster.pathname + poster.search, host: poster.hostname })).status,
    200,
  );
});

test('the 2025 sources: a watermarked origin and a clean main_url (lr=default); watermarked-only lists no clean one', async () => {
  standin.s.control.videoSources({ mode: '2025' });
  const r = await submit(videoBody('text'));
  standin.s.control.advance({ ms: 10_000 });
  const id = r.json.data.aigc_data.submit_id;
  let video = (await standin.c.poll([id])).json.data[id].item_list[0].video;
  assert.match(video.transcoded_video.origin.video_url, /lr=display_watermark_aigc/);
  assert.equal(video.transcoded_video.origin.logo_type, 'display_watermark_aigc');
  const main = Buffer.from(JSON.parse(video.video_model).video_list.video_1.main_url, 'base64').toString();
  assert.match(main, /clean\.mp4.*lr=default/);
  standin.s.control.videoSources({ mode: 'watermarked' });
  video = (await standin.c.poll([id])).json.data[id].item_list[0].video;
  assert.doesNotMatch(
    Buffer.from(JSON.parse(video.video_model).video_list.video_1.main_url, 'base64').toString(),
    /clean|lr=default/,
  );
});

test("a model runs its lane's number of tasks at once: one more is refused with 1310 and not charged", async () => {
  standin.s.control.limits({ videoLane: 2 });
  standin.s.control.credits({ gift: 1000 });
  for (let i = 0; i < 2; i++) assert.equal((await submit(videoBody('text'))).json.ret, '0');
  const third = await submit(videoBody('text'));
  assert.equal(third.json.ret, '1310');
  assert.match(third.json.errmsg, /exceed_model_parallel_max/);
  assert.equal(standin.s.control.ledger().length, 2);
  standin.s.control.advance({ ms: 10_000 });
  assert.equal((await submit(videoBody('text'))).json.ret, '0', 'a place frees when one is done');
});

test('omni and first/last-frame drafts name images that exist, at their own size', async () => {
  uploaded();
  const omni = await submit(videoBody('omni'));
  assert.equal(omni.json.ret, '0', omni.text);
  uploaded('tos-cn-i-tb4s082cfz/first', 1280, 720);
  uploaded('tos-cn-i-tb4s082cfz/last', 1280, 720);
  const frames = await submit(videoBody('frames'));
  assert.equal(frames.json.ret, '0', frames.text);
  const tasks = standin.s.control.tasks();
  assert.deepEqual(
    tasks.map((t) => t.mode),
    ['omni', 'frames'],
  );
  assert.equal(tasks[0].references.length, 1);
  assert.equal(tasks[0].prompt, '海边的日落，镜头缓缓推进');
});

test("the video catalogue lists each model's options and benefit types (7.4)", async () => {
  const r = await standin.c.post('/mweb/v1/video_generate/get_common_config', { scene: 'generate_video', params: {} });
  const list = r.json.data.video_data.model_list;
  const pro = list.find((m) => m.model_req_key === 'dreamina_seedance_40_pro');
  assert.deepEqual(pro.options.find((o) => o.key === 'frames').enum_val.int_value.slice(0, 2), [96, 120]);
  assert.equal(pro.commercial_config.format_conf['720p'].benefit_type, 'dreamina_video_seedance_20_pro');
  assert.ok(list.some((m) => m.options.find((o) => o.key === 'resolution').enum_val.string_value.includes('1080p')));
});
