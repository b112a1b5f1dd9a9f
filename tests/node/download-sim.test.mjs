// The download manager's decisions (download-step.js) on a simulated clock, as engine_sim does for the jobs: a
// world of a store, a browser and a link service answering late, out of order or not at all, with the worker
// killed at random (even halfway through an event's actions), the browser restarted, links refused for a while,
// downloads cut and the user pausing. What a user sees: every file saved exactly once, or listed as failed with
// why; none lost, none downloading twice at once.
import test from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from './download-world.mjs';

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`downloads on a simulated clock, seed ${seed}: every file saved exactly once or listed as failed with why, through worker kills, browser restarts and refused links`, () => {
    const { store, storedRun, completions, stats } = simulate(seed);
    assert.ok(stats.kills >= 3 && stats.restarts >= 1, `the world was hostile: ${JSON.stringify(stats)}`);
    assert.equal(storedRun?.state, 'done', `the run ended: ${JSON.stringify(storedRun)}`);
    const files = [...store.values()];
    assert.equal(files.length, 120, 'every file asked for is known');
    for (const f of files) {
      assert.ok(f.state === 'saved' || f.state === 'failed', `${f.uri} is ${f.state}: lost`);
      if (f.state === 'saved')
        assert.equal(completions.get(f.uri), 1, `${f.uri} saved ${completions.get(f.uri)} times`);
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
  });
}
