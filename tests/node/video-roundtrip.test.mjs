// The core's video drafts as the stand-in reads them (protocol §7), and the stand-in's finished videos as the
// core reads them: text, first/last frame and 全能参考 end to end, without a browser.
import test, { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startStandin } from '../../web/server.mjs';
import { Client, request } from '../../web/test/client.mjs';
import { core } from './core-module.mjs';

let s, c, jc;
before(async () => {
  s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
  jc = await core();
});
after(() => s.close());
beforeEach(async () => {
  s.control.reset({ credits: 5000 });
  c = new Client(s);
  await c.login();
});

const bytes = (text) => new TextEncoder().encode(text);
const image = (uri, width, height) => {
  s.state.imagex.images.set(uri, { width, height, format: 'png', colour: [9, 9, 9] });
  return { uri, width, height };
};

async function submitVideo(video, extra = {}) {
  const built = jc.buildGenerate({
    now: Date.now(),
    entropy: crypto.randomBytes(32).toString('hex'),
    model: 'dreamina_seedance_40_pro',
    prompt: '海边的日落，镜头缓缓推进',
    video,
    ...extra,
  });
  assert.ok(built.ok, JSON.stringify(built));
  const r = await c.post('/mweb/v1/aigc_draft/generate', JSON.parse(built.request.body));
  const parsed = jc.parseGenerate(bytes(r.text));
  return { built, r, parsed };
}

test('a text-to-video job from the core is taken, queued with an estimate, and read back done with its MP4', async () => {
  const { built, r, parsed } = await submitVideo({ durationS: 6 }, { ratio: '1:1' });
  assert.equal(r.json.ret, '0', r.text);
  assert.ok(parsed.ok && parsed.task.kind === 'video', JSON.stringify(parsed));
  assert.ok(parsed.task.queueSeconds > 0 && parsed.task.pollIntervalSeconds === 2, JSON.stringify(parsed.task));
  assert.deepEqual(
    s.control.ledger().map((e) => e.title),
    ['视频生成720P 6秒'],
  );
  s.control.advance({ ms: 10_000 });
  const polled = await c.poll([built.job.submitId]);
  const tasks = jc.parseHistory(bytes(polled.text), { submitIds: [built.job.submitId] });
  const task = tasks.tasks[built.job.submitId];
  assert.equal(task.state, 'done', JSON.stringify(task));
  const [v] = task.videos;
  assert.deepEqual([v.width, v.height, v.durationMs, v.watermarked], [960, 960, 6000, false]);
  const url = new URL(v.url);
  const file = await request(s.port, { path: url.pathname + url.search, host: url.hostname });
  assert.equal(file.status, 200);
  assert.equal(file.buffer.subarray(4, 8).toString(), 'ftyp');
  assert.ok(v.cover.startsWith('https://p3-dreamina-sign.byteimg.com/'));
});

test('first and last frame, and 全能参考 with 3 images, are read by the stand-in as the protocol says', async () => {
  const first = image('tos-cn-i-tb4s082cfz/f1', 1280, 720),
    last = image('tos-cn-i-tb4s082cfz/l1', 1280, 720);
  const frames = await submitVideo({ firstFrame: first, lastFrame: last });
  assert.equal(frames.r.json.ret, '0', frames.r.text);
  const refs = [1, 2, 3].map((i) => image(`tos-cn-i-tb4s082cfz/r${i}`, 1024, 768 + i));
  const omni = await submitVideo({ references: refs });
  assert.equal(omni.r.json.ret, '0', omni.r.text);
  const [f, o] = s.control.tasks();
  assert.equal(f.mode, 'frames');
  assert.deepEqual([f.first.uri, f.last.uri], [first.uri, last.uri]);
  assert.equal(o.mode, 'omni');
  assert.deepEqual(
    o.references.map((r) => r.uri),
    refs.map((r) => r.uri),
  );
  assert.equal(o.prompt, '海边的日落，镜头缓缓推进', 'the words travel in meta_list');
});

test('only a watermarked file listed: the core says so; 2025 sources: the clean main_url is taken', async () => {
  const { built } = await submitVideo({});
  s.control.advance({ ms: 10_000 });
  const read = async () =>
    jc.parseHistory(bytes((await c.poll([built.job.submitId])).text), { submitIds: [built.job.submitId] }).tasks[
      built.job.submitId
    ].videos[0];
  s.control.videoSources({ mode: 'watermarked' });
  assert.equal((await read()).watermarked, true);
  s.control.videoSources({ mode: '2025' });
  const clean = await read();
  assert.equal(clean.watermarked, false);
  assert.match(clean.url, /clean\.mp4.*lr=default/);
  s.control.videoSources({ mode: 'tiers' });
  assert.equal((await read()).width, 1248, 'the widest tier');
});

test('a full lane answers 1310, which the core calls "later" for that model', async () => {
  s.control.limits({ videoLane: 1 });
  await submitVideo({});
  const { r, parsed } = await submitVideo({});
  assert.equal(r.json.ret, '1310');
  assert.deepEqual([parsed.ok, parsed.error.code, parsed.error.retry], [false, '1310', 'later']);
});
