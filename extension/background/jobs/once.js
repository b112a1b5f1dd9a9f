// @ts-check
// Actions that spend credits may be asked for twice (a double click, Ctrl+Enter twice, a view that resends
// after its worker restarted): the same action, running or finished, is the same job. Each such action is
// named by a key; a second request with that key gets the first one's answer, and its submit_id (or a
// batch's entropy) is derived from that key, so a request after the first has ended finds the same job.

/** @type {Map<string, Promise<any>>} */
const running = new Map();

/**
 * Runs `work` once at a time per key: a caller arriving while it runs gets the same answer.
 * @template T @param {string} key @param {() => Promise<T>} work @returns {Promise<T>}
 */
export function onceAtATime(key, work) {
  let run = running.get(key);
  if (!run) {
    run = work().finally(() => running.delete(key));
    running.set(key, run);
  }
  return run;
}

async function digestHex(/** @type {unknown[]} */ parts) {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)).toHex();
}

/** A uuid v4-shaped submit_id that is the same for the same action: the second request names the first job. */
export async function stableId(/** @type {unknown[]} */ ...parts) {
  const h = await digestHex(parts);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 32 bytes of hex entropy that are the same for the same action (the core makes a batch's ids from it). */
export const stableEntropy = (/** @type {unknown[]} */ ...parts) => digestHex(parts);

const MAX_ACTION_ATTEMPTS = 50;
/**
 * The submit_id of a post-step (动起来, 超清, every later edit): derived from what it does (its source, its
 * tool, its settings) and the attempt. Asked twice, the same action is the same job, running or done; once
 * that job has failed, the same action is the next attempt: a new job.
 * @param {(id: string) => Promise<{phase: string} | undefined>} getJob @param {unknown[]} parts
 */
export async function actionId(getJob, ...parts) {
  let id = '';
  for (let attempt = 0; attempt < MAX_ACTION_ATTEMPTS; attempt++) {
    id = await stableId(...parts, attempt);
    if ((await getJob(id))?.phase !== 'failed') return id;
  }
  return id; // 50 failures of the same action: the last one is answered (the user sees why it failed)
}
