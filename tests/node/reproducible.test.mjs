// The core builds to the same bytes every time: building again over the last build changes nothing (the glue
// was minified in place, and each build gave another text, so no two releases of one commit were equal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

const hash = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const build = () => {
  execFileSync('bash', ['scripts/build-core.sh'], { stdio: 'pipe' });
  return ['build/wasm/jimeng-core.mjs', 'build/wasm/jimeng-core.wasm'].map(hash);
};

test('building the core twice gives the same glue and wasm, byte for byte', { timeout: 300_000 }, () => {
  const first = build();
  assert.deepEqual(build(), first);
  assert.deepEqual(build(), first, 'and a third time');
});

test('npm run package twice, each building first, gives the same zip', { timeout: 300_000 }, () => {
  const pack = () => {
    execFileSync(process.execPath, ['scripts/package.mjs'], { stdio: 'pipe' });
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    return hash(`release/jimeng-helper-${version}.zip`);
  };
  const first = pack();
  assert.equal(pack(), first);
});
