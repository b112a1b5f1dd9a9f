// The test command's own plumbing: a failing tier must fail `npm test` (and so CI). Its `timed` helper once
// returned 0 for a failing e2e run, and CI passed three red browser tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const timed = fs.readFileSync('scripts/test.sh', 'utf8').match(/^timed\(\) \{[\s\S]*?^\}/m)?.[0];

const statusOf = (command) =>
  execFileSync(
    'bash',
    [
      '-c',
      `set -euo pipefail; declare -A seconds; ${timed}
st=0; timed tier ${command} || st=$?; echo "$st"`,
    ],
    { encoding: 'utf8' },
  ).trim();

test('a tier that fails makes the test command fail, with its status', () => {
  assert.ok(timed, 'scripts/test.sh defines timed()');
  assert.equal(statusOf('false'), '1');
  assert.equal(statusOf('bash -c "exit 3"'), '3');
  assert.equal(statusOf('true'), '0');
});
