// The download queue's test world (download-*.test.mjs): the real shell module over IndexedDB from fake-indexeddb and
// a fake chrome.downloads whose downloads end when the test says; the store emptied before each test.
import 'fake-indexeddb/auto';
import { beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeChrome } from './fake-chrome.mjs';

export const chromeFake = fakeChrome();
globalThis.chrome = chromeFake.chrome;
export const { createDownloadQueue } = await import('../../extension/background/downloads/download-queue.js');
export const store = await import('../../extension/shared/download-store.js');
export const { db, FILES } = await import('../../extension/shared/job-store.js');

/** A queue whose links are made by the test: every request recorded, with whether it asked for a new one. */
export function queue({ refuse = null, later = false } = {}) {
  const asked = [];
  const q = createDownloadQueue({
    linksFor: async (files) => {
      asked.push(...files.map((f) => ({ uri: f.uri, resign: !!f.resign })));
      return new Map(
        files.map((f) => [
          f.uri,
          refuse
            ? { error: refuse, ...(later ? { later } : { stopRun: true }) }
            : { url: `https://p3.byteimg.com/${f.uri}?fresh=${asked.length}`, name: `jimeng/${f.uri}.png` },
        ]),
      );
    },
  });
  return { q, asked };
}
export const jobsOf = (n, prefix = 'f') =>
  Array.from({ length: Math.ceil(n / 4) }, (_, j) => ({
    submitId: `${prefix}-job-${j}`,
    files: Array.from({ length: Math.min(4, n - j * 4) }, (_, i) => ({
      uri: `${prefix}${j * 4 + i}`,
      index: i,
      video: false,
    })),
  }));
/** Ends the downloads now running, one at a time, as the browser reports them; returns how many ended. */
export async function finishAll(q, { limit = Infinity } = {}) {
  let n = 0;
  await q.idle();
  for (let item; n < limit && (item = chromeFake.running()[0]); n++) {
    await q.onChanged(chromeFake.end(item.id, 'complete'));
    await q.idle();
  }
  return n;
}

/** Waits (up to 2 s) for something the test cannot await directly. */
export async function until(/** @type {() => boolean} */ seen) {
  for (let k = 0; k < 200 && !seen(); k++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(seen(), 'it happened');
}

/** Registers the hook that empties the store and the fake browser before each test. */
export function freshEachTest() {
  beforeEach(async () => {
    await (await db()).clear(FILES);
    chromeFake.reset();
  });
}
