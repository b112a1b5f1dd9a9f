import test from 'node:test';
import assert from 'node:assert/strict';
import { useStandinClient } from './standin-client.mjs';

const at = useStandinClient();
const poll = () => at.c.poll(['00000000-0000-4000-8000-000000000000']);

test('injected ret codes answer the next N calls, then the service is back', async () => {
  at.s.control.fault({ path: 'get_history_by_ids', ret: '1010', errmsg: 'too many requests', count: 2 });
  assert.equal((await poll()).json.ret, '1010');
  assert.equal((await poll()).json.ret, '1010');
  assert.equal((await poll()).json.ret, '0');
});

test('an HTML error page, HTTP 502 and a truncated body', async () => {
  at.s.control.fault({ html: true });
  const page = await poll();
  assert.equal(page.json, null);
  assert.match(page.text, /<html/);
  at.s.control.fault({ status: 502 });
  assert.equal((await poll()).status, 502);
  at.s.control.fault({ truncate: true });
  const cut = await poll();
  assert.equal(cut.status, 200);
  assert.equal(cut.json, null);
  assert.ok(cut.text.startsWith('{"ret":"0"'));
});

test('a dropped connection before processing leaves nothing behind', async () => {
  at.s.control.fault({ path: 'generate', drop: true });
  await assert.rejects(at.c.submit());
  assert.equal(at.s.control.ledger().length, 0);
  assert.equal(at.s.control.tasks().length, 0);
});

test('an answer dropped after processing: the task exists, is charged, and is found by its submit_id', async () => {
  at.s.control.fault({ path: 'generate', dropAfter: true });
  let submitId;
  await assert.rejects(
    at.c.submit((body) => {
      submitId = body.submit_id;
    }),
  );
  assert.equal(at.s.control.ledger().length, 1);
  const r = await at.c.poll([submitId]);
  assert.equal(r.json.data[submitId].submit_id, submitId);
});

test('a delay holds the answer back', async () => {
  at.s.control.fault({ delayMs: 300 });
  const t = Date.now();
  assert.equal((await poll()).json.ret, '0');
  assert.ok(Date.now() - t >= 290);
});

test('a hold after processing: the task exists and is charged while its answer is still on its way', async () => {
  at.s.control.fault({ path: 'generate', holdMs: 600 });
  let submitId;
  const t = Date.now();
  const answer = at.c.submit((body) => {
    submitId = body.submit_id;
  });
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(at.s.control.ledger().length, 1, 'charged before the answer left');
  assert.equal((await at.c.poll([submitId])).json.data[submitId].submit_id, submitId);
  await answer;
  assert.ok(Date.now() - t >= 590);
});

test('history lag: a new task is absent from get_history_by_ids until historyLagMs have passed', async () => {
  at.s.control.timings({ historyLagMs: 400 });
  const { submitId } = await at.c.submit();
  assert.equal((await at.c.poll([submitId])).json.data[submitId], undefined);
  await new Promise((r) => setTimeout(r, 450));
  assert.equal((await at.c.poll([submitId])).json.data[submitId].submit_id, submitId);
});

test('an unknown ret on every call', async () => {
  at.s.control.fault({ ret: '7777', errmsg: '未知错误', count: 1000 });
  for (let i = 0; i < 3; i++) assert.equal((await poll()).json.ret, '7777');
  assert.equal((await at.c.submit()).json.ret, '7777');
  assert.equal(at.s.control.ledger().length, 0);
});

test('stalled tasks never finish; bumped versions refuse old clients; every request is recorded', async () => {
  at.s.control.stallNext({ count: 1 });
  const { submitId } = await at.c.submit();
  at.s.control.advance({ ms: 3600_000 });
  assert.equal((await at.c.poll([submitId])).json.data[submitId].status, 45);
  at.s.control.versions({ appvr: '8.5.0' });
  assert.equal((await poll()).json.ret, '3018');
  at.c.versions.appvr = '8.5.0';
  assert.equal((await poll()).json.ret, '0');
  const seen = at.s.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
  assert.equal(seen.length, 1);
  assert.ok(seen[0].query.a_bogus && seen[0].query.msToken && seen[0].headers.sign);
  assert.equal(JSON.parse(seen[0].body).submit_id, submitId);
});

test('the control endpoint needs its header', async () => {
  const { request } = await import('./client.mjs');
  const denied = await request(at.s.port, { method: 'POST', path: '/__standin/ledger', body: '{}' });
  assert.equal(denied.status, 404);
  const ok = await request(at.s.port, {
    method: 'POST',
    path: '/__standin/ledger',
    body: '{}',
    headers: { 'x-standin-control': '1' },
  });
  assert.deepEqual(JSON.parse(ok.text), []);
});
