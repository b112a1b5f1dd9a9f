// The stand-in's ImageX (protocol §4.4) and the blend / upscale drafts (§4.3, §4.5), driven by hand-built
// requests signed with the aws4 package, never with our core.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import aws4 from 'aws4';
import crc32 from 'crc-32';
import { IMAGEX_HOST, UPLOAD_HOST } from '../imagex.mjs';
import { decodePng } from '../image-facts.mjs';
import { request } from './client.mjs';
import { solidPng } from './pictures.mjs';
import { useStandinClient } from './standin-client.mjs';

const at = useStandinClient();

const amzDate = () => new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
async function imagex(creds, method, query, body, withSha) {
  const headers = { 'x-amz-date': amzDate(), 'x-amz-security-token': creds.session_token };
  if (withSha)
    headers['x-amz-content-sha256'] = crypto
      .createHash('sha256')
      .update(body ?? '')
      .digest('hex');
  const path = `/?${new URLSearchParams(query)}`;
  const signed = aws4.sign(
    {
      host: IMAGEX_HOST,
      method,
      path,
      service: 'imagex',
      region: 'cn-north-1',
      headers: { ...headers },
      body,
      extraHeadersToIgnore: { host: true, 'content-type': true, 'content-length': true },
    },
    { accessKeyId: creds.access_key_id, secretAccessKey: creds.secret_access_key },
  );
  const r = await request(at.s.port, {
    method,
    path,
    host: IMAGEX_HOST,
    headers: { ...headers, authorization: signed.headers.Authorization },
    body,
  });
  return { status: r.status, json: JSON.parse(r.text), headers: r.headers };
}

async function uploadImage(bytes, { crc } = {}) {
  const creds = (await at.c.post('/mweb/v1/get_upload_token', { scene: 2 })).json.data;
  const base = { Version: '2018-08-01', ServiceId: creds.service_id };
  const apply = await imagex(creds, 'GET', { Action: 'ApplyImageUpload', ...base, FileSize: bytes.length, s: 'abc' });
  assert.equal(apply.status, 200, JSON.stringify(apply.json));
  const addr = apply.json.Result.UploadAddress;
  const put = await request(at.s.port, {
    method: 'POST',
    host: UPLOAD_HOST,
    path: `/upload/v1/${addr.StoreInfos[0].StoreUri}`,
    body: bytes,
    headers: {
      authorization: addr.StoreInfos[0].Auth,
      'content-crc32': crc ?? (crc32.buf(bytes) >>> 0).toString(16).padStart(8, '0'),
      'content-type': 'application/octet-stream',
    },
  });
  const commitBody = JSON.stringify({ SessionKey: addr.SessionKey });
  const commit = await imagex(creds, 'POST', { Action: 'CommitImageUpload', ...base }, commitBody, true);
  return { creds, apply, put: { status: put.status, json: JSON.parse(put.text) }, commit };
}

