// The core's features through the built module, as the worker calls them: the catalogue, download names, a task
// past its time, batches, the engine's step, image checks, uploads, references and 超清 (core.test.mjs: the boundary).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { core, rawModule, samples, wasmDir } from './core-module.mjs';

const entropy = '00112233445566778899aabbccddeeff';
const now = 1771893826123;

test('the built-in catalogue lists every protocol image model, then Seedance 2.0', async () => {
  const c = await core();
  const models = c.builtinModels();
  assert.equal(models.length, 10);
  assert.deepEqual(
    models.filter((m) => 'kind' in m && m.kind === 'video').map((m) => m.key),
    ['dreamina_seedance_40_pro'],
  );
  assert.deepEqual(models.find((m) => m.key === 'high_aes_general_v40').resolutions['4k']['3'], {
    width: 5404,
    height: 3040,
  });
});

test('download names come from the template through the module, safe and in Chinese', async () => {
  const c = await core();
  const image = {
    url: 'https://p3-dreamina-sign.byteimg.com/tos-cn-i/a~tplv.png?x-expires=1',
    uri: 'tos-cn-i/a',
    format: 'jpeg',
    expiresAt: 1,
  };
  const a = c.planDownloads({
    now,
    tzOffsetMinutes: 480,
    job: { prompt: '雪山/日出 <b>', seed: 9 },
    images: [image, { ...image, expiresAt: 0 }],
  });
  assert.equal(a.ok, true);
  assert.deepEqual(
    a.files.map((f) => f.name),
    ['jimeng/2026-02-24/雪山_日出 _b_-9-1.jpg', 'jimeng/2026-02-24/雪山_日出 _b_-9-2.jpg'],
  );
  assert.deepEqual(
    a.files.map((f) => f.resign),
    [true, false],
  );
  const bad = c.planDownloads({ now, template: '{nope}', job: {}, images: [image] });
  assert.equal(bad.error.field, 'template');
});

test("a task past its time limit on the service's clock is given up, even when no longer listed", async () => {
  const c = await core();
  const id = '19637d71-15df-445e-b86d-490f3549cb85';
  const body = JSON.stringify({ ret: '0', systime: String(1_000 + 86_401), data: {} });
  const gone = c.parseHistory(body, { submitIds: [id], createdAt: { [id]: 1_000_000 } });
  assert.equal(gone.tasks[id].state, 'failed');
  assert.equal(gone.tasks[id].error.code, 'timeout');
  assert.equal(c.parseHistory(body, { submitIds: [id] }).tasks[id].state, 'queued'); // no creation time: wait
});

test('a batch expands through the module: variables, a CSV with an error named by row and column', async () => {
  const c = await core();
  const base = { now: 1771893826123, entropy: '00112233445566778899aabbccddeeff' };
  const lines = c.expandBatch({ ...base, text: '{猫|狗} 在雪地\n狐狸', repeat: 2 });
  assert.equal(lines.ok, true);
  assert.deepEqual(
    lines.rows.map((r) => r.prompt),
    ['猫 在雪地', '猫 在雪地', '狗 在雪地', '狗 在雪地', '狐狸', '狐狸'],
  );
  assert.equal(new Set(lines.rows.map((r) => r.job.submitId)).size, 6);
  const csv = c.expandBatch({ ...base, format: 'csv', text: 'prompt,ratio\nok,1:1\nbad,17:9\n' });
  assert.equal(csv.valid, 1);
  assert.deepEqual(
    { row: csv.rows[1].row, column: csv.rows[1].error.column, kind: csv.rows[1].error.kind },
    { row: 3, column: 'ratio', kind: 'invalid_input' },
  );
  assert.equal(c.expandBatch({ ...base, format: 'csv', text: 'prompt\n"open' }).error.code, 'csv_unclosed_quote');
});

test('the engine decides through the module: a submit, then its answer read by parseGenerate, then one poll', async () => {
  const c = await core();
  const raw = await rawModule();
  const state = { jobs: [{ submitId: 'a', phase: 'submitting', createdAt: now - 1000, prompt: 'ignored' }] };
  const first = c.step(state, { type: 'submit' }, now);
  assert.equal(first.ok, true);
  assert.deepEqual(
    first.actions.filter((a) => a.type === 'submit'),
    [{ type: 'submit', submitId: 'a', timeoutMs: 120_000 }],
  );
  assert.equal(first.jobs[0].set.attemptAt, now);
  const sent = { jobs: [{ ...state.jobs[0], attemptAt: now }], engine: first.engine };
  const result = c.parseGenerate(samples('seed_submit_response.json'));
  assert.equal(result.ok, true);
  const second = c.step(sent, { type: 'submitted', submitId: 'a', result }, now + 800);
  assert.equal(second.ok, true, JSON.stringify(second));
  assert.equal(second.jobs[0].set.phase, result.task.state);
  assert.deepEqual(second.jobs[0].unset.includes('attemptAt'), true);
  // State and event as text are the same call; an unknown event is refused with the field at fault.
  assert.equal(
    JSON.parse(raw.step(JSON.stringify(sent), '{"type":"tick"}', now + 20_000)).actions.find((a) => a.type === 'poll')
      ?.submitIds?.[0],
    'a',
  );
  assert.equal(c.step({}, { type: 'explode' }, now).error.field, 'type');
});

