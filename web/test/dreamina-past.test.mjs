// The stand-in's Dreamina past work and video downloads (shared/protocol.md §9.6): listed per site, downloaded
// as the page does (get_local_item_list, SDK-signed), and a new release's 3018.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client, request } from './client.mjs';
import { appHeaders, post, standin, useDreaminaStandin } from './dreamina-client.mjs';
import { expectedSign } from '../checks.mjs';

useDreaminaStandin();

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
  standin.s.control.seedPastWork({ count, videoShare: 1, site: 'dreamina' });
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
  standin.s.control.seedPastWork({ count: 2, videoShare: 0 });
  const c = new Client(standin.s);
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
  const file = await request(standin.s.port, { host: url.host, path: url.pathname + url.search });
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'video/mp4');

  standin.s.control.dreaminaPlan({ plan: 'subscriber' });
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
  standin.s.control.versions({ appvr: '8.5.0' });
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
