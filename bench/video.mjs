// npm run bench:video: how often the engine looks at videos that sit in Jimeng's queue, and how soon it sees
// one finish. Five Seedance videos are submitted to the stand-in with a 30-minute queue and a one-minute
// generation; the core's engine runs on a simulated clock (the stand-in's clock follows it), answering its
// actions as the worker does (submit, poll with one get_history_by_ids for all, wait). Poll requests per
// minute are compared with the web app's cadence (polling_config: every 30 s), with no view open and with one
// open. Prints a table and writes artifacts/bench-video.json; asserts nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { startStandin } from '../web/server.mjs';
import { Client } from '../web/test/client.mjs';
import { core } from '../tests/node/core-module.mjs';

const QUEUE_MS = 30 * 60_000,
  GEN_MS = 73_000,
  VIDEOS = 5,
  WEB_APP_POLL_S = 30;
const c = await core();
const TIMINGS = { videoQueueMs: QUEUE_MS, videoGenMs: GEN_MS, videoPollS: WEB_APP_POLL_S, videoQueuePosition: 40 };
const s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs', timings: TIMINGS, credits: 100_000 });
const bytes = (text) => new TextEncoder().encode(text);

async function run(watched) {
  s.control.reset({ credits: 100_000, timings: TIMINGS, limits: { videoLane: VIDEOS } });
  const client = new Client(s);
  await client.login();
  const start = Date.now();
  let now = start;
  const clock = () => now;
  const advance = (ms) => {
    now += ms;
    s.control.advance({ ms });
  };
  /** @type {any} */
  const state = { jobs: [], batches: [], engine: {} };
  const inputs = new Map();
  for (let i = 0; i < VIDEOS; i++) {
    const input = {
      now: clock(),
      entropy: crypto.randomBytes(32).toString('hex'),
      model: 'dreamina_seedance_40_pro',
      prompt: `镜头 ${i + 1}`,
      video: { durationS: 5 },
    };
    const built = c.buildGenerate(input);
    inputs.set(built.job.submitId, built);
    state.jobs.push({
      submitId: built.job.submitId,
      phase: 'submitting',
      createdAt: clock(),
      model: built.job.model,
      kind: 'video',
    });
  }
  const polls = [];
  let seenDoneAt = 0;
  const apply = (answer) => {
    for (const p of answer.jobs) {
      const j = state.jobs.find((x) => x.submitId === p.submitId);
      Object.assign(j, p.set);
      for (const k of p.unset) delete j[k];
    }
    state.engine = answer.engine;
    state.jobs = state.jobs.filter((j) => j.phase !== 'done' && j.phase !== 'failed');
    return answer.actions;
  };
  const doneAt = start + QUEUE_MS + GEN_MS;
  // As the worker does: every action of an answer is performed, and only the last wait asked for sets the timer.
  let queue = apply(c.step(state, { type: 'submit', watched }, clock()));
  for (let guard = 0; guard < 100_000 && state.jobs.length; guard++) {
    let wait = null;
    while (queue.length) {
      const a = queue.shift();
      if (a.type === 'wait') {
        wait = a.ms;
        continue;
      }
      if (a.type === 'submit') {
        const r = await client.post('/mweb/v1/aigc_draft/generate', JSON.parse(inputs.get(a.submitId).request.body));
        queue.push(
          ...apply(
            c.step(
              state,
              { type: 'submitted', submitId: a.submitId, result: c.parseGenerate(bytes(r.text)), watched },
              clock(),
            ),
          ),
        );
      } else if (a.type === 'poll') {
        polls.push(clock() - start);
        const r = await client.poll(a.submitIds);
        const result = c.parseHistory(bytes(r.text), { submitIds: a.submitIds });
        const before = state.jobs.length;
        queue.push(
          ...apply(
            c.step(state, { type: 'polled', submitIds: a.submitIds, result, sentAt: a.sentAt, watched }, clock()),
          ),
        );
        if (state.jobs.length < before && !seenDoneAt) seenDoneAt = clock();
      }
    }
    if (!state.jobs.length) break;
    advance(Math.max(wait ?? 1000, 1));
    queue = apply(c.step(state, { type: 'tick', watched }, clock()));
  }
  if (process.env.DEBUG) console.log(polls.map((t) => Math.round(t / 1000)).join(' ')); // when each poll left (s)
  const queuedPolls = polls.filter((t) => t < QUEUE_MS).length;
  return {
    view: watched ? 'open' : 'none',
    pollsPerMinuteQueued: queuedPolls / (QUEUE_MS / 60_000),
    pollsInAll: polls.length,
    webAppPollsPerMinute: 60 / WEB_APP_POLL_S,
    ratioToWebApp: queuedPolls / (QUEUE_MS / 60_000) / (60 / WEB_APP_POLL_S),
    detectionS: seenDoneAt ? (seenDoneAt - doneAt) / 1000 : null,
  };
}

const rows = [await run(false), await run(true)];
await s.close();
console.log(
  `bench:video: ${VIDEOS} videos, ${QUEUE_MS / 60_000} min queued + ${GEN_MS / 1000} s generating (stand-in clock)`,
);
console.log('view   polls/min queued   web app /min   ratio   polls in all   detection after done');
for (const r of rows)
  console.log(
    `${r.view.padEnd(6)} ${r.pollsPerMinuteQueued.toFixed(2).padStart(17)}   ${r.webAppPollsPerMinute.toFixed(2).padStart(12)}   ${r.ratioToWebApp.toFixed(2).padStart(5)}   ${String(r.pollsInAll).padStart(12)}   ${r.detectionS === null ? 'never' : `${r.detectionS.toFixed(1)} s`}`,
  );
fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync(
  'artifacts/bench-video.json',
  JSON.stringify({ at: new Date().toISOString(), videos: VIDEOS, queueMs: QUEUE_MS, genMs: GEN_MS, rows }, null, 2),
);
