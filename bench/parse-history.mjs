// npm run bench: the core's parse cost on real-sized poll answers, wasm against the plain-JS baseline, in
// one run, plus the shipped size of wasm + glue. Prints figures; asserts nothing about time.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { core, wasmDir } from '../tests/node/core-module.mjs';
import { realisticHistory } from './realistic-history.mjs';
import { parseHistoryJs } from './js-baseline.mjs';

const c = await core();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * Medians of each function's time, measured in alternation (one run of each per round): the heap, the JIT
 * and the machine's load drift over a run, and blocks of one side after the other gave ratios that moved by
 * ±30% between runs of the same build.
 */
function timeTogether(fns, runs) {
  for (let i = 0; i < 30; i++) for (const fn of fns) fn(); // warm up both JITs (and wasm tier-up)
  const xs = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      fn();
      xs[k].push(performance.now() - t);
    });
  }
  return xs.map(median);
}

const rows = [];
for (const tasks of [1, 4, 10, 50]) {
  const { text, ids } = realisticHistory(tasks);
  const bytes = new TextEncoder().encode(text);
  const runs = tasks >= 50 ? 25 : 80;
  // Both sides start from what fetch gives: the bytes (response.arrayBuffer()) or the text (response.text()).
  const [jsFromBytes, wasmFromBytes, jsFromText, wasmFromText] = timeTogether(
    [
      () => parseHistoryJs(new TextDecoder().decode(bytes)),
      () => c.parseHistory(bytes, { submitIds: ids }),
      () => parseHistoryJs(text),
      () => c.parseHistory(text, { submitIds: ids }),
    ],
    runs,
  );
  // Every timed path must give the baseline's answer (a fast error would otherwise look like a win).
  const base = parseHistoryJs(text);
  const same = [c.parseHistory(bytes, { submitIds: ids }), c.parseHistory(text, { submitIds: ids })].every(
    (check) =>
      check.ok &&
      ids.every(
        (id) =>
          check.tasks[id].images.length === base.tasks[id].images.length &&
          check.tasks[id].images[0].url === base.tasks[id].images[0].url &&
          check.tasks[id].state === base.tasks[id].state,
      ),
  );
  rows.push({
    tasks,
    kb: (bytes.length / 1024).toFixed(0),
    perImageKb: (bytes.length / 1024 / tasks / 4).toFixed(1),
    jsFromBytes,
    wasmFromBytes,
    ratioBytes: wasmFromBytes / jsFromBytes,
    jsFromText,
    wasmFromText,
    ratioText: wasmFromText / jsFromText,
    same,
  });
}

const wasm = fs.readFileSync(path.join(wasmDir, 'jimeng-core.wasm'));
const glue = fs.readFileSync(path.join(wasmDir, 'jimeng-core.mjs'));
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;

console.log('parseHistory: wasm core vs plain JS (JSON.parse + the same normalisation); medians in ms');
console.log('tasks  body KB  KB/image | JS(bytes)  wasm(bytes)  ratio | JS(text)  wasm(text)  ratio | same result');
for (const r of rows) {
  console.log(
    `${String(r.tasks).padStart(5)}  ${r.kb.padStart(7)}  ${r.perImageKb.padStart(8)} | ${r.jsFromBytes.toFixed(2).padStart(9)}  ${r.wasmFromBytes.toFixed(2).padStart(11)}  ${r.ratioBytes.toFixed(2).padStart(5)} | ${r.jsFromText.toFixed(2).padStart(8)}  ${r.wasmFromText.toFixed(2).padStart(10)}  ${r.ratioText.toFixed(2).padStart(5)} | ${r.same}`,
  );
}
const worst = Math.max(...rows.map((r) => r.ratioBytes));
console.log(
  `\nsize: wasm ${(wasm.length / 1024).toFixed(1)} KB raw / ${(gz(wasm) / 1024).toFixed(1)} KB gzip; glue ${(glue.length / 1024).toFixed(1)} KB raw / ${(gz(glue) / 1024).toFixed(1)} KB gzip; total gzip ${((gz(wasm) + gz(glue)) / 1024).toFixed(1)} KB (target ≤ 185 KB${gz(wasm) + gz(glue) > 185 * 1024 ? ': MISSED' : ': met'})`,
);
console.log(
  `ratio wasm/JS from bytes, worst case: ${worst.toFixed(2)} (target ≤ 1.0${worst > 1 ? ': MISSED' : ': met'})`,
);
fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync(
  'artifacts/bench-parse-history.json',
  JSON.stringify(
    { rows, size: { wasm: wasm.length, wasmGzip: gz(wasm), glue: glue.length, glueGzip: gz(glue) } },
    null,
    2,
  ),
);
