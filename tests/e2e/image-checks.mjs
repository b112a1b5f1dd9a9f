// What the image tests share: a job's picture fetched from the stand-in's CDN and decoded, colour checks,
// and waiting for a stored job.
import { expect } from '@playwright/test';
import { request } from '../../web/test/client.mjs';
import { decodePng } from '../../web/image-facts.mjs';
import { solidPng } from '../../web/test/pictures.mjs';

/** The picture a job's image shows, fetched from the stand-in's CDN and decoded. */
export async function picture(standin, url) {
  const u = new URL(url);
  const r = await request(standin.port, { path: u.pathname + u.search, host: u.hostname });
  return decodePng(r.buffer);
}
export const near = (got, want, tolerance = 40) => got.every((v, i) => Math.abs(v - want[i]) <= tolerance);
/** The colour in the middle of each of `n` vertical bands (a blend of n references). */
export const bandColours = (p, n) =>
  Array.from({ length: n }, (_, k) => p.rgbAt(Math.floor(((k + 0.5) * p.width) / n), Math.floor(p.height / 2)));

/** The first stored job matching `predicate` once it is done. */
export async function doneJob(h, predicate) {
  let found;
  await expect
    .poll(
      async () => {
        found = Object.values(await h.jobs()).find((j) => predicate(j) && j.phase === 'done');
        return !!found;
      },
      { timeout: 40_000 },
    )
    .toBe(true);
  return found;
}

/** A small PNG of one colour, as a file the popup's picker takes. */
export const png = (name, colour) => ({ name, mimeType: 'image/png', buffer: solidPng(96, 64, colour) });

/** Picks reference files in the popup and waits until each shows. */
export async function addFiles(popup, files) {
  await popup.locator('#reference-file').setInputFiles(files);
  await expect(popup.locator('#reference-list img')).toHaveCount(files.length);
}

/** Generates one image of `prompt` from the popup's form. */
export async function generate(popup, prompt) {
  await popup.getByLabel('提示词').fill(prompt);
  await popup.getByLabel('数量').selectOption('1');
  await popup.getByRole('button', { name: '生成' }).click();
}
