// The release package itself: `npm run package` twice gives the same bytes, and the zip, unzipped into a folder
// of its own (not dist/), loads with the manifest the stores will read and makes an image end to end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { unzipSync } from 'fflate';
import { harness, useStandin } from './harness.mjs';
import { expectShippedManifest } from './manifest-expect.mjs';

const env = useStandin(test);
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const zipPath = path.join('release', `jimeng-helper-${version}.zip`);

test('the release zip is the same bytes twice, holds only what the manifest and pages reach, and makes an image once loaded', async () => {
  const pack = () => { execFileSync(process.execPath, ['scripts/package.mjs', '--no-build'], { stdio: 'pipe' }); return fs.readFileSync(zipPath); };
  const first = pack();
  const second = pack();
  expect(second.equals(first)).toBe(true);

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
