// Past work end to end without a browser: the core's get_asset_list requests walk the stand-in's pages, and the
// core reads every record with the settings it was made with.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startStandin } from '../../web/server.mjs';
import { Client } from '../../web/test/client.mjs';
import { core } from './core-module.mjs';

let s, c, jc;
before(async () => {
  s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
  jc = await core();
  c = new Client(s);
  await c.login();
});
after(() => s.close());

test("the core walks 300 past records page by page and reads each one's task and settings", async () => {
  s.control.seedPastWork({ count: 300, videoShare: 0.25 });
  const records = [];
  let cursor = 0;
  for (let page = 0; page < 50; page++) {
    const built = jc.buildAssetList({ now: Date.now(), count: 50, cursor });
    assert.ok(built.ok, JSON.stringify(built));
    const r = await c.post('/mweb/v1/get_asset_list', JSON.parse(built.request.body));
    const read = jc.parseAssetList(new TextEncoder().encode(r.text));
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    records.push(...read.records);
    if (!read.hasMore) break;
    cursor = read.nextCursor;
  }
  assert.equal(records.length, 300);
  assert.equal(new Set(records.map((r) => r.job.submitId)).size, 300);
  const videos = records.filter((r) => r.job.kind === 'video');
  assert.ok(videos.length > 40);
  for (const v of videos) {
    assert.equal(v.task.state, 'done');
    assert.equal(v.task.videos.length, 1);
    assert.deepEqual([v.job.model, v.job.durationS, v.job.ratioLabel], ['dreamina_seedance_40_pro', 5, '16:9']);
  }
  const image = records.find((r) => r.job.kind === 'image');
  assert.equal(image.task.images.length, image.job.count);
  assert.match(image.job.prompt, /作品 第\d+号/);
  assert.ok(
    records.every((r, i) => i === 0 || r.createdMs <= records[i - 1].createdMs),
    'newest first',
  );
});
