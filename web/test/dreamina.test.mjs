// The stand-in's Dreamina (shared/protocol.md §9), with requests built by hand from the protocol: the page on
// dreamina.capcut.com, its API on the account's cluster, the SDK's three parameters, the app headers, CORS.
import test, { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startStandin } from '../server.mjs';
import { Client, request, seedBody } from './client.mjs';
import { expectedSign } from '../checks.mjs';
import { xBogus } from '../dreamina.mjs';

let s, cookie;
before(async () => {
  s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
});
after(() => s.close());
beforeEach(async () => {
  s.control.reset();
  const r = await request(s.port, { host: 'dreamina.capcut.com', path: '/login?auto=1' });
  const cookies = [].concat(r.headers['set-cookie'] ?? []);
  assert.ok(
    cookies.every((c) => c.includes('Domain=.capcut.com')),
    'the session cookie is on .capcut.com, for the API hosts',
  );
  cookie = cookies.map((c) => c.split(';')[0]).join('; ');
});

const appHeaders = (path, { commerce = false } = {}) => {
  const time = String(Math.floor(Date.now() / 1000));
  const h = {
    appid: '513641',
    appvr: '8.4.0',
    pf: '7',
    sign: expectedSign(path, time, '8.4.0'),
    'sign-ver': '1',
    'device-time': time,
    tdid: '',
    'content-type': 'application/json',
    did: '7488306417429124625',
    lan: commerce ? 'EN' : 'en',
    'store-country-code': 'sg',
    'store-country-code-src': 'uid',
  };
  return commerce ? h : { ...h, 'app-sdk-version': '48.0.0', loc: 'SG' };
};
const GENERATE_QUERY =
  'aid=513641&device_platform=web&region=SG&da_version=3.3.9&os=windows&web_component_open_flag=1&commerce_with_input_video=1&web_version=7.5.0&aigc_features=app_lip_sync';

/** The SG page's image submit, from the Jimeng capture turned into §9.5's image form. */
function imageBody() {
  const body = seedBody();
  body.submit_id = crypto.randomUUID();
  body.http_common_info = { aid: 513641 };
  body.extend = { root_model: body.extend.root_model, workspace_id: 0 };
  const metrics = JSON.parse(body.metrics_extra);
  delete metrics.sceneOptions;
  body.metrics_extra = JSON.stringify(metrics);
  return body;
}

async function post(host, path, body, { query = '', sdk = true, headers = appHeaders(path) } = {}) {
  const text = JSON.stringify(body);
  let search = query;
  if (sdk) {
    const msToken = crypto.randomBytes(81).toString('base64url');
    search += `&msToken=${msToken}&X-Bogus=${encodeURIComponent(xBogus(s.state.secret, path, msToken, text))}&X-Gnarly=${crypto.randomBytes(20).toString('hex')}`;
  }
  const r = await request(s.port, {
    method: 'POST',
    host,
    path: `${path}${search ? `?${search.replace(/^&/, '')}` : ''}`,
    body: text,
    headers: { ...headers, cookie, origin: 'https://dreamina.capcut.com' },
  });
  return { ...r, json: JSON.parse(r.text) };
}

