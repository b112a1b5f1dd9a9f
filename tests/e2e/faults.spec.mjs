// The fault suite: whatever fails (the worker, the browser, the network, the service, the session, a tab),
// every job ends in its right final state and the stand-in's ledger shows no submit charged twice.
import { test, expect } from '@playwright/test';
import { JIMENG, loggedInPage } from './browser.mjs';
import { expectChargedOnce, harness, useStandin } from './harness.mjs';

const env = useStandin(test);
const HISTORY = '/mweb/v1/get_history_by_ids';
const GENERATE = '/mweb/v1/aigc_draft/generate';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Each submit_id charged at most once (the ledger check every fault and trust test ends with). */
const expectNoDoubleCharge = () => expectChargedOnce(env.standin);

/** Gaps (ms) between consecutive polls, from the first poll at or after `from`. */
const pollGaps = (from) => {
  const times = env.standin.control
    .requests({ path: HISTORY })
    .map((r) => r.time)
    .filter((t) => t >= from);
  return times.slice(1).map((t, i) => t - times[i]);
};

test('10 concurrent jobs survive the worker being stopped again and again: each done, each charged once', async () => {
  env.standin.control.timings({ queueMs: 3000, perImageMs: 1200 });
  env.h = await harness(env.standin);
  const ids = [];
  for (let i = 0; i < 10; i++)
    ids.push((await env.h.submit({ prompt: `并发任务 ${i + 1}`, count: 1 + (i % 2) })).job.submitId);
  for (let round = 0; round < 12; round++) {
    await sleep(1500);
    await env.h.stopWorker();
    const jobs = await env.h.jobs();
    if (ids.every((id) => jobs[id]?.phase === 'done')) break;
  }
  for (const id of ids) await env.h.waitFor(id, (j) => j.phase === 'done', 60_000);
  expect(expectNoDoubleCharge().size).toBe(10);
});

test('HTTP 502, an HTML error page and a truncated body on polls are retried with growing waits; the job completes', async () => {
  env.standin.control.timings({ queueMs: 20_000 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '故障中的轮询', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'queued' && !j.attemptAt);
  const from = Date.now();
  for (const fault of [{ status: 502 }, { html: true }, { truncate: true }])
    env.standin.control.fault({ path: HISTORY, ...fault });
  env.standin.control.timings({ queueMs: 0 });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  expect(done.images).toHaveLength(1);
  const gaps = pollGaps(from);
  // After each failure the wait doubles (1.5 s while watched → 3 s → 6 s), then drops back.
  expect(gaps[0]).toBeGreaterThan(2500);
  expect(gaps[1]).toBeGreaterThan(5000);
  expect(gaps[2]).toBeGreaterThan(5000);
  expectNoDoubleCharge();
});

test('rate limited (1010) on polls: the waits between polls grow until the service lets go', async () => {
  env.standin.control.timings({ queueMs: 4000 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '限流', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'queued' && !j.attemptAt);
  const from = Date.now();
  env.standin.control.fault({ path: HISTORY, ret: 1010, count: 3 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  const gaps = pollGaps(from);
  expect(gaps[0]).toBeGreaterThan(2500); // 1.5 s × 2
  expect(gaps[1]).toBeGreaterThan(5500); // × 4
  expect(gaps[2]).toBeGreaterThan(11000); // × 8
  expectNoDoubleCharge();
});

test('rate limited (1010) on submit: the job waits, is sent again later with the same submit_id, and is charged once', async () => {
  env.standin.control.fault({ path: GENERATE, ret: 1010 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '限流提交', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  const sent = env.standin.control.requests({ path: GENERATE });
  expect(sent).toHaveLength(2);
  expect(sent[1].time - sent[0].time).toBeGreaterThan(14_000);
  expect(sent.map((r) => JSON.parse(r.body).submit_id)).toEqual([job.submitId, job.submitId]);
  expect(expectNoDoubleCharge().get(job.submitId)).toBe(1);
});

test('the session expires mid-job: the job waits for login, then resumes and completes', async () => {
  env.standin.control.timings({ queueMs: 6000 });
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '会话过期', count: 2 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'queued' && !j.attemptAt);
  env.standin.control.expireSession();
  await env.h.waitFor(job.submitId, (j) => j.needsLogin === true);
  await expect(env.h.popup.locator(`.job[data-submit-id="${job.submitId}"]`)).toHaveAttribute(
    'data-state',
    'needs-login',
  );
  await loggedInPage(env.h.context);
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done' && !j.needsLogin, 60_000);
  expect(done.images).toHaveLength(2);
  expect(expectNoDoubleCharge().get(job.submitId)).toBe(1);
});

test("a task that never finishes is given up at the service's time limit (on its clock) and no longer polled", async () => {
  env.standin.control.stallNext();
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '永远不会完成', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'generating' || (j.phase === 'queued' && !j.attemptAt), 30_000);
  env.standin.control.advance({ ms: 24 * 3_600_000 + 60_000 });
  const failed = await env.h.waitFor(job.submitId, (j) => j.phase === 'failed', 30_000);
  expect(failed.error).toMatchObject({ code: 'timeout', retry: 'never' });
  const asked = () =>
    env.standin.control.requests({ path: HISTORY }).filter((r) => r.body.includes(job.submitId)).length;
  const before = asked();
  await sleep(5000);
  expect(asked()).toBe(before);
});

test('the Jimeng tab closed during a submit: the job is found again and charged once', async () => {
  env.standin.control.fault({ path: GENERATE, delayMs: 2500 });
  env.h = await harness(env.standin);
  const pending = env.h.submit({ prompt: '提交时关闭标签页', count: 1 });
  await sleep(1000);
  await env.h.jimeng.close();
  const { job } = await pending;
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 60_000);
  expect(done.images).toHaveLength(1);
  expect(expectNoDoubleCharge().get(job.submitId)).toBe(1);
  expect((await env.h.context.pages()).some((p) => p.url().startsWith(JIMENG))).toBe(true); // a tab was reopened
});
