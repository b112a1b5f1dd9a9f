import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { core, rawModule, samples, wasmDir } from './core-module.mjs';

const entropy = '00112233445566778899aabbccddeeff';
const now = 1771893826123;
const md5 = (s) => createHash('md5').update(s).digest('hex');

test('the generated glue never evaluates code (MV3 CSP forbids eval and new Function)', () => {
  const glue = fs.readFileSync(path.join(wasmDir, 'jimeng-core.mjs'), 'utf8');
  assert.ok(glue.length > 1000);
  assert.doesNotMatch(glue, /new Function/);
  assert.doesNotMatch(glue, /\beval\(/);
});

test('sign matches the protocol vectors and node crypto', async () => {
  const c = await core();
  assert.equal(c.sign('/mweb/v1/aigc_draft/generate', 1771893826, '8.4.0'), '19724735691862919106b8c4808a6ce7');
  assert.equal(c.sign('/mweb/v1/get_history_queue_info', 1771893870, '8.4.0'), 'b455ce04243cab9429ffbb87850c5686');
  assert.equal(
    c.sign('/commerce/v1/benefits/user_credit', 1800000000, '8.9.1'),
    md5('9e2c|_credit|7|8.9.1|1800000000||11ac'),
  );
  assert.match(c.version(), /^\d+\.\d+\.\d+/);
});

test('a generate request carries the count in gen_option and a sign for its own second', async () => {
  const c = await core();
  const a = c.buildGenerate({
    prompt: '一只猫',
    count: 3,
    ratio: '16:9',
    resolution: '4k',
    now,
    entropy,
    session: { webId: '7539210196167607844', appVersion: '8.5.0' },
  });
  assert.equal(a.ok, true, JSON.stringify(a));
  const body = JSON.parse(a.request.body);
  const draft = JSON.parse(body.draft_content);
  const comp = draft.component_list[0];
  assert.equal(comp.abilities.gen_option.gen_count, 3);
  assert.deepEqual(comp.abilities.generate.core_param.large_image_info.width, 5404);
  assert.equal(a.request.headers['device-time'], '1771893826');
  assert.equal(a.request.headers.sign, md5('9e2c|enerate|7|8.5.0|1771893826||11ac'));
  assert.equal(new URL(a.request.url).searchParams.get('webId'), '7539210196167607844');
  assert.equal(a.job.submitId, body.submit_id);
  assert.match(a.job.submitId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('invalid input comes back as a field error', async () => {
  const c = await core();
  const a = c.buildGenerate({ prompt: '   ', now, entropy });
  assert.equal(a.ok, false);
  assert.deepEqual([a.error.kind, a.error.field, a.error.retry], ['invalid_input', 'prompt', 'never']);
  assert.equal(c.buildGenerate({ prompt: 'x', now, entropy, count: 99 }).error.field, 'count');
});

test('every builder answers with a request', async () => {
  const c = await core();
  const id = '19637d71-15df-445e-b86d-490f3549cb85';
  for (const [fn, input, path] of [
    [c.buildHistory, { submitIds: [id], now }, '/mweb/v1/get_history_by_ids'],
    [c.buildCredit, { now }, '/commerce/v1/benefits/user_credit'],
    [c.buildCreditHistory, { now }, '/commerce/v1/benefits/user_credit_history'],
    [c.buildModelConfig, { now }, '/mweb/v1/get_common_config'],
    [c.buildVideoModelConfig, { now }, '/mweb/v1/video_generate/get_common_config'],
    [c.buildImageResign, { uris: ['tos-cn-i/1'], now }, '/mweb/v1/get_image_by_uri'],
  ]) {
    const a = fn(input);
    assert.equal(a.ok, true, JSON.stringify(a));
    assert.equal(a.request.path, path);
    assert.equal(a.request.headers.sign.length, 32);
  }
});

test('parsers read the body the same as text, bytes and ArrayBuffer', async () => {
  const c = await core();
  const bytes = samples('history_streaming.json');
  const fromBytes = c.parseHistory(new Uint8Array(bytes));
  const fromText = c.parseHistory(bytes.toString('utf8'));
  const fromBuffer = c.parseHistory(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  assert.equal(fromBytes.ok, true);
  assert.deepEqual(fromText, fromBytes);
  assert.deepEqual(fromBuffer, fromBytes);
  const task = Object.values(fromBytes.tasks)[0];
  assert.equal(task.state, 'generating');
  assert.equal(task.images.length, 2);
  assert.ok(task.images[0].url.includes('&x-signature='));
  assert.ok(!task.images[0].url.includes('\\u0026'));
});

test('text is encoded into the core whole, however much of it is Chinese or emoji, and the buffer is reused', async () => {
  const c = await core();
  const base = JSON.parse(samples('history_streaming.json').toString('utf8'));
  // Past the core's first guess (one byte per character), and with surrogate pairs at every offset: if any
  // byte went missing the body would be invalid JSON and the parse an error.
  for (const pad of ['中', '😀', '中😀a', 'é'.repeat(3) + '😀']) {
    const text = JSON.stringify({ ...base, pad: pad.repeat(20000), ['尾'.repeat(5)]: '末' });
    const fromText = c.parseHistory(text);
    assert.equal(fromText.ok, true, pad);
    assert.deepEqual(fromText, c.parseHistory(new TextEncoder().encode(text)));
  }
  // A short body after a long one reads only its own bytes.
  assert.equal(c.parseHistory('{"ret":"0"').ok, false);
  assert.equal(c.parseHistory('').error.code, 'empty_body');
  assert.equal(c.parseHistory(JSON.stringify(base)).ok, true);
});

test('the seed answers parse into a queued submit and a generating task', async () => {
  const c = await core();
  const submit = c.parseGenerate(samples('seed_submit_response.json'));
  assert.equal(submit.task.state, 'queued');
  assert.equal(submit.task.submitId, '19637d71-15df-445e-b86d-490f3549cb85');
  const missing = 'a1b2c3d4-0000-4000-8000-0000000000ff';
  const poll = c.parseHistory(samples('seed_history_response.json'), { submitIds: [missing] });
  assert.equal(poll.tasks['19637d71-15df-445e-b86d-490f3549cb85'].state, 'generating');
  assert.equal(poll.tasks[missing].state, 'queued');
});

const garbage = () => {
  const random = new Uint8Array(4096);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
  return [
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '"x"',
    '<html><body>登录</body></html>',
    '{"ret":"0","data":{',
    '{'.repeat(200000),
    '['.repeat(300000),
    '{"ret":"0","data":{"x":{"status":{}}}}',
    'x'.repeat(3 << 20),
    '\u0000\u0001',
    JSON.stringify({ ret: '0', data: { aigc_data: [1, 2] } }),
    random,
    new Uint8Array(0),
    new ArrayBuffer(8),
  ];
};

test('no input makes any export throw or abort; bad bodies are malformed_response', async () => {
  const c = await core();
  const raw = await rawModule();
  for (const name of [
    'parseGenerate',
    'parseHistory',
    'parseCredit',
    'parseCreditHistory',
    'parseModelConfig',
    'parseVideoModelConfig',
    'parseImageResign',
  ]) {
    for (const body of garbage()) {
      const a = c[name](body);
      assert.equal(typeof a.ok, 'boolean');
      if (!a.ok) assert.equal(a.error.kind, 'malformed_response', `${name} ${String(body).slice(0, 30)}`);
    }
    for (const weird of [undefined, null, 42, {}, [1], true]) {
      const a = JSON.parse(raw[name](weird, weird));
      assert.equal(a.ok, false, `${name}(${weird})`);
    }
  }
  for (const name of [
    'buildGenerate',
    'buildHistory',
    'buildCredit',
    'buildCreditHistory',
    'buildModelConfig',
    'buildVideoModelConfig',
    'buildImageResign',
  ]) {
    for (const input of [
      '',
      'garbage',
      '[]',
      '{"now":"soon"}',
      '{'.repeat(100000),
      'x'.repeat(2 << 20),
      '{"prompt":"\uD800"}',
    ]) {
      const a = JSON.parse(raw[name](input));
      assert.equal(a.ok, false, `${name}(${input.slice(0, 20)})`);
      assert.equal(a.error.kind, 'invalid_input');
    }
  }
  // The module is still healthy afterwards.
  assert.equal(c.sign('/mweb/v1/get_history_by_ids', 1771893831, '8.4.0'), '656c1e00cf94dfd5bcfaf031e32493e4');
});

test('an input past 256 MB, or not text at all, is answered with an error and the core keeps working', async () => {
  const raw = await rawModule();
  const huge = 'x'.repeat((256 << 20) + 1); // a rope: never flattened, as the core refuses it by its length
  for (const answer of [
    raw.parseHistory(new Uint8Array((256 << 20) + 1), ''),
    raw.parseHistory(huge, ''),
    raw.buildGenerate(huge),
  ])
    assert.deepEqual(JSON.parse(answer).error, {
      kind: 'malformed_response',
      code: 'too_large',
      message: 'input over 256 MiB refused',
      retry: 'never',
    });
  for (const weird of [undefined, null, 42, {}, new Uint8Array(4)])
    assert.equal(JSON.parse(raw.buildHistory(weird)).error.kind, 'invalid_input', `buildHistory(${weird})`);
  assert.equal(JSON.parse(raw.buildCredit(JSON.stringify({ now }))).ok, true);
});
