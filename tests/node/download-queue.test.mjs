// The download manager's queue in the worker shell: real module, IndexedDB from fake-indexeddb, a fake
// chrome.downloads whose downloads end when the test says. What a user sees: every file saved once, through
// restarts, refusals and pauses, and a long line costing what a short one does.
import test from 'node:test';
import assert from 'node:assert/strict';
import { FILES, chromeFake, db, finishAll, freshEachTest, jobsOf, queue, store } from './download-fixtures.mjs';

freshEachTest();

test('300 files queued are all saved, each once, at most three at a time, and the run says done', async () => {
  const { q } = queue();
  const r = await q.enqueue(jobsOf(300));
  assert.equal(r.added, 300);
  await q.idle();
  assert.equal(chromeFake.running().length, 3);
  assert.equal(await finishAll(q), 300);
  const run = await q.status();
  assert.deepEqual([run.state, run.saved, run.total, run.failures], ['done', 300, 300, 0]);
  assert.equal(chromeFake.started().length, 300);
  assert.equal(new Set(chromeFake.started().map((d) => d.filename)).size, 300);
  assert.equal(chromeFake.maxRunning, 3);
  assert.equal(
    (await chromeFake.chrome.storage.local.get('downloadRun')).downloadRun.saved,
    300,
    'the views see the counters',
  );
});

test('5,000 files in line cost each finished file what 100 do: the same writes, and only the files in flight read', async () => {
  const cost = async (n) => {
    await (await db()).clear(FILES);
    chromeFake.reset();
    const { q } = queue();
    await q.enqueue(jobsOf(n));
    const meter = chromeFake.meterIndexedDb();
    await finishAll(q, { limit: 30 });
    return meter.stop();
  };
  const small = await cost(100),
    large = await cost(5000);
  assert.ok(small.writes > 0 && small.read > 0, 'the meter counts');
  assert.deepEqual(large, small);
  assert.ok(large.read <= 30 * 16, `records read per finished file stay few: ${large.read / 30}`);
});

test('after a browser restart, the downloads it cut start again with a new link; one started as the worker stopped is adopted', async () => {
  const first = queue();
  await first.q.enqueue(jobsOf(10));
  await finishAll(first.q, { limit: 2 });
  const cut = chromeFake.running().map((d) => d.filename.replace(/^jimeng\/|\.png$/g, ''));
  // The worker stopped after marking a file active but before storing its download's id: the browser has it.
  chromeFake.restartBrowser(); // in-progress downloads end interrupted, and a new worker starts
  const [waiting] = await store.nextWaiting(1);
  const url = `https://p3.byteimg.com/${waiting.uri}?signed`;
  await store.writeFiles([
    { ...waiting, state: 'active', name: `jimeng/${waiting.uri}.png`, url, startedAt: Date.now() - 500 },
  ]);
  const item = chromeFake.startDownload({ url, filename: `jimeng/${waiting.uri}.png` });
  const second = queue();
  await second.q.reconcile(); // the browser's session storage is empty: it knows the browser restarted
  await second.q.pump();
  await finishAll(second.q);
  assert.equal(cut.length, 3);
  for (const uri of cut)
    assert.ok(
      second.asked.some((a) => a.uri === uri && a.resign),
      `${uri}, cut, gets a new link`,
    );
  assert.ok(!second.asked.some((a) => a.uri === waiting.uri), 'the adopted download is not started again');
  const run = await second.q.status();
  assert.deepEqual([run.state, run.saved, run.failures], ['done', 10, 0]);
  const done = chromeFake
    .started()
    .filter((d) => d.state === 'complete')
    .map((d) => d.filename);
  assert.equal(done.length, 10);
  assert.equal(new Set(done).size, 10, `each file saved once: ${done}`);
  assert.ok(item.state === 'complete');
});

