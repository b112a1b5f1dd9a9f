import test, { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startStandin } from '../server.mjs';
import { Client } from './client.mjs';

let s, c;
before(async () => {
  s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
});
after(() => s.close());
beforeEach(async () => {
  s.control.reset();
  c = new Client(s);
  await c.login();
});
const poll = () => c.poll(['00000000-0000-4000-8000-000000000000']);

test('injected ret codes answer the next N calls, then the service is back', async () => {
  s.control.fault({ path: 'get_history_by_ids', ret: '1010', errmsg: 'too many requests', count: 2 });
  assert.equal((await poll()).json.ret, '1010');
  assert.equal((await poll()).json.ret, '1010');
  assert.equal((await poll()).json.ret, '0');
});

test('an HTML error page, HTTP 502 and a truncated body', async () => {
  s.control.fault({ html: true });
  const page = await poll();
  assert.equal(page.json, null);
  assert.match(page.text, /<html/);
  s.control.fault({ status: 502 });
  assert.equal((await poll()).status, 502);
  s.control.fault({ truncate: true });
  const cut = await poll();
  assert.equal(cut.status, 200);
  assert.equal(cut.json, null);
  assert.ok(cut.text.startsWith('{"ret":"0"'));
});

test('a dropped connection before processing leaves nothing behind', async () => {
  s.control.fault({ path: 'generate', drop: true });
  await assert.rejects(c.submit());
  assert.equal(s.control.ledger().length, 0);
  assert.equal(s.control.tasks().length, 0);
});

test('an answer dropped after processing: the task exists, is charged, and is found by its submit_id', async () => {
  s.control.fault({ path: 'generate', dropAfter: true });
  let submitId;
  await assert.rejects(
    c.submit((body) => {
      submitId = body.submit_id;
    }),
  );
  assert.equal(s.control.ledger().length, 1);
  const r = await c.poll([submitId]);
  assert.equal(r.json.data[submitId].submit_id, submitId);
});

test('a delay holds the answer back', async () => {
  s.control.fault({ delayMs: 300 });
  const t = Date.now();
  assert.equal((await poll()).json.ret, '0');
  assert.ok(Date.now() - t >= 290);
});

test('a hold after processing: the task exists and is charged while its answer is still on its way', async () => {
  s.control.fault({ path: 'generate', holdMs: 600 });
  let submitId;
  const t = Date.now();
  const answer = c.submit((body) => {
    submitId = body.submit_id;
  });
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(s.control.ledger().length, 1, 'charged before the answer left');
  assert.equal((await c.poll([submitId])).json.data[submitId].submit_id, submitId);
  await answer;
  assert.ok(Date.now() - t >= 590);
});

test('history lag: a new task is absent from get_history_by_ids until historyLagMs have passed', async () => {
  s.control.timings({ historyLagMs: 400 });
  const { submitId } = await c.submit();
  assert.equal((await c.poll([submitId])).json.data[submitId], undefined);
  await new Promise((r) => setTimeout(r, 450));
  assert.equal((await c.poll([submitId])).json.data[submitId].submit_id, submitId);
});

test('an unknown ret on every call', async () => {
  s.control.fault({ ret: '7777', errmsg: '未知错误', count: 1000 });
  for (let i = 0; i < 3; i++) assert.equal((await poll()).json.ret, '7777');
  assert.equal((await c.submit()).json.ret, '7777');
  assert.equal(s.control.ledger().length, 0);
});

test('stalled tasks never finish; bumped versions refuse old clients; every request is recorded', async () => {
  s.control.stallNext({ count: 1 });
  const { submitId } = await c.submit();
  s.control.advance({ ms: 3600_000 });
  assert.equal((await c.poll([submitId])).json.data[submitId].status, 45);
  s.control.versions({ appvr: '8.5.0' });
  assert.equal((await poll()).json.ret, '3018');
  c.versions.appvr = '8.5.0';
  assert.equal((await poll()).json.ret, '0');
  const seen = s.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
  assert.equal(seen.length, 1);
  assert.ok(seen[0].query.a_bogus && seen[0].query.msToken && seen[0].headers.sign);
  assert.equal(JSON.parse(seen[0].body).submit_id, submitId);
});

test('the control endpoint needs its header', async () => {
  const { request } = await import('./client.mjs');
  const denied = await request(s.port, { method: 'POST', path: '/__standin/ledger', body: '{}' });
  assert.equal(denied.status, 404);
  const ok = await request(s.port, {
    method: 'POST',
    path: '/__standin/ledger',
    body: '{}',
    headers: { 'x-standin-control': '1' },
  });
  assert.deepEqual(JSON.parse(ok.text), []);
});
