// @ts-check
// Starting a job, from any door (popup, context menu, shortcut): validated and stored by createJob before
// anything is sent, then submitted; the engine's next tick follows it.
import { wake } from './scheduler.js';
import { createJob, sendSubmit } from './submit.js';

/**
 * @param {object} input  the compose fields (prompt, model, ratio, count, …)
 * @param {{from: string, tabId?: number, url?: string}} origin  where the job was started
 */
export async function startJob(input, origin) {
  const created = await createJob(input, origin);
  if (created.ok) sendSubmit(created.job.submitId).finally(() => wake());
  return created;
}