test('an image is judged by its bytes, with the SHA-256 and CRC-32 node computes for the same bytes', async () => {
  const zlib = await import('node:zlib');
  const c = await core();
  const png = fs.readFileSync(path.join(path.dirname(wasmDir), '..', 'wasm/fuzz/seeds/check_image/red.png'));
  const bytes = new Uint8Array(png);
  const a = c.checkImage(bytes);
  assert.equal(a.ok, true, JSON.stringify(a));
  assert.deepEqual(
    { format: a.image.format, width: a.image.width, height: a.image.height, bytes: a.image.bytes },
    { format: 'png', width: 4, height: 3, bytes: png.length },
  );
  assert.equal(a.image.sha256, createHash('sha256').update(png).digest('hex'));
  assert.equal(a.image.crc32, zlib.crc32(png).toString(16).padStart(8, '0'));
  // The name says nothing: a PNG's bytes pass, a PDF's are refused, an empty file and a GIF are explained.
  assert.equal(c.checkImage(new TextEncoder().encode('%PDF-1.7 ...')).error.code, 'image_not_image');
  assert.equal(c.checkImage(new Uint8Array(0)).error.code, 'image_empty');
  assert.equal(
    c.checkImage(new TextEncoder().encode('GIF89a\u0004\u0000\u0003\u0000')).error.code,
    'image_type_unsupported',
  );
  assert.equal(c.checkImage(bytes, { maxBytes: 10 }).error.code, 'image_too_large');
});

test('the upload request carries the CRC-32 of the very bytes it is given', async () => {
  const zlib = await import('node:zlib');
  const c = await core();
  const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) & 255);
  const a = c.buildUploadPut(bytes, {
    upload: { storeUri: 'tos-cn-i-x/abc', auth: 'A', uploadHost: 'up.example-cdn.com' },
  });
  assert.equal(a.ok, true, JSON.stringify(a));
  assert.equal(a.request.headers['Content-CRC32'], zlib.crc32(bytes).toString(16).padStart(8, '0'));
  assert.equal(a.request.url, 'https://up.example-cdn.com/upload/v1/tos-cn-i-x/abc');
});

test("references make a blend draft through the module, within the model's limit", async () => {
  const c = await core();
  const refs = ['tos-cn-i-tb4s082cfz/a', 'tos-cn-i-tb4s082cfz/b'];
  const a = c.buildGenerate({ prompt: '老人在睡觉', now, entropy, references: refs });
  assert.equal(a.ok, true, JSON.stringify(a));
  const draft = JSON.parse(JSON.parse(a.request.body).draft_content);
  assert.equal(draft.component_list[0].generate_type, 'blend');
  assert.equal(draft.component_list[0].abilities.blend.core_param.prompt, '####老人在睡觉');
  assert.deepEqual(
    draft.component_list[0].abilities.blend.ability_list.map((x) => x.image_uri_list[0]),
    refs,
  );
  assert.deepEqual(
    a.job.references.map((r) => r.uri),
    refs,
  );
  const many = c.buildGenerate({
    prompt: 'x',
    now,
    entropy,
    references: Array.from({ length: 7 }, (_, i) => `tos/x${i}`),
  });
  assert.equal(many.error.code, 'references_too_many');
});

test('超清 of a finished image is a 4096-px child job naming its parent; anything unfinished is refused', async () => {
  const c = await core();
  const source = {
    state: 'done',
    uri: 'tos-cn-i-x/r1',
    width: 2048,
    height: 2048,
    model: 'high_aes_general_v40',
    submitId: 'p',
    index: 1,
  };
  const a = c.buildGenerate({ now, entropy, upscale: { kind: 'normal_hd', source } });
  assert.equal(a.ok, true, JSON.stringify(a));
  assert.equal(a.job.width, 4096);
  assert.deepEqual(a.job.parent, { submitId: 'p', index: 1, uri: 'tos-cn-i-x/r1' });
  const post = JSON.parse(JSON.parse(a.request.body).draft_content).component_list[0].abilities.normal_hd
    .postedit_param;
  assert.equal(post.generate_type, 13);
  assert.equal(
    c.buildGenerate({ now, entropy, upscale: { source: { ...source, state: 'generating' } } }).error.code,
    'upscale_not_finished',
  );
});
