// npm run bench:batch: a batch of many rows through the real extension and the stand-in (fast profile),
// in headless Chromium. Prints a table and writes artifacts/bench-batch.json; asserts nothing (a missed target
// is said in the output).
//   wall time from Start to the batch's end, against the ideal for its concurrency and the tasks' own
//   durations on the service (the sum of their durations over K: slots never idle, answers seen at once);
//   poll requests a minute during the run, for a 50- and a 500-row batch (should not grow with the size);
//   the worker's JS heap during the run (sampled every 2 s over CDP).
// Pace: no pause between submits (gapMs 0), so what is measured is the engine, not the chosen pace.
import fs from 'node:fs';
import { startStandin } from '../web/server.mjs';
import { harness, readJobs } from '../tests/e2e/harness.mjs';

const K = 5;
const COUNT = Number(process.env.BATCH_COUNT ?? 4);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const POLL = '/mweb/v1/get_history_by_ids';
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** The worker's heap, over the browser's CDP (a service worker has no page to open a session on). */
async function workerHeap(h) {
  const cdp = await h.context.browser()?.newBrowserCDPSession?.();
  if (!cdp) return null;
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(h.id));
  if (!sw) {
    await cdp.detach();
    return null;
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  const answer = new Promise((resolve) =>
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      if (m.id === 1) resolve(m.result);
    }),
  );
  await cdp.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
  });
  const result = await Promise.race([answer, sleep(3000).then(() => null)]);
  await cdp.detach();
  return result ? result.usedSize : null;
}

const batchOf = (h, id) =>
  h.worker().evaluate(async (batchId) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('jimeng-helper');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const q = db.transaction('batches').objectStore('batches').get(batchId);
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
    } finally {
      db.close();
    }
  }, id);

async function run(standin, rows, { watched }) {
  standin.control.reset();
  standin.control.credits({ gift: 1_000_000 });
  standin.control.limits({ queueCap: 10, dailyLimit: 100_000 });
  const h = await harness(standin);
  try {
    const text = Array.from({ length: rows }, (_, i) => `基准 第 ${i + 1} 张 · 远山与河流`).join('\n');
    const input = { format: 'lines', text, defaults: { count: COUNT } };
    const preview = await h.send({ type: 'ui:batch-preview', input });
    const started = await h.send({
      type: 'ui:batch-start',
      input: { ...input, now: preview.now, entropy: preview.entropy },
      concurrency: K,
      gapMs: 0,
    });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    // Nothing of ours on screen: the unwatched cadence. (The popup page comes back at the end to read the store.)
    if (!watched) await h.popup.goto('about:blank');
    const heap = [];
    let batch;
    for (const t0 = Date.now(); Date.now() - t0 < 30 * 60_000; await sleep(2000)) {
      const used = await workerHeap(h).catch(() => null);
      if (used) heap.push(used);
      batch = await batchOf(h, started.batch.id);
      if (process.env.BATCH_DEBUG)
        log(
          JSON.stringify({
            state: batch?.state,
            timed: batch?.timed,
            fastest: batch?.fastestMs,
            pending: batch?.pendingMs,
          }),
        );
      if (batch?.state === 'ended') break;
    }
    if (batch?.state !== 'ended') throw new Error('the batch did not end');
    if (!watched) await h.popup.goto(`chrome-extension://${h.id}/popup/popup.html`);
    const tasks = standin.control.tasks();
    // Where the time beyond the ideal goes: from a task's end on the service to our seeing it (detection),
    // and from there to the next task's arrival (the submit's way through the engine, the page and the network).
    const jobs = Object.values(await readJobs(h.popup)).filter((j) => j.batchId === started.batch.id);
    const doneAt = new Map(tasks.map((t) => [t.submitId, t.doneAt]));
    const seen = jobs.map((j) => j.updatedAt).sort((a, b) => a - b);
    const detection = jobs.map((j) => j.updatedAt - doneAt.get(j.submitId)).filter(Number.isFinite);
    const refill = tasks
      .map((t) => t.createdAt - (seen.filter((x) => x <= t.createdAt).pop() ?? Number.NaN))
      .filter(Number.isFinite);
    const durations = tasks.map((t) => t.doneAt - t.createdAt);
    const ideal = Math.max(durations.reduce((a, b) => a + b, 0) / K, Math.max(...durations));
    const wall = batch.endedAt - batch.createdAt;
    const polls = standin.control
      .requests({ path: POLL })
      .filter((r) => r.time >= batch.createdAt && r.time <= batch.endedAt);
    const submits = standin.control
      .requests({ path: '/mweb/v1/aigc_draft/generate' })
      .filter((r) => r.ret === '0').length;
    return {
      rows,
      watched,
      tasks: tasks.length,
      submits,
      wallS: wall / 1000,
      idealS: ideal / 1000,
      overhead: wall / ideal - 1,
      detectionMs: mean(detection),
      refillMs: mean(refill),
      fastestMs: batch.fastestMs,
      pendingMs: batch.pendingMs,
      meanTaskS: durations.reduce((a, b) => a + b, 0) / durations.length / 1000,
      pollsPerMinute: (polls.length * 60_000) / wall,
      idsPerPoll: polls.length
        ? polls.map((r) => JSON.parse(r.body).submit_ids.length).reduce((a, b) => a + b) / polls.length
        : 0,
      heapMB: heap.length ? { min: Math.min(...heap) / 2 ** 20, max: Math.max(...heap) / 2 ** 20 } : null,
    };
  } finally {
    await h.context.close();
  }
}

