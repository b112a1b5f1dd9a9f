// The job engine: every job submitted once through the page, tracked to all its images, whatever happens
// to the worker, the answers or the session.
import { test, expect } from '@playwright/test';
import { expectedSign } from '../../web/checks.mjs';
import { harness, useStandin } from './harness.mjs';

const env = useStandin(test);

const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
const charges = (id) => env.standin.control.ledger().filter((r) => r.submit_id === id);

test('a job goes to done with every image, submitted once through the page with anti-bot tokens and a valid sign', async () => {
  env.h = await harness(env.standin);
  const r = await env.h.submit({ prompt: '一只橘猫', count: 3, ratio: '16:9' });
  expect(r.ok).toBe(true);
  const job = await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  expect(job.images).toHaveLength(3);
  expect(job.images.every((i) => i.width === 2560 && i.height === 1440)).toBe(true);
  expect(generates()).toHaveLength(1);
  const sent = generates()[0];
  expect(sent.query.msToken.length).toBeGreaterThan(100);
  expect(sent.query.a_bogus).toBeTruthy();
  expect(sent.headers.sign).toBe(
    expectedSign('/mweb/v1/aigc_draft/generate', sent.headers['device-time'], sent.headers.appvr),
  );
  expect(charges(r.job.submitId)).toHaveLength(1);
});

test('three concurrent jobs are polled together in one request', async () => {
  env.h = await harness(env.standin);
  const ids = [];
  for (const prompt of ['山', '水', '云']) ids.push((await env.h.submit({ prompt, count: 1 })).job.submitId);
  for (const id of ids) await env.h.waitFor(id, (j) => j.phase === 'done');
  const polls = env.standin.control
    .requests({ path: '/mweb/v1/get_history_by_ids' })
    .map((r) => JSON.parse(r.body).submit_ids ?? []);
  expect(polls.some((ids3) => ids.every((id) => ids3.includes(id)))).toBe(true);
});

test('a worker stopped mid-job comes back and finishes the job', async () => {
  env.standin.control.timings({ queueMs: 2500 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '夜色中的城市', count: 2 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'queued');
  await env.h.stopWorker();
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 80_000);
  expect(done.images).toHaveLength(2);
  expect(generates()).toHaveLength(1);
});

test('a lost submit answer is looked up, not resent: exactly one charge and the job completes', async () => {
  env.standin.control.fault({ path: 'aigc_draft/generate', dropAfter: true });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '雪山日出', count: 2 });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  expect(done.images).toHaveLength(2);
  expect(generates()).toHaveLength(1);
  expect(charges(job.submitId)).toHaveLength(1);
});

test('a submit that never reached Jimeng is looked up, then sent again once with the same submit_id', async () => {
  test.setTimeout(120_000);
  // Every attempt is dropped for 10 s: the browser's own resends of the POST (Chromium makes 3 to 5 on its
  // reused idle connections) run out, and the engine's path is taken. Its one resend comes after the look-up
  // (a minute after the first send at the soonest: Jimeng may still be making a task from it).
  env.standin.control.fault({ path: 'aigc_draft/generate', drop: true, forMs: 10_000 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '海边的灯塔', count: 1 });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 100_000);
  expect(done.resends).toBe(1);
  const sent = generates();
  expect(new Set(sent.map((r) => JSON.parse(r.body).submit_id))).toEqual(new Set([job.submitId]));
  const accepted = sent.filter((r) => r.ret === '0');
  expect(accepted).toHaveLength(1);
  // The attempt that got through came only after the engine had asked Jimeng about that submit_id.
  const asked = env.standin.control
    .requests({ path: '/mweb/v1/get_history_by_ids' })
    .filter((r) => r.body.includes(job.submitId));
  expect(asked.length).toBeGreaterThan(0);
  expect(asked[0].time).toBeLessThan(accepted[0].time);
  expect(accepted[0].time - sent[0].time, 'the resend waited for the look-up').toBeGreaterThan(55_000);
  expect(charges(job.submitId)).toHaveLength(1);
});

test('not enough credits: a clear failure, no retry, no charge', async () => {
  env.standin.control.credits({ gift: 1 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '一只猫', count: 4 });
  const failed = await env.h.waitFor(job.submitId, (j) => j.phase === 'failed');
  expect(failed.error.kind).toBe('insufficient_credits');
  await new Promise((r) => setTimeout(r, 3000));
  expect(generates()).toHaveLength(1);
  expect(env.standin.control.ledger()).toHaveLength(0);
});

test('a moderated prompt: content_rejected, no retry, no net charge', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '一只违禁词猫', count: 1 });
  const failed = await env.h.waitFor(job.submitId, (j) => j.phase === 'failed');
  expect(failed.error.kind).toBe('content_rejected');
  expect(failed.error.retry).toBe('never');
  await new Promise((r) => setTimeout(r, 3000));
  expect(generates()).toHaveLength(1);
  expect(env.standin.control.ledger().reduce((a, r) => a + r.amount, 0)).toBe(0);
});

test('logged out: the job waits for login, then completes by itself', async () => {
  env.h = await harness(env.standin);
  env.standin.control.expireSession();
  const { job } = await env.h.submit({ prompt: '竹林小径', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.needsLogin === true);
  await env.h.jimeng.goto('https://jimeng.jianying.com/login?auto=1');
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  expect(done.images).toHaveLength(1);
  expect(charges(job.submitId)).toHaveLength(1);
});

test('Jimeng bumps its versions: the extension learns them from the reloaded page and keeps working', async () => {
  env.h = await harness(env.standin);
  env.standin.control.versions({ appvr: '8.5.0', daVersion: '3.3.28' });
  const { job } = await env.h.submit({ prompt: '古镇雨巷', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  const accepted = generates().filter((r) => r.ret === '0');
  expect(accepted).toHaveLength(1);
  expect(accepted[0].headers.appvr).toBe('8.5.0');
  expect(accepted[0].query.da_version).toBe('3.3.28');
  expect(charges(job.submitId)).toHaveLength(1);
});

test('the browser closed and reopened on the same profile mid-job: the job is still tracked to the end', async () => {
  env.standin.control.timings({ queueMs: 3000 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '晨雾中的小船', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'queued');
  const profile = env.h.userDataDir;
  await env.h.context.close();
  env.h = await harness(env.standin, { userDataDir: profile });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 80_000);
  expect(done.images).toHaveLength(1);
  expect(generates()).toHaveLength(1);
});

test('with no popup open and the tracker only in a background tab, polling slows to one request per 10 s', async () => {
  env.standin.control.timings({ queueMs: 120_000 });
  env.h = await harness(env.standin);
  await env.h.popup.close();
  await env.h.jimeng.close();
  const r = await env.h.worker().evaluate(() => self.jimeng.generateFromSelection('没人在看', undefined, { count: 1 }));
  for (const start = Date.now(); Date.now() - start < 20_000; await new Promise((res) => setTimeout(res, 300)))
    if (
      env.standin.control.requests({ path: '/mweb/v1/get_history_by_ids' }).some((q) => q.body.includes(r.job.submitId))
    )
      break;
  const from = Date.now();
  await new Promise((res) => setTimeout(res, 25_000));
  const times = env.standin.control
    .requests({ path: '/mweb/v1/get_history_by_ids' })
    .filter((q) => q.time >= from)
    .map((q) => q.time);
  expect(times.length).toBeGreaterThanOrEqual(2);
  expect(times.length).toBeLessThanOrEqual(3);
  for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(9_000);
});
