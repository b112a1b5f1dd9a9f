// The core's size budget: every waking service worker loads all of it, so a feature that grows it past the
// budget fails the build here (scripts/size.sh shows what each function costs).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { wasmDir } from './core-module.mjs';

export const BUDGET_GZIP_BYTES = 185 * 1024;
const gzipped = (name) => zlib.gzipSync(fs.readFileSync(path.join(wasmDir, name)), { level: 9 }).length;

test('the core ships in at most 185 KB gzip, wasm and glue together', () => {
  const wasm = gzipped('jimeng-core.wasm');
  const glue = gzipped('jimeng-core.mjs');
  assert.ok(
    wasm + glue <= BUDGET_GZIP_BYTES,
    `wasm ${(wasm / 1024).toFixed(1)} KB + glue ${(glue / 1024).toFixed(1)} KB gzip is over the ${BUDGET_GZIP_BYTES / 1024} KB budget: bash scripts/size.sh shows the largest functions`,
  );
});
