// The download manager's commands while the network misbehaves: Pause and Cancel answer at once even when links
// never come back (nothing waits on the network in turn), and a file saved before stays known as saved whatever
// is re-queued or cancelled.
import test from 'node:test';
import assert from 'node:assert/strict';
import { chromeFake, createDownloadQueue, freshEachTest, jobsOf, queue, store, until } from './download-fixtures.mjs';

freshEachTest();

test('Pause and Cancel answer while the links are still being made and never come back', async () => {
  let asked = 0;
  const q = createDownloadQueue({
    linksFor: () => {
      asked++;
      return new Promise(() => {});
    },
  }); // the network hangs
  await q.enqueue(jobsOf(6));
  await until(() => asked === 1);
  const paused = await q.pause();
  assert.equal(paused.state, 'paused');
  await q.resume();
  const cancelled = await q.cancel();
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(await store.countFiles('waiting'), 0, 'the line is dropped');
  assert.equal(chromeFake.started().length, 0);
});

test('a file saved before stays known as saved when it is asked again and that run is cancelled', async () => {
  const { q } = queue();
  await q.enqueue(jobsOf(4));
  await q.idle();
  for (let item; (item = chromeFake.running()[0]);) {
    await q.onChanged(chromeFake.end(item.id, 'complete'));
    await q.idle();
  }
  assert.equal((await q.status()).saved, 4);
  const again = await q.enqueue(jobsOf(4)); // "download originals" once more
  assert.equal(again.added, 4);
  await q.idle();
  await q.cancel();
  const [saved] = await store.getFiles(['f0']);
  assert.equal(saved?.state, 'saved', 'still saved after the cancel');
  const backup = await q.enqueue(jobsOf(4), { onlyNew: true });
  assert.equal(backup.added, 0, 'back up what is new finds nothing new');
});
