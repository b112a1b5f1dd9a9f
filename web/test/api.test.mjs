import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { seedBody } from './client.mjs';
import { useStandinClient } from './standin-client.mjs';

const at = useStandinClient();
const withGenOption = (count) => (body, draft, comp) => {
  comp.abilities.gen_option = { type: '', id: 'x', generate_all: false, gen_count: count };
};

test("the seed request without the page's a_bogus is refused with 4013", async () => {
  const body = seedBody();
  const r = await at.c.post('/mweb/v1/aigc_draft/generate', body, { bogus: false });
  assert.equal(r.json.ret, '4013');
  assert.equal(at.s.control.ledger().length, 0);
});

test('the seed request with a valid a_bogus is accepted and the task sits under data.aigc_data', async () => {
  const r = await at.c.post('/mweb/v1/aigc_draft/generate', seedBody());
  assert.equal(r.json.ret, '0', r.text);
  const seedResponse = JSON.parse(
    fs.readFileSync(new URL('../../wasm/tests/samples/seed_submit_response.json', import.meta.url)),
  );
  for (const key of Object.keys(seedResponse.data)) assert.ok(key in r.json.data.aigc_data, `missing ${key}`);
  assert.equal(r.json.data.aigc_data.submit_id, '19637d71-15df-445e-b86d-490f3549cb85');
  assert.equal(r.json.data.aigc_data.status, 20);
  assert.equal(typeof r.json.ret, 'string');
});

test('not enough credits → 1006 and nothing charged', async () => {
  at.s.control.credits({ gift: 3 });
  const r = await at.c.submit(); // 4 images at 2K cost 4
  assert.equal(r.json.ret, '1006');
  assert.deepEqual(at.s.control.balance(), { gift_credit: 3, purchase_credit: 0, vip_credit: 0 });
  assert.equal(at.s.control.ledger().length, 0);
});

test('a task goes queued → generating with images streaming in → done with gen_count images', async () => {
  const { submitId, json } = await at.c.submit(withGenOption(3));
  assert.equal(json.ret, '0');
  const seen = [];
  let node;
  for (let step = 0; step < 40; step++) {
    node = (await at.c.poll([submitId])).json.data[submitId];
    seen.push([node.status, node.finished_image_count, node.item_list.length, node.queue_info.queue_idx]);
    if (node.status === 50) break;
    at.s.control.advance({ ms: 100 });
  }
  assert.equal(node.status, 50);
  assert.equal(node.item_list.length, 3);
  assert.equal(node.total_image_count, 3);
  assert.ok(
    seen.some(([st, , , pos]) => st === 20 && pos > 0),
    'queued with a position',
  );
  assert.ok(
    seen.some(([st]) => st === 42),
    'thinking',
  );
  assert.ok(
    seen.some(([st, fin, items]) => st === 45 && fin > 0 && fin < 3 && items === fin),
    'images stream in one by one',
  );
  assert.ok(JSON.stringify(node.item_list[0]).length > 15000, 'items are real-sized');
  const charges = at.s.control.ledger();
  assert.deepEqual(
    charges.map((r) => [r.submit_id, r.amount]),
    [[submitId, -3]],
  );
});

test('gen_count anywhere but gen_option is ignored: the default 4 images are made', async () => {
  const { submitId } = await at.c.submit((b, d, comp) => {
    comp.abilities.generate.core_param.gen_count = 1;
  });
  at.s.control.advance({ ms: 60_000 });
  const node = (await at.c.poll([submitId])).json.data[submitId];
  assert.equal(node.status, 50);
  assert.equal(node.item_list.length, 4);
});

test('a banned word fails the task with 2038 and refunds it', async () => {
  const { submitId } = await at.c.submit((b, d, comp) => {
    comp.abilities.generate.core_param.prompt = '一只违禁词猫';
  });
  at.s.control.advance({ ms: 60_000 });
  const node = (await at.c.poll([submitId])).json.data[submitId];
  assert.equal(node.status, 30);
  assert.equal(node.fail_code, '2038');
  assert.equal(
    at.s.control.ledger().reduce((a, r) => a + r.amount, 0),
    0,
  );
});

