// @ts-check
// One way to run read-modify-writes one at a time: each `serial()` is a chain of its own (the job store's writes,
// the download queue's decisions, the download records, the tracker's notices, the announcements); a call runs
// once the one before it settled, and a failure does not stop the next (it goes to `onError`, and to the caller).

/**
 * @param {(error: unknown) => void} [onError]  told of each failure (the caller's promise rejects too)
 * @returns {(<T>(work: () => T | Promise<T>) => Promise<T>) & {settled: () => Promise<unknown>}}  `settled()`: the chain as
 *   it is now, which settles once everything asked so far has run
 */
export function serial(onError = () => {}) {
  /** @type {Promise<unknown>} */
  let tail = Promise.resolve();
  /** @template T @param {() => T | Promise<T>} work @returns {Promise<T>} */
  const inTurn = (work) => {
    const run = tail.then(work);
    tail = run.catch(onError);
    return run;
  };
  return Object.assign(inTurn, { settled: () => tail });
}
