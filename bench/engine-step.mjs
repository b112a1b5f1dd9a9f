// npm run bench:step: the core's `step` cost per event as the unfinished work grows (100 / 1,000 / 10,000
// jobs: rows of batches waiting to be sent, plus 5 in flight), measured as the worker calls it (the state
// crosses as JSON text, the answer is parsed). A tick and a poll's answer are timed; the per-job cost is the
// ratio against the 100-job figure of the same run. Prints a table and writes artifacts/bench-step.json;
// asserts nothing.
import fs from 'node:fs';
import { core } from '../tests/node/core-module.mjs';

const SIZES = [100, 1_000, 10_000];
const RUNS = 30;
const now = 1_771_893_826_123;
const c = await core();

function stateOf(n) {
  const batches = Array.from({ length: Math.ceil(n / 1000) }, (_, b) => ({
    id: `b${b}`,
    state: 'running',
    concurrency: 5,
    gapMs: 1000,
    spreadMs: 500,
  }));
  const jobs = Array.from({ length: n }, (_, i) => ({
    submitId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    phase: i < 5 ? 'queued' : 'submitting',
    createdAt: now - 60_000,
    batchId: `b${Math.floor(i / 1000)}`,
    row: (i % 1000) + 1,
  }));
  return { jobs, batches, engine: { nextPollAt: now, watched: true } };
}

function time(fn) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const rows = [];
for (const n of SIZES) {
  const state = stateOf(n);
  const ids = state.jobs.slice(0, 5).map((j) => j.submitId);
  const tasks = Object.fromEntries(ids.map((id) => [id, { state: 'generating', total: 4, finished: 2, images: [] }]));
  const tick = time(() => c.step(state, { type: 'tick', entropy: 7 }, now + 2000));
  const polled = time(() => c.step(state, { type: 'polled', submitIds: ids, result: { ok: true, tasks } }, now + 2000));
  const bytes = JSON.stringify(state).length;
  rows.push({ unfinished: n, tickMs: tick, polledMs: polled, stateKB: bytes / 1024 });
}
const base = rows[0];
console.log('unfinished jobs   state (KB)   tick (ms)   poll answer (ms)   per job vs 100');
for (const r of rows)
  console.log(
    `${String(r.unfinished).padStart(15)}   ${r.stateKB.toFixed(0).padStart(10)}   ${r.tickMs.toFixed(2).padStart(9)}   ${r.polledMs.toFixed(2).padStart(16)}   ${(r.tickMs / r.unfinished / (base.tickMs / base.unfinished)).toFixed(2).padStart(14)}×`,
  );
fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync('artifacts/bench-step.json', JSON.stringify({ rows }, null, 2));
console.log('\nwritten: artifacts/bench-step.json');