test('images download as PNGs of the task size; expired or forged URLs are refused; re-signing works', async () => {
  const { submitId } = await at.c.submit((b, d, comp) => {
    comp.abilities.gen_option = { gen_count: 1 };
  });
  at.s.control.advance({ ms: 60_000 });
  const item = (await at.c.poll([submitId])).json.data[submitId].item_list[0];
  const url = new URL(item.image.large_images[0].image_url);
  assert.equal(url.hostname, 'p3-dreamina-sign.byteimg.com');
  assert.ok(url.pathname.includes('aigc_resize_mark:0:0'));
  const { request } = await import('./client.mjs');
  const png = await request(at.s.port, { path: url.pathname + url.search, host: url.hostname });
  assert.equal(png.status, 200);
  assert.equal(png.buffer.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.buffer.readUInt32BE(16), png.buffer.readUInt32BE(20)], [2048, 2048]);
  const forged = await request(at.s.port, {
    path: url.pathname + url.search.replace('x-expires=', 'x-expires=9'),
    host: url.hostname,
  });
  assert.equal(forged.status, 403);
  at.s.control.advance({ ms: 80 * 60_000 });
  assert.equal(
    (await request(at.s.port, { path: url.pathname + url.search, host: url.hostname })).status,
    403,
    'full-size URLs expire',
  );
  const fresh = await at.c.post('/mweb/v1/get_image_by_uri', { uris: [item.image.large_images[0].image_uri] });
  const freshUrl = new URL(fresh.json.data.uri2image[item.image.large_images[0].image_uri].image_url);
  assert.equal(
    (await request(at.s.port, { path: freshUrl.pathname + freshUrl.search, host: freshUrl.hostname })).status,
    200,
  );
});

test('tasks can be polled by history id, unknown ids are absent, and tasks vanish after 24 h', async () => {
  const { submitId, json } = await at.c.submit();
  const historyId = json.data.aigc_data.history_record_id;
  const byHistory = await at.c.post('/mweb/v1/get_history_by_ids', { history_ids: [historyId] });
  assert.equal(byHistory.json.data[historyId].submit_id, submitId);
  const unknown = await at.c.poll(['00000000-0000-4000-8000-000000000000']);
  assert.deepEqual(unknown.json.data, {});
  const queue = await at.c.post('/mweb/v1/get_history_queue_info', { history_ids: [historyId] });
  assert.ok(queue.json.data[historyId].queue_idx > 0);
  at.s.control.advance({ ms: 25 * 3600_000 });
  assert.deepEqual((await at.c.poll([submitId])).json.data, {});
});

test('the ledger records each charge with its submit_id and pages through credit history', async () => {
  const a = await at.c.submit(withGenOption(1));
  const b = await at.c.submit(withGenOption(2));
  const hist = await at.c.post('/commerce/v1/benefits/user_credit_history', { count: 1, cursor: '0' });
  assert.equal(hist.json.ret, '0');
  assert.deepEqual(
    hist.json.data.records.map((r) => [r.submit_id, r.amount]),
    [[b.submitId, -2]],
  );
  assert.equal(hist.json.data.has_more, true);
  const next = await at.c.post('/commerce/v1/benefits/user_credit_history', {
    count: 5,
    cursor: hist.json.data.new_cursor,
  });
  assert.deepEqual(
    next.json.data.records.map((r) => r.submit_id),
    [a.submitId],
  );
  const credit = await at.c.post('/commerce/v1/benefits/user_credit', {});
  assert.equal(credit.json.data.credit.gift_credit, 197);
  const grant = await at.c.post('/commerce/v1/benefits/credit_receive', { time_zone: 'Asia/Shanghai' });
  assert.equal(grant.json.data.receive_quota, 60);
  assert.equal(
    (await at.c.post('/commerce/v1/benefits/credit_receive', { time_zone: 'Asia/Shanghai' })).json.data.receive_quota,
    0,
  );
});

test('a resubmitted submit_id is charged again, as on the real service', async () => {
  const body = seedBody();
  await at.c.post('/mweb/v1/aigc_draft/generate', body);
  await at.c.post('/mweb/v1/aigc_draft/generate', body);
  assert.equal(at.s.control.ledger().filter((r) => r.submit_id === body.submit_id).length, 2);
});

test('the catalogue lists every model with its sizes; the account endpoint answers only with a session', async () => {
  const r = await at.c.post('/mweb/v1/get_common_config', {});
  const v40 = r.json.data.model_list.find((m) => m.model_req_key === 'high_aes_general_v40');
  assert.deepEqual(
    v40.resolution_map['4k'].image_ratio_sizes.find((x) => x.ratio_type === 3),
    { ratio_type: 3, width: 5404, height: 3040 },
  );
  assert.equal(r.json.data.model_list.length, 9);
  assert.equal(
    (await at.c.post('/passport/account/info/v2', {}, { noQuery: true })).json.data.user_id,
    '4246729963603161',
  );
  at.s.control.expireSession();
  assert.equal((await at.c.post('/passport/account/info/v2', {}, { noQuery: true })).json.ret, '1015');
});
