// The download manager's decisions (download-step.js) on a simulated clock, as engine_sim does for the jobs: a
// world of a store, a browser and a link service answering late, out of order or not at all, with the worker
// killed at random (even halfway through an event's actions), the browser restarted, links refused for a while,
// downloads cut and the user pausing. What a user sees: every file saved exactly once, or listed as failed with
// why; none lost, none downloading twice at once.
import test from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from './download-world.mjs';

/** Every file saved exactly once or failed with why, none lost, and the run's counts agree. */
function expectEveryFileAccountedFor({ store, storedRun, completions }) {
  assert.equal(storedRun?.state, 'done', `the run ended: ${JSON.stringify(storedRun)}`);
  const files = [...store.values()];
  assert.equal(files.length, 120, 'every file asked for is known');
  for (const f of files) {
    assert.ok(f.state === 'saved' || f.state === 'failed', `${f.uri} is ${f.state}: lost`);
    if (f.state === 'saved') assert.equal(completions.get(f.uri), 1, `${f.uri} saved ${completions.get(f.uri)} times`);
    else {
      assert.ok(f.error, `${f.uri} failed with why`);
      assert.equal(completions.get(f.uri) ?? 0, 0, `${f.uri} failed though saved`);
    }
  }
  const saved = files.filter((f) => f.state === 'saved').length;
  assert.ok(saved >= 100, `most files are saved: ${saved}`);
  assert.equal(storedRun.failures, files.length - saved, 'the run counts what failed');
  assert.equal(
    storedRun.saved + storedRun.failures,
    storedRun.total,
    'and every file it took in ended saved or failed',
  );
}

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`downloads on a simulated clock, seed ${seed}: every file saved exactly once or listed as failed with why, through worker kills, browser restarts and refused links`, () => {
    const world = simulate(seed);
    assert.ok(
      world.stats.kills >= 3 && world.stats.restarts >= 1,
      `the world was hostile: ${JSON.stringify(world.stats)}`,
    );
    expectEveryFileAccountedFor(world);
  });
}

// No kill or restart to heal what a decision loses: the same end with one worker throughout (a line read while the
// next files were being claimed once lost those files until the next worker's wake).
for (const seed of [11, 12, 13, 14]) {
  test(`downloads on a simulated clock with one worker throughout, seed ${seed}: every file saved exactly once or failed with why`, () => {
    const world = simulate(seed, { killEvery: 0, restarts: 0 });
    assert.equal(world.stats.kills, 0);
    expectEveryFileAccountedFor(world);
  });
}
