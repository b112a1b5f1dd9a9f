// npm run bench:e2e (its last part): the same figures on Jimeng and on Dreamina (SG), in one run against the
// stand-in, so a cost that only one site pays shows as a ratio. Prints a table and writes
// artifacts/bench-sites.json; asserts nothing (a missed target is said in the output).
//   detection latency, popup open: the stand-in marks a task done → the job stored as done, p50/p90 over 12 jobs
//   poll requests a minute with 5 running jobs, popup open
import fs from 'node:fs';
import { startStandin } from '../web/server.mjs';
import { harness, readJobs } from '../tests/e2e/harness.mjs';

const JOBS = 12;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** One site's figures, in a browser of its own logged in there (and only there). */
async function measure(site) {
  const standin = await startStandin({ profile: 'fast' });
  standin.control.credits({ gift: 100_000 });
  standin.control.limits({ queueCap: 1_000 });
  const h = await harness(standin, { login: site === 'jimeng' });
  try {
    if (site === 'dreamina') {
      const page = await h.context.newPage();
      await page.goto('https://dreamina.capcut.com/login?auto=1');
      await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(window.fetch)));
    }
    await h.popup.reload();
    for (let t0 = Date.now(); Date.now() - t0 < 20_000; await sleep(250))
      if ((await h.popup.locator('#session').getAttribute('data-state')) === 'ready') break;

    // Detection latency with the popup open: done times spread from 3 s on.
    const ids = [];
    for (let i = 0; i < JOBS; i++) {
      standin.control.timings({ queueMs: 3000 + i * 500, thinkMs: 200, perImageMs: 300 });
      const r = await h.submit({ prompt: `${site} ${i}`, count: 1 });
      if (!r.ok) throw new Error(`${site}: ${JSON.stringify(r.error)}`);
      ids.push(r.job.submitId);
    }
    let latency = [];
    for (const t0 = Date.now(); Date.now() - t0 < 90_000; await sleep(100)) {
      const jobs = await readJobs(h.popup);
      if (ids.every((id) => jobs[id]?.phase === 'done')) {
        const doneAt = Object.fromEntries(standin.control.tasks().map((t) => [t.submitId, t.doneAt]));
        latency = ids.map((id) => jobs[id].updatedAt - doneAt[id]);
        break;
      }
    }
    if (!latency.length) throw new Error(`${site}: jobs did not finish`);

    // Poll requests a minute with 5 jobs running for long, the popup open.
    standin.control.timings({ queueMs: 10 * 60_000 });
    const running = [];
    for (let i = 0; i < 5; i++) running.push((await h.submit({ prompt: `${site} long ${i}`, count: 1 })).job.submitId);
    await sleep(5000);
    const from = Date.now();
    await sleep(20_000);
    const polls = standin.control
      .requests({ path: '/mweb/v1/get_history_by_ids' })
      .filter((r) => r.time >= from && running.some((id) => r.body.includes(id)));
    return {
      site,
      latencyP50: pct(latency, 50),
      latencyP90: pct(latency, 90),
      pollsPerMinute: (polls.length * 60_000) / 20_000,
      hosts: [...new Set(polls.map((r) => r.host))],
    };
  } finally {
    await h.context.close();
    await standin.close();
  }
}

const jimeng = await measure('jimeng');
const dreamina = await measure('dreamina');
const ratio = (a, b) => (b ? a / b : NaN);
const within = (r) => (Math.abs(r - 1) <= 0.1 ? 'met' : 'MISSED');
console.log('\nBoth sites: the same figures on Jimeng and on Dreamina (stand-in, popup open)\n');
console.log('                                   Jimeng   Dreamina   ratio');
console.log(
  `detection latency p50 (ms)       ${String(Math.round(jimeng.latencyP50)).padStart(8)} ${String(Math.round(dreamina.latencyP50)).padStart(10)}   ${ratio(dreamina.latencyP50, jimeng.latencyP50).toFixed(2)}`,
);
console.log(
  `detection latency p90 (ms)       ${String(Math.round(jimeng.latencyP90)).padStart(8)} ${String(Math.round(dreamina.latencyP90)).padStart(10)}   ${ratio(dreamina.latencyP90, jimeng.latencyP90).toFixed(2)}`,
);
console.log(
  `poll requests a minute, 5 jobs   ${jimeng.pollsPerMinute.toFixed(1).padStart(8)} ${dreamina.pollsPerMinute.toFixed(1).padStart(10)}   ${ratio(dreamina.pollsPerMinute, jimeng.pollsPerMinute).toFixed(2)}`,
);
console.log(`  polled on: ${jimeng.hosts.join(', ')} | ${dreamina.hosts.join(', ')}`);
console.log(
  `  target within 10% of each other: polls ${within(ratio(dreamina.pollsPerMinute, jimeng.pollsPerMinute))}; ` +
    `latency p50 ${within(ratio(dreamina.latencyP50, jimeng.latencyP50))} (a few hundred ms either way is one poll's spacing)`,
);
fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync('artifacts/bench-sites.json', `${JSON.stringify({ jimeng, dreamina }, null, 2)}\n`);
console.log('\nwritten: artifacts/bench-sites.json');