test("a file refused three times is listed with the browser's reason; Retry saves it", async () => {
  const { q, asked } = queue();
  await q.enqueue(jobsOf(4));
  await q.idle();
  const victim = chromeFake.running()[0].filename;
  for (let k = 0; k < 3; k++) {
    // Tried again behind the files already claimed to go next: the others finish until it runs.
    let d;
    while (!(d = chromeFake.running().find((x) => x.filename === victim))) {
      assert.ok(chromeFake.running().length, 'something is downloading');
      await q.onChanged(chromeFake.end(chromeFake.running()[0].id, 'complete'));
      await q.idle();
    }
    await q.onChanged(chromeFake.end(d.id, 'interrupted', 'SERVER_FORBIDDEN'));
    await q.idle();
  }
  await finishAll(q);
  let run = await q.status();
  assert.deepEqual([run.state, run.saved, run.failures], ['done', 3, 1]);
  const [failed] = await store.failedFiles();
  assert.equal(failed.error, 'SERVER_FORBIDDEN');
  assert.equal(
    asked.filter((a) => a.uri === failed.uri && a.resign).length,
    2,
    'each try after a refusal had a new link',
  );
  assert.deepEqual(await q.retryFailed(), { ok: true, retried: 1 });
  await finishAll(q);
  run = await q.status();
  assert.deepEqual([run.state, run.saved, run.failures], ['done', 4, 0]);
  assert.equal((await store.failedFiles()).length, 0);
});

test('Pause holds the line and the downloads under way; Resume goes on; Cancel drops what waits', async () => {
  const { q } = queue();
  await q.enqueue(jobsOf(20));
  await q.idle();
  await q.pause();
  assert.ok(
    chromeFake.running().every((d) => d.paused),
    'the browser paused the three',
  );
  await q.onChanged(chromeFake.end(chromeFake.running()[0].id, 'complete'));
  assert.equal(chromeFake.running().length, 2, 'nothing new starts while paused');
  await q.resume();
  assert.equal(chromeFake.running().length, 3);
  assert.ok(chromeFake.running().every((d) => !d.paused));
  await q.cancel();
  const run = await q.status();
  assert.equal(run.state, 'cancelled');
  assert.equal(chromeFake.running().length, 0, 'the downloads under way were cancelled');
  assert.equal(await store.countFiles('waiting'), 0);
  assert.equal(await store.countFiles('active'), 0);
});

test('back up what is new skips every file saved before, and a file already in line is not added twice', async () => {
  const { q } = queue();
  await q.enqueue(jobsOf(8));
  await finishAll(q);
  const nothing = await q.enqueue(jobsOf(8), { onlyNew: true });
  assert.equal(nothing.added, 0);
  assert.deepEqual(
    [nothing.run.state, nothing.run.saved, nothing.run.total],
    ['done', 8, 8],
    'the last run stays on screen',
  );
  const again = await q.enqueue([...jobsOf(8), ...jobsOf(3, 'new')], { onlyNew: true });
  assert.deepEqual([again.added, again.skipped], [3, 8]);
  const twice = await q.enqueue(jobsOf(3, 'new'));
  assert.equal(twice.added, 0, 'the same files asked twice while in line');
  await finishAll(q);
  const run = await q.status();
  assert.deepEqual([run.saved, run.total], [3, 3]);
});

test('with no Jimeng page to re-sign through, the run pauses and says why; no file is failed', async () => {
  const { q } = queue({ refuse: { code: 'no_page', message: '请打开即梦页面' } });
  await q.enqueue(jobsOf(6));
  await q.idle();
  const run = await q.status();
  assert.deepEqual([run.state, run.failures, run.reason.message], ['paused', 0, '请打开即梦页面']);
  assert.equal(await store.countFiles('waiting'), 6);
  assert.equal(chromeFake.started().length, 0);
});

test('a link that cannot be made for a passing reason (the browser shutting down) leaves the run going and the files in line', async () => {
  const { q } = queue({
    refuse: { kind: 'server_error', code: 'network', message: 'The browser is shutting down.' },
    later: true,
  });
  await q.enqueue(jobsOf(4));
  await q.idle();
  const run = await q.status();
  assert.deepEqual([run.state, run.failures, run.reason], ['running', 0, undefined]);
  assert.equal(await store.countFiles('waiting'), 4);
  assert.ok(chromeFake.alarms.has('jimeng-downloads'), 'the alarm tries again');
});
