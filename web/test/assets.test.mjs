// The stand-in's past work (protocol §8): get_asset_list pages newest first from end_time_stamp, images and
// videos as whole nodes with their drafts, read by the core as records.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './client.mjs';
import { useStandinClient } from './standin-client.mjs';

const at = useStandinClient();

const pageBody = (cursor = 0, count = 20) => ({
  count,
  direction: 1,
  mode: 'workbench',
  option: {
    image_info: { width: 2048, height: 2048, format: 'webp', image_scene_list: [] },
    origin_image_info: { width: 96, height: 2048, format: 'webp', image_scene_list: [] },
    order_by: 0,
    only_favorited: false,
    end_time_stamp: cursor,
    hide_story_agent_result: true,
  },
  asset_type_list: [1, 2, 5, 6, 7, 8, 9, 10],
});

test('paging from end_time_stamp walks every past record once, newest first, images and videos', async () => {
  at.s.control.seedPastWork({ count: 450, videoShare: 0.2 });
  const seen = new Set();
  let cursor = 0,
    pages = 0,
    last = Infinity,
    videos = 0;
  for (;;) {
    const r = await at.c.post('/mweb/v1/get_asset_list', pageBody(cursor, 100));
    assert.equal(r.json.ret, '0', r.text.slice(0, 200));
    pages++;
    for (const a of r.json.data.asset_list) {
      const node = a.image ?? a.video;
      assert.ok(!seen.has(a.id), `asset ${a.id} twice`);
      seen.add(a.id);
      assert.ok(node.created_time * 1000 <= last, 'newest first');
      last = node.created_time * 1000;
      assert.equal(typeof node.draft_content, 'string');
      if (a.type === 7) {
        videos++;
        assert.equal(node.generate_type, 32);
        assert.equal(node.item_list[0].common_attr.effect_type, 53);
      }
    }
    if (!r.json.data.has_more) break;
    cursor = r.json.data.next_offset;
  }
  assert.equal(seen.size, 450);
  assert.equal(pages, 5);
  assert.ok(videos > 50 && videos < 130, `${videos} videos`);
});

test("a page asked for without the page's anti-bot token, or with a count out of range, is refused", async () => {
  assert.equal((await at.c.post('/mweb/v1/get_asset_list', pageBody(), { bogus: false })).json.ret, '4013');
  assert.equal((await at.c.post('/mweb/v1/get_asset_list', pageBody(0, 0))).json.ret, '1000');
  assert.equal((await at.c.post('/mweb/v1/get_asset_list', { ...pageBody(), mode: 'x' })).json.ret, '1000');
});

test('risk control and gateway faults can be put on a page of the walk', async () => {
  at.s.control.seedPastWork({ count: 30 });
  at.s.control.fault({ path: '/mweb/v1/get_asset_list', ret: '1019', errmsg: 'shark not pass' });
  assert.equal((await at.c.post('/mweb/v1/get_asset_list', pageBody())).json.ret, '1019');
  at.s.control.fault({ path: '/mweb/v1/get_asset_list', status: 502 });
  assert.equal((await at.c.post('/mweb/v1/get_asset_list', pageBody())).status, 502);
  assert.equal((await at.c.post('/mweb/v1/get_asset_list', pageBody())).json.data.asset_list.length, 20);
});

test("after a reset, a new account's past work of the same size is listed, not the last test's", async () => {
  const first = at.s.control.seedPastWork({ count: 3 });
  const node = (await at.c.post('/mweb/v1/get_asset_list', pageBody())).json.data.asset_list[0];
  assert.equal((node.image ?? node.video).submit_id, first.newest);
  at.s.control.reset();
  at.c = new Client(at.s);
  await at.c.login();
  const second = at.s.control.seedPastWork({ count: 3 });
  const listed = (await at.c.post('/mweb/v1/get_asset_list', pageBody())).json.data.asset_list.map(
    (a) => (a.image ?? a.video).submit_id,
  );
  assert.ok(listed.includes(second.newest), 'the new records');
  assert.ok(!listed.includes(first.newest), 'not the old ones');
});

test('in end-time order unfinished work comes first, then work by when it ended; a stuck cursor does not move', async () => {
  at.s.control.assetList({ order: 'end' });
  at.s.control.seedPastWork({ count: 5, videoShare: 0 });
  const running = at.s.control.webTask({ agoMs: 3_600_000, doneInMs: 60_000 }); // made an hour ago, still running
  const r = await at.c.post('/mweb/v1/get_asset_list', pageBody(0, 3));
  assert.equal(r.json.data.asset_list[0].image.submit_id, running.submitId);
  at.s.control.assetList({ stuckPages: 1 });
  const stuck = await at.c.post('/mweb/v1/get_asset_list', pageBody(r.json.data.next_offset, 3));
  assert.equal(stuck.json.data.has_more, true);
  assert.equal(stuck.json.data.next_offset, r.json.data.next_offset);
});
