// npm run bench:all: the fast benchmarks in a row, then one table of their figures against their targets.
// Each bench still prints its own detail; they write artifacts/bench-*.json, which this reads back.
//   parse cost (bench/parse-history.mjs), the engine's step (bench/engine-step.mjs), upload digests
//   (bench/upload-digest.mjs), the core's size (scripts/size.mjs), start-up in Chromium (bench/e2e.mjs --startup)
import fs from 'node:fs';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

const run = (args) => execFileSync(process.execPath, args, { stdio: 'inherit' });
const read = (name) => JSON.parse(fs.readFileSync(`artifacts/${name}`, 'utf8'));
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

for (const bench of [
  ['bench/parse-history.mjs'],
  ['bench/engine-step.mjs'],
  ['bench/upload-digest.mjs'],
  ['bench/video.mjs'],
  ['scripts/size.mjs', '--top', '10'],
  ['bench/e2e.mjs', '--startup'],
]) {
  console.log(`\n==== ${bench.join(' ')}`);
  run(bench);
}

const parse = read('bench-parse-history.json');
const step = read('bench-step.json');
const upload = read('bench-upload.json');
const e2e = read('bench-e2e.json');
const video = read('bench-video.json');
const [videoAlone, videoWatched] = video.rows;
const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
const sizeKb = (gz('build/wasm/jimeng-core.wasm') + gz('build/wasm/jimeng-core.mjs')) / 1024;
const worstParse = Math.max(...parse.rows.map((r) => r.ratioBytes));
const stepBase = step.rows[0],
  stepTop = step.rows.at(-1);
const perJob = stepTop.tickMs / stepTop.unfinished / (stepBase.tickMs / stepBase.unfinished);
const ready = e2e.coldStartMs.map((c) => c.ready);
const rows = [
  ['core size, wasm + glue (KB gzip)', sizeKb.toFixed(1), '≤ 185', sizeKb <= 185],
  ['parse a poll answer, wasm / JS from bytes (worst)', `${worstParse.toFixed(2)}×`, '≤ 1.0×', worstParse <= 1],
  [`engine tick at ${stepTop.unfinished} unfinished jobs (ms)`, stepTop.tickMs.toFixed(1), '', null],
  [`  per job, against ${stepBase.unfinished} jobs`, `${perJob.toFixed(2)}×`, '≈ 1×', null],
  [
    `CRC-32 of ${upload.mb} MB, core / plain JS`,
    `${(upload.crcCoreMs / upload.crcPlainMs).toFixed(2)}×`,
    '≤ 1.0×',
    upload.crcCoreMs <= upload.crcPlainMs,
  ],
  [
    `video polls while queued ${video.queueMs / 60_000} min, against the web app's`,
    `${videoAlone.ratioToWebApp.toFixed(2)}×`,
    '< 1×',
    videoAlone.ratioToWebApp < 1,
  ],
  [
    '  seen done after it finished, no view / view open (s)',
    `${videoAlone.detectionS?.toFixed(0)} / ${videoWatched.detectionS?.toFixed(0)}`,
    '≤ 30/10',
    (videoAlone.detectionS ?? 99) <= 30 && (videoWatched.detectionS ?? 99) <= 10,
  ],
  ['worker cold start → core ready (ms, p50)', pct(ready, 50).toFixed(1), '≤ 50', pct(ready, 50) <= 50],
  [
    'popup open → interactive, worker warm (ms, p50)',
    pct(e2e.popupInteractiveMs, 50).toFixed(1),
    '≤ 100',
    pct(e2e.popupInteractiveMs, 50) <= 100,
  ],
  [
    'popup open → interactive, worker cold (ms, p50)',
    pct(e2e.popupInteractiveColdWorkerMs, 50).toFixed(1),
    '≤ 100',
    pct(e2e.popupInteractiveColdWorkerMs, 50) <= 100,
  ],
];
console.log('\n==== bench:all\nfigure                                               value      target   ');
for (const [name, value, target, met] of rows)
  console.log(
    `${name.padEnd(52)} ${String(value).padStart(8)}   ${target.padEnd(7)}  ${met === null ? '' : met ? 'met' : 'MISSED'}`,
  );
