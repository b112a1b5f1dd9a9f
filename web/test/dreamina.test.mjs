// The stand-in's Dreamina (shared/protocol.md §9), with requests built by hand from the protocol: the page on
// dreamina.capcut.com, its API on the account's cluster, the SDK's three parameters, the app headers, CORS.
import test from 'node:test';
import assert from 'node:assert/strict';
import { request } from './client.mjs';
import { GENERATE_QUERY, appHeaders, imageBody, post, standin, useDreaminaStandin } from './dreamina-client.mjs';

useDreaminaStandin();

test('a Dreamina image submit with the app headers and the SDK parameters is made on the SG cluster, its images on its CDN', async () => {
  const body = imageBody();
  const r = await post('mweb-api-sg.capcut.com', '/mweb/v1/aigc_draft/generate', body, { query: GENERATE_QUERY });
  assert.equal(r.json.ret, '0', r.text);
  assert.equal(r.headers['access-control-allow-origin'], 'https://dreamina.capcut.com');
  assert.equal(r.headers['access-control-allow-credentials'], 'true');
  await standin.s.control.advance({ ms: 60_000 });
  const polled = await post(
    'mweb-api-sg.capcut.com',
    '/mweb/v1/get_history_by_ids',
    { submit_ids: [body.submit_id] },
    {
      query: 'aid=513641&device_platform=web&region=SG&da_version=3.3.9&web_version=7.5.0&aigc_features=app_lip_sync',
      sdk: false,
    },
  );
  const node = polled.json.data[body.submit_id];
  assert.equal(node.status, 50, polled.text);
  assert.match(
    node.item_list[0].image.large_images[0].image_url,
    /^https:\/\/p16-dreamina-sign-sg\.ibyteimg\.com\/tos-alisg-i-/,
  );
  assert.equal(standin.s.control.ledger().length, 1);
});

test('without the app headers the page call is refused 3018/1017, and without the SDK parameters -6', async () => {
  const body = imageBody();
  const { did, ...withoutDid } = appHeaders('/mweb/v1/aigc_draft/generate');
  assert.ok(did);
  const bare = await post('mweb-api-sg.capcut.com', '/mweb/v1/aigc_draft/generate', body, {
    query: GENERATE_QUERY,
    headers: withoutDid,
  });
  assert.equal(bare.json.ret, '3018');
  assert.equal(bare.json.data.fail_code, '1017');
  const unsigned = await post('mweb-api-sg.capcut.com', '/mweb/v1/aigc_draft/generate', body, {
    query: GENERATE_QUERY,
    sdk: false,
  });
  assert.equal(unsigned.json.ret, '-6');
  assert.equal(standin.s.control.ledger().length, 0, 'nothing charged');
});

test('an image submit with commerce info or sceneOptions is refused 3018, as the US write-up found', async () => {
  const body = imageBody();
  body.extend.m_video_commerce_info = { benefit_type: 'x' };
  const r = await post('mweb-api-sg.capcut.com', '/mweb/v1/aigc_draft/generate', body, { query: GENERATE_QUERY });
  assert.equal(r.json.ret, '3018');
});

test('the US cluster answers an SG account 1015, like a dead session', async () => {
  const r = await post(
    'dreamina-api.us.capcut.com',
    '/mweb/v1/get_history_by_ids',
    { submit_ids: ['x'] },
    {
      query: 'aid=513641&device_platform=web&region=US&da_version=3.3.9&web_version=7.5.0&aigc_features=app_lip_sync',
      sdk: false,
    },
  );
  assert.equal(r.json.ret, '1015');
});

test('the commerce host answers credits as response text with a sign, and answers a preflight for the page', async () => {
  const path = '/commerce/v1/benefits/user_credit';
  const r = await post(
    'commerce-api-sg.capcut.com',
    path,
    {},
    { sdk: false, headers: appHeaders(path, { commerce: true }) },
  );
  assert.equal(r.json.ret, '0', r.text);
  assert.equal(r.json.data, undefined);
  assert.ok(JSON.parse(r.json.response).credit.gift_credit >= 0);
  assert.ok(r.json.sign.length > 100);
  const pre = await request(standin.s.port, {
    method: 'OPTIONS',
    host: 'commerce-api-sg.capcut.com',
    path,
    headers: { origin: 'https://dreamina.capcut.com', 'access-control-request-headers': 'did,sign' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-headers'], 'did,sign');
  const foreign = await request(standin.s.port, {
    method: 'OPTIONS',
    host: 'commerce-api-sg.capcut.com',
    path,
    headers: { origin: 'https://evil.example' },
  });
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
});

test('the Dreamina page carries its cluster, device and the SDK that signs API calls', async () => {
  const page = await request(standin.s.port, {
    host: 'dreamina.capcut.com',
    path: '/ai-tool/generate',
    headers: { cookie: standin.cookie },
  });
  assert.match(page.text, /"apiOrigin":"https:\/\/mweb-api-sg\.capcut\.com"/);
  assert.match(page.text, /dreamina-sdk\.js/);
  assert.match(page.text, /<html lang="en">/);
  const sdk = await request(standin.s.port, { host: 'dreamina.capcut.com', path: '/static/dreamina-sdk.js' });
  assert.match(sdk.text, /X-Gnarly/);
  const jimeng = await request(standin.s.port, { path: '/ai-tool/generate', headers: { cookie: standin.cookie } });
  assert.match(jimeng.text, /data-logged-in="false"/, 'a Dreamina session is no Jimeng session');
});