const standin = await startStandin({ profile: 'fast' });
const results = [];
try {
  // BATCH_RUNS=50w,500u for a shorter run (w: the popup open; u: nothing on screen).
  for (const [rows, watched] of (process.env.BATCH_RUNS ?? '50w,500w,500u')
    .split(',')
    .map((r) => [Number.parseInt(r, 10), r.endsWith('w')])) {
    log(`${rows} rows, ${watched ? 'watched (popup open)' : 'unwatched'}, ${K} at once, ${COUNT} images a row`);
    const r = await run(standin, rows, { watched });
    results.push(r);
    log(
      `  ${r.wallS.toFixed(1)} s against an ideal ${r.idealS.toFixed(1)} s: overhead ${(r.overhead * 100).toFixed(1)}%; ${r.pollsPerMinute.toFixed(1)} polls a minute (${r.idsPerPoll.toFixed(1)} ids each)`,
    );
  }
} finally {
  await standin.close();
}

console.log(
  `\n| rows | on screen | tasks | submits | mean task (s) | ideal (s) | wall (s) | overhead | detection (ms) | refill (ms) | polls / min | ids / poll | worker heap (MB) |`,
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.rows} | ${r.watched ? 'popup' : 'nothing'} | ${r.tasks} | ${r.submits} | ${r.meanTaskS.toFixed(2)} | ${r.idealS.toFixed(1)} | ${r.wallS.toFixed(1)} | ${(r.overhead * 100).toFixed(1)}% | ${r.detectionMs.toFixed(0)} | ${r.refillMs.toFixed(0)} | ${r.pollsPerMinute.toFixed(1)} | ${r.idsPerPoll.toFixed(1)} | ${r.heapMB ? `${r.heapMB.min.toFixed(1)}–${r.heapMB.max.toFixed(1)}` : 'n/a'} |`,
  );
for (const r of results.filter((x) => x.rows >= 500))
  console.log(
    `${r.rows} rows ${r.watched ? 'watched' : 'unwatched'}: overhead ${(r.overhead * 100).toFixed(1)}% (target ≤ 10%): ${r.overhead <= 0.1 ? 'met' : 'MISSED'}`,
  );
const [small, large] = [
  results.find((r) => r.rows < 500 && r.watched),
  results.find((r) => r.rows >= 500 && r.watched),
];
if (small && large)
  console.log(
    `polls a minute, ${large.rows} against ${small.rows} rows (watched): ${(large.pollsPerMinute / small.pollsPerMinute).toFixed(2)}× (target: independent of size, ≈ 1×)`,
  );
fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync('artifacts/bench-batch.json', JSON.stringify({ k: K, count: COUNT, results }, null, 2));
