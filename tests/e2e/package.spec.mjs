// The release package itself: `npm run package` twice gives the same bytes, and the zip, unzipped into a folder
// of its own (not dist/), loads with the manifest the stores will read and makes an image end to end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { unzipSync } from 'fflate';
import { harness, useStandin } from './harness.mjs';
import { expectShippedManifest } from './manifest-expect.mjs';

const env = useStandin(test);
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const zipPath = path.join('release', `jimeng-helper-${version}.zip`);

test('the release zip is the same bytes when built again, records its SHA-256 in the changelog, holds only what the manifest and pages reach, and makes an image once loaded', async () => {
  test.setTimeout(180_000);
  const pack = (...args) =>
    execFileSync(process.execPath, ['scripts/package.mjs', '--no-build', ...args], {
      stdio: 'pipe',
      env: { ...process.env, CHANGELOG_PATH: changelog },
    }).toString();
  // A copy of the changelog with an entry for this version, as `npm run release` leaves it.
  const changelog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jimeng-changelog-')), 'CHANGELOG.md');
  fs.writeFileSync(
    changelog,
    `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-12-07\n\n### Added\n- Something.\n`,
  );
  pack();
  const first = fs.readFileSync(zipPath);
  // Built again over the last build (the core's glue was once minified in place, and each build changed it), into a
  // dist/ of its own: the other tests are loading the checkout's meanwhile. Assembled from inside its folder, whose
  // dist/ then has the same relative path in the bundles' comments, and whose bundles resolve node_modules upward.
  fs.mkdirSync('build', { recursive: true });
  const again = path.resolve(fs.mkdtempSync(path.join('build', 'dist-again-')), 'dist');
  execFileSync('bash', ['scripts/build-core.sh'], { stdio: 'pipe' });
  execFileSync(process.execPath, [path.resolve('scripts/assemble.mjs')], {
    stdio: 'pipe',
    cwd: path.dirname(again),
    env: { ...process.env, DIST_DIR: again },
  });
  const printed = execFileSync(process.execPath, ['scripts/package.mjs', '--no-build', '--record'], {
    stdio: 'pipe',
    env: { ...process.env, CHANGELOG_PATH: changelog, DIST_DIR: again },
  }).toString();
  const second = fs.readFileSync(zipPath);
  fs.rmSync(path.dirname(again), { recursive: true, force: true });
  expect(second.equals(first)).toBe(true);
  const sha = createHash('sha256').update(first).digest('hex');
  expect(printed).toContain(`SHA-256 ${sha}`);
  expect(fs.readFileSync(changelog, 'utf8')).toContain(
    `## [${version}] - 2026-12-07\n\nPackage: \`jimeng-helper-${version}.zip\`, SHA-256 \`${sha}\`\n\n### Added`,
  );
  pack('--record'); // recorded again: one line, not two
  expect(fs.readFileSync(changelog, 'utf8').match(/SHA-256 `/g)).toHaveLength(1);

  const files = unzipSync(new Uint8Array(first));
  const names = Object.keys(files).sort();
  expect(names).toContain('manifest.json');
  expect(names.filter((n) => /\.(map|d\.m?ts)$|^shared\/|test|spec/.test(n))).toEqual([]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jimeng-release-'));
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(manifest.version).toBe(version);
  expectShippedManifest(manifest);

  env.h = await harness(env.standin, { extensionPath: dir });
  expect(await env.h.worker().evaluate(() => chrome.runtime.getManifest().version)).toBe(version);
  const { job } = await env.h.submit({ prompt: '发布包里的第一张图', count: 1 });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  expect(done.images).toHaveLength(1);
  await env.h.popup.reload();
  const thumb = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"] .thumbs img`).first();
  await expect.poll(() => thumb.evaluate((i) => i.complete && i.naturalWidth > 0)).toBe(true);
});
