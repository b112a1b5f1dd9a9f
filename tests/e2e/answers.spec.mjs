// Trust, slow answers: an answer Jimeng holds for up to 90 s, before or after it creates the task, is waited
// for, and the job is sent and charged once. (Part of the trust suite, trust.spec.mjs; in a file of its own
// so that the run starts its two longest tests first, beside the rest.)
import { test, expect } from '@playwright/test';
import { expectChargedOnce, harness, useStandin } from './harness.mjs';

const env = useStandin(test);
const GENERATE = '/mweb/v1/aigc_draft/generate';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sendsOf = (/** @type {string} */ submitId) =>
  env.standin.control.requests({ path: GENERATE }).filter((r) => JSON.parse(r.body).submit_id === submitId);

for (const [where, key] of [
  ['after', 'holdMs'],
  ['before', 'delayMs'],
]) {
  test(`answers held 5, 15, 45 and 90 s ${where} Jimeng creates the task are waited for: each job is sent and charged once`, async () => {
    test.setTimeout(180_000);
    for (const s of [5, 15, 45, 90]) env.standin.control.fault({ path: GENERATE, [key]: s * 1000 });
    env.h = await harness(env.standin);
    const ids = [];
    for (let i = 0; i < 4; i++)
      ids.push((await env.h.submit({ prompt: `慢回复 ${where} ${i + 1}`, count: 1 })).job.submitId);
    for (const id of ids) await env.h.waitFor(id, (j) => j.phase === 'done', 130_000);
    // Until the slowest answer is out, a resend could still happen: wait for all four.
    await expect
      .poll(() => ids.filter((id) => sendsOf(id).some((r) => r.answeredAt)).length, { timeout: 120_000 })
      .toBe(4);
    await sleep(3000);
    for (const id of ids) expect(sendsOf(id), `sends of ${id}`).toHaveLength(1);
    const charges = expectChargedOnce(env.standin);
    for (const id of ids) expect(charges.get(id)).toBe(1);
  });
}
