// @ts-check
// The user's commands to the download run (download-step.js calls these through download-events.js): pause,
// resume, cancel, and failed files put back in line. Each answers the run as it now is; none performs I/O.
import { forgetUnlessSaved, freshRun, idsOf, lineChanged, lookUpAll, stopped, stored } from './download-model.js';

/** @typedef {import('./download-model.js').Context} Context */

export function pause(/** @type {Context} */ c) {
  const run = c.s.run;
  if (run?.state !== 'running') return run;
  c.s.run = stopped(c, run, 'paused');
  c.actions.push({ do: 'write', files: [], run: c.s.run }, { do: 'browser', what: 'pause', ids: idsOf(c) });
  return c.s.run;
}

export function resume(/** @type {Context} */ c) {
  const run = c.s.run;
  if (run?.state !== 'paused') return run;
  c.s.run = { ...run, state: 'running', resumedAt: c.now, reason: undefined };
  c.s.linkRetryAt = 0;
  c.actions.push({ do: 'write', files: [], run: c.s.run }, { do: 'browser', what: 'resume', ids: idsOf(c) });
  lookUpAll(c);
  return c.s.run;
}

/** Stops the run: what is in line is dropped, what downloads is cancelled; a file saved before stays saved. */
export function cancel(/** @type {Context} */ c) {
  const run = c.s.run;
  if (!run || run.state === 'done' || run.state === 'cancelled') return run;
  // Claimed ahead (on disk as downloading, not launched) or under way: all dropped.
  const active = [...Object.values(c.s.active), ...c.s.ready.map((r) => r.file)];
  c.s.run = { ...stopped(c, run, 'cancelled'), endedAt: c.now };
  c.actions.push({ do: 'browser', what: 'cancel', ids: idsOf(c) }, { do: 'dropLine' });
  const kept = active.flatMap((f) => {
    const k = forgetUnlessSaved(stored(f));
    return k ? [{ ...k, url: undefined }] : [];
  });
  c.actions.push(
    { do: 'write', files: kept },
    { do: 'remove', uris: active.filter((f) => !f.savedAt).map((f) => f.uri), run: c.s.run },
  );
  Object.assign(c.s, { active: {}, links: {}, ready: [] });
  lineChanged(c);
  return c.s.run;
}

/** Failed files were put back in line (by the shell): the run goes on with them. */
export function requeued(/** @type {Context} */ c, /** @type {number} */ count) {
  const run = c.s.run ?? freshRun(c.now);
  const going =
    run.state === 'running'
      ? run
      : { ...run, state: /** @type {const} */ ('running'), resumedAt: c.now, endedAt: undefined, reason: undefined };
  c.s.run = { ...going, failures: Math.max(0, run.failures - count) };
  c.actions.push({ do: 'write', files: [], run: c.s.run });
  lineChanged(c);
  return count;
}
