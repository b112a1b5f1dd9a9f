// The core's two new contracts through the wrapped API the extension calls (wasm/jimeng-core.d.ts): a Dreamina
// session's requests (protocol §9) and an edit of finished work (§10), with the item id digit-exact in the text
// even though JavaScript's numbers cannot hold it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { core } from './core-module.mjs';

const c = await core();
const now = 1790786145000;
const entropy = '00112233445566778899aabbccddeeff';
const session = {
  site: 'dreamina',
  apiOrigin: 'https://mweb-api-sg.capcut.com',
  commerceOrigin: 'https://commerce-api-sg.capcut.com',
  region: 'SG',
  loc: 'SG',
  storeCountry: 'sg',
  lan: 'zh-Hant-TW',
  did: '7488306417429124625',
  daVersion: '3.3.12',
  webVersion: '7.5.0',
  appVersion: '8.4.0',
};

test('a Dreamina image goes to the account cluster with the page query and the app headers the SDK does not add', () => {
  const a = c.buildGenerate({ prompt: 'a lighthouse at dusk', now, entropy, session });
  assert.equal(a.ok, true, JSON.stringify(a));
  const url = new URL(a.request.url);
  assert.equal(url.origin, 'https://mweb-api-sg.capcut.com');
  assert.deepEqual(
    [...url.searchParams.keys()],
    [
      'aid',
      'device_platform',
      'region',
      'da_version',
      'os',
      'web_component_open_flag',
      'commerce_with_input_video',
      'web_version',
      'aigc_features',
    ],
  );
  for (const sdk of ['msToken', 'X-Bogus', 'X-Gnarly', 'a_bogus', 'webId'])
    assert.equal(url.searchParams.has(sdk), false, sdk);
  assert.equal(a.request.headers.did, '7488306417429124625');
  assert.equal(a.request.headers.appid, '513641');
  assert.equal(a.request.headers['store-country-code-src'], 'uid');
  assert.equal(
    a.request.headers.sign,
    c.sign('/mweb/v1/aigc_draft/generate', Number(a.request.headers['device-time']), '8.4.0'),
  );
  assert.equal(a.request.referrer, 'https://dreamina.capcut.com/');
  assert.equal(JSON.parse(a.request.body).http_common_info.aid, 513641);
});

test('the same input without a site builds the mainland request, Dreamina keys ignored', () => {
  const plain = c.buildGenerate({ prompt: 'p', now, entropy });
  const ignored = c.buildGenerate({
    prompt: 'p',
    now,
    entropy,
    session: { ...session, site: 'jimeng', daVersion: undefined, webVersion: undefined, appVersion: undefined },
  });
  assert.deepEqual(ignored, plain);
  assert.match(plain.request.url, /^https:\/\/jimeng\.jianying\.com\/mweb\/v1\/aigc_draft\/generate\?aid=513695&/);
});

test('a Dreamina session missing the page values is refused by name, never guessed', () => {
  const { did, ...withoutDid } = session;
  const a = c.buildHistory({ submitIds: ['0b5e8c7e-6c43-4c4e-9a0f-7f2a1c3d4e5f'], now, session: withoutDid });
  assert.equal(a.ok, false);
  assert.equal(a.error.field, 'session.did');
  assert.ok(did);
});

test('a Dreamina 1015 reads as the wrong cluster, to learn again, not as logged out', () => {
  const body = JSON.stringify({ ret: '1015', errmsg: 'login error' });
  const a = c.parseHistory(body, { site: 'dreamina', submitIds: [] });
  assert.equal(a.ok, false);
  assert.equal(a.error.retry, 'after_refresh');
  assert.notEqual(a.error.kind, 'login_required');
});

const draftContent =
  '{"type":"draft","id":"d","main_component_id":"c1","component_list":[{"type":"image_base_component","id":"c1",' +
  '"abilities":{"generate":{"core_param":{"large_image_info":{"width":2048,"height":2048}}}}}]}';

test('an upscale of a finished image chains to it with the item id exact beyond 2^53', () => {
  const a = c.buildPostStep({
    now,
    entropy,
    tool: 'upscale',
    source: {
      submitId: 'a9e6b1f0-1b2c-4d3e-8f4a-5b6c7d8e9f00',
      historyId: '7549662611135089959',
      itemId: '7549662611135122727',
      model: 'high_aes_general_v40',
      draftContent,
    },
  });
  assert.equal(a.ok, true, JSON.stringify(a));
  const draft = JSON.parse(a.request.body).draft_content;
  assert.match(draft, /"item_id":7549662611135122727[,}]/);
  assert.match(draft, /"origin_history_id":7549662611135089959[,}]/);
  assert.ok(
    draft.includes('"component_list":[{"type":"image_base_component","id":"c1",'),
    'the source replayed as it was',
  );
  assert.deepEqual(a.job.parent, {
    submitId: 'a9e6b1f0-1b2c-4d3e-8f4a-5b6c7d8e9f00',
    historyId: '7549662611135089959',
    itemId: '7549662611135122727',
  });
  assert.equal(a.job.tool, 'upscale');
  const again = c.buildPostStep({
    now,
    entropy,
    tool: 'upscale',
    source: {
      submitId: 'a9e6b1f0-1b2c-4d3e-8f4a-5b6c7d8e9f00',
      historyId: '7549662611135089959',
      itemId: '7549662611135122727',
      model: 'high_aes_general_v40',
      draftContent,
    },
  });
  assert.equal(again.job.submitId, a.job.submitId, 'the same entropy gives the same submit_id');
});

test('a post-step refusal names its field', () => {
  const source = { submitId: 's', historyId: '1', itemId: '12x', model: 'm', draftContent };
  assert.equal(c.buildPostStep({ now, entropy, tool: 'upscale', source }).error.field, 'source.itemId');
  assert.equal(c.buildPostStep({ now, entropy, tool: 'lipSync', source }).error.field, 'tool');
});