test('an image goes token → ApplyImageUpload → upload → CommitImageUpload and comes back as a uri with its size', async () => {
  const { put, commit, apply } = await uploadImage(solidPng(64, 48, [200, 30, 30]));
  assert.equal(apply.headers['access-control-allow-origin'], '*');
  assert.equal(put.json.code, 2000);
  assert.equal(commit.json.Result.Results[0].UriStatus, 2000);
  assert.match(commit.json.Result.Results[0].Uri, /^tos-cn-i-tb4s082cfz\//);
  assert.deepEqual(
    [commit.json.Result.PluginResult[0].ImageWidth, commit.json.Result.PluginResult[0].ImageHeight],
    [64, 48],
  );
  assert.deepEqual(at.s.control.uploads()[0].colour, [200, 30, 30]);
});

test('a wrong CRC-32, a bad signature and expired credentials are each refused', async () => {
  const bad = await uploadImage(solidPng(8, 8, [1, 2, 3]), { crc: '00000000' });
  assert.equal(bad.put.status, 400);
  assert.match(bad.put.json.message, /crc32/);
  assert.match(bad.commit.json.ResponseMetadata.Error.Message, /nothing was uploaded/);
  const creds = (await at.c.post('/mweb/v1/get_upload_token', { scene: 2 })).json.data;
  const forged = await imagex({ ...creds, secret_access_key: 'not-the-secret' }, 'GET', {
    Action: 'ApplyImageUpload',
    Version: '2018-08-01',
    ServiceId: creds.service_id,
    FileSize: 5,
  });
  assert.equal(forged.json.ResponseMetadata.Error.Code, 'SignatureDoesNotMatch');
  at.s.control.expireUploadCredentials();
  const late = await imagex(creds, 'GET', {
    Action: 'ApplyImageUpload',
    Version: '2018-08-01',
    ServiceId: creds.service_id,
    FileSize: 5,
  });
  assert.equal(late.json.ResponseMetadata.Error.Code, 'ExpiredToken');
  const cookie = at.s.control.imagexLog().some((r) => r.headers.cookie);
  assert.equal(cookie, false);
});

function blendBody(uris, prompt = '海边') {
  return (body, draft, comp) => {
    const core = comp.abilities.generate.core_param;
    delete core.negative_prompt;
    delete core.seed;
    delete core.generate_type;
    core.prompt = '##'.repeat(uris.length) + prompt;
    comp.generate_type = 'blend';
    if (uris.length >= 2) draft.min_version = '3.2.9';
    const node = () => ({ type: '', id: crypto.randomUUID() });
    comp.abilities = {
      ...node(),
      blend: {
        ...node(),
        ...(uris.length >= 2 ? { min_version: '3.2.9' } : {}),
        min_features: [],
        core_param: core,
        ability_list: uris.map((uri) => ({
          ...node(),
          name: 'byte_edit',
          image_uri_list: [uri],
          image_list: [
            {
              type: 'image',
              id: 'i',
              source_from: 'upload',
              platform_type: 1,
              name: '',
              image_uri: uri,
              width: 0,
              height: 0,
              format: '',
              uri,
            },
          ],
          strength: 0.5,
        })),
        prompt_placeholder_info_list: uris.map((_, i) => ({ ...node(), ability_index: i })),
        postedit_param: { ...node(), generate_type: 0 },
      },
      gen_option: { ...node(), generate_all: false, gen_count: 1 },
    };
  };
}

test("a blend of two committed uploads makes pictures in the references' colours; an uncommitted uri is refused", async () => {
  const red = (await uploadImage(solidPng(32, 32, [220, 20, 20]))).commit.json.Result.Results[0].Uri;
  const blue = (await uploadImage(solidPng(32, 32, [20, 20, 220]))).commit.json.Result.Results[0].Uri;
  const r = await at.c.submit(blendBody([red, blue]));
  assert.equal(r.json.ret, '0', r.text);
  at.s.control.advance({ ms: 60_000 });
  const item = (await at.c.poll([r.submitId])).json.data[r.submitId].item_list[0];
  const png = await request(at.s.port, {
    path: new URL(item.image.large_images[0].image_url).pathname + new URL(item.image.large_images[0].image_url).search,
    host: 'p3-dreamina-sign.byteimg.com',
  });
  const picture = decodePng(png.buffer);
  const near = (got, want) => got.every((v, i) => Math.abs(v - want[i]) <= 30);
  const left = picture.rgbAt(Math.floor(picture.width / 4), picture.height / 2),
    right = picture.rgbAt(Math.floor((picture.width * 3) / 4), picture.height / 2);
  assert.ok(near(left, [220, 20, 20]), `left band ${left}`);
  assert.ok(near(right, [20, 20, 220]), `right band ${right}`);
  const never = await at.c.submit(blendBody(['tos-cn-i-tb4s082cfz/never-committed']));
  assert.equal(never.json.ret, '1000');
  assert.match(never.json.errmsg, /not found/);
  const noMarks = await at.c.submit((b, d, comp) => {
    blendBody([red, blue])(b, d, comp);
    comp.abilities.blend.core_param.prompt = '海边';
  });
  assert.equal(noMarks.json.ret, '1000');
});

test('超清 of a finished image is a 4096-px task charged on its own; an unfinished one is refused', async () => {
  const src = await at.c.submit();
  at.s.control.advance({ ms: 60_000 });
  const item = (await at.c.poll([src.submitId])).json.data[src.submitId].item_list[0];
  const up = (uri) => (body, draft, comp) => {
    draft.min_version = '3.2.9';
    comp.generate_type = 'normal_hd';
    const core = comp.abilities.generate.core_param;
    core.large_image_info.width = 4096;
    core.large_image_info.height = 4096;
    comp.abilities = {
      type: '',
      id: 'a',
      normal_hd: {
        type: '',
        id: 'b',
        core_param: core,
        postedit_param: { type: '', id: 'c', generate_type: 13, origin_image: { image_uri: uri } },
      },
      gen_option: { type: '', id: 'd', gen_count: 1 },
    };
  };
  const r = await at.c.submit(up(item.image.image_uri));
  assert.equal(r.json.ret, '0', r.text);
  at.s.control.advance({ ms: 60_000 });
  const big = (await at.c.poll([r.submitId])).json.data[r.submitId].item_list[0].image.large_images[0];
  assert.deepEqual([big.width, big.height], [4096, 4096]);
  assert.equal(at.s.control.ledger().find((l) => l.submit_id === r.submitId)?.amount, -9);
  const fresh = await at.c.submit();
  const early = await at.c.submit(
    up(`tos-cn-i-tb4s082cfz/${at.s.control.tasks().find((t) => t.submitId === fresh.submitId).historyId}00`),
  );
  assert.equal(early.json.ret, '1000');
});