test('a Dreamina image submit with the app headers and the SDK parameters is made on the SG cluster, its images on its CDN', async () => {
  const body = imageBody();
  const r = await post('mweb-api-sg.capcut.com', '/mweb/v1/aigc_draft/generate', body, { query: GENERATE_QUERY });
  assert.equal(r.json.ret, '0', r.text);
  assert.equal(r.headers['access-control-allow-origin'], 'https://dreamina.capcut.com');
  assert.equal(r.headers['access-control-allow-credentials'], 'true');
  await s.control.advance({ ms: 60_000 });
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
  assert.equal(s.control.ledger().length, 1);
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
  assert.equal(s.control.ledger().length, 0, 'nothing charged');
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
  const pre = await request(s.port, {
    method: 'OPTIONS',
    host: 'commerce-api-sg.capcut.com',
    path,
    headers: { origin: 'https://dreamina.capcut.com', 'access-control-request-headers': 'did,sign' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-headers'], 'did,sign');
  const foreign = await request(s.port, {
    method: 'OPTIONS',
    host: 'commerce-api-sg.capcut.com',
    path,
    headers: { origin: 'https://evil.example' },
  });
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
});

test('the Dreamina page carries its cluster, device and the SDK that signs API calls', async () => {
  const page = await request(s.port, { host: 'dreamina.capcut.com', path: '/ai-tool/generate', headers: { cookie } });
  assert.match(page.text, /"apiOrigin":"https:\/\/mweb-api-sg\.capcut\.com"/);
  assert.match(page.text, /dreamina-sdk\.js/);
  assert.match(page.text, /<html lang="en">/);
  const sdk = await request(s.port, { host: 'dreamina.capcut.com', path: '/static/dreamina-sdk.js' });
  assert.match(sdk.text, /X-Gnarly/);
  const jimeng = await request(s.port, { path: '/ai-tool/generate', headers: { cookie } });
  assert.match(jimeng.text, /data-logged-in="false"/, 'a Dreamina session is no Jimeng session');
});

const HISTORY_QUERY =
  'aid=513641&device_platform=web&region=SG&da_version=3.3.9&web_version=7.5.0&aigc_features=app_lip_sync';
const BRIEF_QUERY = 'aid=513641&web_version=7.5.0&da_version=3.3.9&aigc_features=app_lip_sync';
const LOCAL_ITEMS = '/mweb/v1/get_local_item_list';
const localItems = (ids) => ({
  item_id_list: ids,
  pack_item_opt: { scene: 1, need_data_integrity: true },
  is_for_video_download: true,
});

/** Past Dreamina videos, as get_asset_list lists them on the SG cluster: their item ids. */
async function pastDreaminaVideos(count) {
  s.control.seedPastWork({ count, videoShare: 1, site: 'dreamina' });
  const page = await post(
    'mweb-api-sg.capcut.com',
    '/mweb/v1/get_asset_list',
    {
      count: 20,
      direction: 1,
      mode: 'workbench',
      asset_type_list: [1, 2, 5, 6, 7, 8, 9, 10],
      option: { end_time_stamp: 0, image_info: { image_scene_list: [] } },
    },
    { query: BRIEF_QUERY, sdk: false },
  );
  assert.equal(page.json.ret, '0', page.text);
  return page.json.data.asset_list.map((a) => a.video.item_list[0].common_attr.id);
}

test("past work is listed per site: Dreamina's on its cluster, never on Jimeng", async () => {
  const ids = await pastDreaminaVideos(3);
  assert.equal(ids.length, 3);
  s.control.seedPastWork({ count: 2, videoShare: 0 });
  const c = new Client(s);
  await c.login();
  const jimeng = await c.post('/mweb/v1/get_asset_list', {
    count: 20,
    direction: 1,
    mode: 'workbench',
    asset_type_list: [1, 2, 5, 6, 7, 8, 9, 10],
    option: { end_time_stamp: 0, image_info: { image_scene_list: [] } },
  });
  assert.equal(jimeng.json.ret, '0', jimeng.text);
  assert.equal(jimeng.json.data.asset_list.length, 2, "Jimeng lists its own two, not Dreamina's three");
});

test('a Dreamina video is downloaded as the page does: get_local_item_list names its file on the CDN, watermarked on a free plan', async () => {
  const [id, other] = await pastDreaminaVideos(2);
  const r = await post('mweb-api-sg.capcut.com', LOCAL_ITEMS, localItems([id, other]), { query: HISTORY_QUERY });
  assert.equal(r.json.ret, '0', r.text);
  assert.deepEqual(r.json.data.item_list.map((i) => i.common_attr.id).sort(), [id, other].sort());
  const origin = r.json.data.item_list.find((i) => i.common_attr.id === id).video.transcoded_video.origin;
  assert.match(origin.video_url, /^https:\/\/v16-cc\.capcut\.com\/.*wm\.mp4\?.*lr=display_watermark_aigc/);
  assert.equal(origin.logo_type, 'display_watermark_aigc');
  const url = new URL(origin.video_url);
  const file = await request(s.port, { host: url.host, path: url.pathname + url.search });
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'video/mp4');

  s.control.dreaminaPlan({ plan: 'subscriber' });
  const clean = await post('mweb-api-sg.capcut.com', LOCAL_ITEMS, localItems([id]), { query: HISTORY_QUERY });
  assert.match(
    clean.json.data.item_list[0].video.transcoded_video.origin.video_url,
    /^https:\/\/v16-cc\.capcut\.com\/.*clean\.mp4\?/,
  );
  assert.equal(clean.json.data.item_list[0].video.transcoded_video.origin.logo_type, '');
});

test("get_local_item_list is signed by the page's SDK (-6 without) and takes only the page's body", async () => {
  const [id] = await pastDreaminaVideos(1);
  assert.equal(
    (await post('mweb-api-sg.capcut.com', LOCAL_ITEMS, localItems([id]), { query: HISTORY_QUERY, sdk: false })).json
      .ret,
    '-6',
  );
  for (const body of [
    localItems([Number(id)]),
    { ...localItems([id]), is_for_video_download: false },
    { item_id_list: [id] },
    localItems([]),
  ])
    assert.equal(
      (await post('mweb-api-sg.capcut.com', LOCAL_ITEMS, body, { query: HISTORY_QUERY })).json.ret,
      '1000',
      JSON.stringify(body),
    );
});

test('a new Dreamina release refuses calls from the older app version with 3018, as Jimeng does', async () => {
  s.control.versions({ appvr: '8.5.0' });
  const r = await post(
    'mweb-api-sg.capcut.com',
    '/mweb/v1/get_history_by_ids',
    { submit_ids: [crypto.randomUUID()] },
    { query: HISTORY_QUERY, sdk: false },
  );
  assert.equal(r.json.ret, '3018');
  const time = String(Math.floor(Date.now() / 1000));
  const fresh = {
    ...appHeaders('/mweb/v1/get_history_by_ids'),
    appvr: '8.5.0',
    'device-time': time,
    sign: expectedSign('/mweb/v1/get_history_by_ids', time, '8.5.0'),
  };
  const ok = await post(
    'mweb-api-sg.capcut.com',
    '/mweb/v1/get_history_by_ids',
    { submit_ids: [crypto.randomUUID()] },
    { query: HISTORY_QUERY, sdk: false, headers: fresh },
  );
  assert.equal(ok.json.ret, '0', ok.text);
});
