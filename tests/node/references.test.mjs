// Uploaded reference images are reused per account and for a day (shared/references.js, with fake-indexeddb):
// a stale uri, or another login's, never goes out as a frame or reference.
import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const { rememberUpload, uploadedAs, UPLOAD_TTL_MS } = await import('../../extension/shared/references.js');
const image = { uri: 'tos-cn-i-tb4s082cfz/abc', width: 96, height: 64 };
const T0 = 1_800_000_000_000;

test('the same bytes uploaded by one account are reused by it within a day', async () => {
  await rememberUpload('111', 'sha-a', image, T0);
  assert.deepEqual(await uploadedAs('111', 'sha-a', T0 + 3_600_000).then((k) => k?.uri), image.uri);
});

test("another login does not get the first account's uri", async () => {
  await rememberUpload('111', 'sha-b', image, T0);
  assert.equal(await uploadedAs('222', 'sha-b', T0 + 1), null);
  assert.equal(await uploadedAs('', 'sha-b', T0 + 1), null);
});

test('an upload older than a day is uploaded anew', async () => {
  await rememberUpload('111', 'sha-c', image, T0);
  assert.equal(await uploadedAs('111', 'sha-c', T0 + UPLOAD_TTL_MS), null);
  assert.equal(await uploadedAs('111', 'sha-c', T0 - 60_000), null, 'a clock set back does not make it fresh');
});
