// The download queue across worker stops and browser restarts: a download not listed yet is given a minute, a
// file is started once however many workers reach for it, a refusal before the download's id is tried once,
// and what the closing browser will not start waits for the next session.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  chromeFake,
  createDownloadQueue,
  finishAll,
  freshEachTest,
  jobsOf,
  queue,
  store,
  until,
} from './download-fixtures.mjs';

freshEachTest();

test('a download the browser does not list yet is left a minute to appear before it is started again (none of that after a restart)', async () => {
  let clock = Date.now();
  const asked = [];
  const q = createDownloadQueue({
    now: () => clock,
    linksFor: async (files) => {
      asked.push(...files.map((f) => f.uri));
      return new Map(
        files.map((f) => [f.uri, { url: `https://p3.byteimg.com/${f.uri}?t=${clock}`, name: `jimeng/${f.uri}.png` }]),
      );
    },
  });
  await q.reconcile(); // as every worker does when it starts
  await q.enqueue(jobsOf(1));
  await q.idle();
  chromeFake.forgetDownloads(); // the browser does not list it (it may still be waiting for the host's first answer)
  const restarted = createDownloadQueue({
    now: () => clock,
    linksFor: async (files) => {
      asked.push(...files.map((f) => f.uri));
      return new Map(
        files.map((f) => [f.uri, { url: `https://p3.byteimg.com/${f.uri}?t=${clock}`, name: `jimeng/${f.uri}.png` }]),
      );
    },
  });
  await restarted.reconcile();
  await restarted.idle();
  assert.equal(chromeFake.started().length, 0, 'not started again while it may still be starting');
  clock += 61_000;
  await restarted.reconcile();
  await restarted.idle();
  assert.equal(chromeFake.started().length, 1, 'a minute later it is');
  assert.deepEqual(asked, ['f0', 'f0']);
});

test('a file in line is started once even when two workers reach for it at once', async () => {
  const { q } = queue();
  await q.pause();
  await store.writeFiles([{ uri: 'x1', submitId: 's', index: 0, state: 'waiting', seq: 1, tries: 0 }]);
  const active = {
    uri: 'x1',
    submitId: 's',
    index: 0,
    state: 'active',
    seq: 1,
    tries: 0,
    url: 'https://p3.byteimg.com/x1',
  };
  const [a, b] = await Promise.all([store.claimFiles([active]), store.claimFiles([active])]);
  assert.equal(a.length + b.length, 1);
  assert.equal((await store.claimFiles([{ ...active, tries: 1 }])).length, 0, 'a claim for another try is refused too');
});

test('a refusal reported before the browser gave the download its id: the file is tried again once, not twice', async () => {
  const { q } = queue();
  await q.reconcile();
  chromeFake.holdStarts = true;
  await q.enqueue(jobsOf(1));
  await until(() => chromeFake.running().length === 1); // its id held back: idle() would wait for it
  const [first] = chromeFake.running();
  await q.onChanged(chromeFake.end(first.id, 'interrupted', 'SERVER_FORBIDDEN')); // before its id came back
  await new Promise((r) => setTimeout(r, 50)); // the retry is asked for; its id is held too
  chromeFake.holdStarts = false;
  chromeFake.releaseStarts(); // the first download's id comes back late; so does the retry's
  await q.idle();
  assert.equal(chromeFake.running().length, 1, 'one retry under way');
  await finishAll(q);
  const run = await q.status();
  assert.deepEqual([run.state, run.saved], ['done', 1]);
  assert.equal(chromeFake.started().filter((d) => d.state === 'complete').length, 1, 'saved once');
  assert.equal(chromeFake.started().length, 2, 'the refused download and one retry');
});

test('a download the closing browser will not start waits in line for the next session, and is then saved', async () => {
  const { q } = queue();
  chromeFake.refuseStarts = 'The browser is shutting down.';
  await q.enqueue(jobsOf(4));
  await q.idle();
  let run = await q.status();
  assert.equal(run.failures, 0, 'nothing failed');
  assert.equal((await store.failedFiles()).length, 0);
  assert.equal(chromeFake.started().length, 0, 'and nothing tried again and again while it closes');
  // The next session (the browser started again): a new worker reconciles and goes on.
  chromeFake.refuseStarts = '';
  chromeFake.restartBrowser();
  const next = queue().q;
  await next.reconcile();
  assert.equal(await finishAll(next), 4);
  run = await next.status();
  assert.deepEqual([run.state, run.saved, run.failures], ['done', 4, 0]);
});
