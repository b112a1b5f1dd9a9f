// @ts-check
// The popup's and the workspace's line to the worker: it brings them the jobs that change and tells the
// worker whether the view is on screen (only a view someone can see makes the engine poll fast). The worker
// may stop at any moment; the view connects again, but only while it is visible and with growing waits, so a
// view left open in a background tab does not keep waking a stopped worker.
import { View, WATCH_PORT } from './messages.js';

const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 60_000;
const SETTLED_MS = 60_000; // a line that lasted this long: its loss is news, and the waits start again

/**
 * @param {(msg: any) => void} onMessage  the worker's messages (View.jobsChanged, View.batchesChanged)
 * @param {() => void} onReconnect  after a reconnect: what changed meanwhile was not sent, so read it again
 */
export function watchWorker(onMessage, onReconnect) {
  /** @type {chrome.runtime.Port | null} */
  let port = null;
  let wait = FIRST_WAIT_MS;
  const visible = () => document.visibilityState === 'visible';
  const report = () => port?.postMessage({ type: View.visible, visible: visible() });

  const whenVisible = (/** @type {() => void} */ run) => {
    if (visible()) return run();
    const again = () => {
      document.removeEventListener('visibilitychange', again);
      whenVisible(run);
    };
    document.addEventListener('visibilitychange', again);
  };

  const connect = (/** @type {boolean} */ reconnect) => {
    const opened = Date.now();
    port = chrome.runtime.connect({ name: WATCH_PORT });
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(() => {
      port = null;
      if (Date.now() - opened >= SETTLED_MS) wait = FIRST_WAIT_MS;
      setTimeout(() => whenVisible(() => connect(true)), wait);
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    });
    report();
    if (reconnect) onReconnect();
  };

  document.addEventListener('visibilitychange', report);
  connect(false);
}
