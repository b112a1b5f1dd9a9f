// npm run release -- patch|minor, on a copy of the repository's files: the versions move together and the
// changelog's Unreleased items become the new version's section, dated; an unknown bump changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const script = new URL('../../scripts/release.mjs', import.meta.url).pathname;
function copy(version, unreleased) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jimeng-release-test-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version }, null, 2));
  fs.writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'x', version, packages: { '': { version } } }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, 'CHANGELOG.md'),
    `# Changelog\n\n## [Unreleased]\n${unreleased}\n## [${version}] - 2026-11-25\n\n### Added\n- Old things.\n`,
  );
  return dir;
}
const run = (dir, part) =>
  spawnSync(process.execPath, [script, part], { env: { ...process.env, RELEASE_ROOT: dir }, encoding: 'utf8' });
const read = (dir, f) => fs.readFileSync(path.join(dir, f), 'utf8');

test('a minor release moves Unreleased into the new version, and both version fields follow', () => {
  const dir = copy('0.2.3', '\n### Added\n- Video downloads.\n');
  assert.equal(run(dir, 'minor').status, 0);
  assert.equal(JSON.parse(read(dir, 'package.json')).version, '0.3.0');
  const lock = JSON.parse(read(dir, 'package-lock.json'));
  assert.deepEqual([lock.version, lock.packages[''].version], ['0.3.0', '0.3.0']);
  const log = read(dir, 'CHANGELOG.md');
  const today = new Date().toISOString().slice(0, 10);
  assert.match(
    log,
    new RegExp(
      `## \\[Unreleased\\]\\n\\n## \\[0\\.3\\.0\\] - ${today}\\n\\n### Added\\n- Video downloads\\.\\n\\n## \\[0\\.2\\.3\\] - 2026-11-25`,
    ),
  );
});

test('a patch release with nothing under Unreleased still gets its section, asking for words', () => {
  const dir = copy('1.4.9', '\n');
  const r = run(dir, 'patch');
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(read(dir, 'package.json')).version, '1.4.10');
  assert.match(
    read(dir, 'CHANGELOG.md'),
    /## \[1\.4\.10\] - \d{4}-\d{2}-\d{2}\n\n### Changed\n- \(say here what changed for users\)/,
  );
  assert.match(r.stdout, /it was empty/);
});

test('anything but patch or minor is refused and changes nothing', () => {
  const dir = copy('0.2.0', '\n- x\n');
  const r = run(dir, 'major');
  assert.equal(r.status, 2);
  assert.equal(JSON.parse(read(dir, 'package.json')).version, '0.2.0');
});
