// @ts-check
// One engine tick: send due submits, then ask about every job the service may know in ONE batched
// get_history_by_ids, whatever their number. Time limits are the core's call, on the service's clock.
import { call } from './core-instance.js';
import { isActive, openJobs, updateJobs } from './jobs.js';
import { sendSubmit, taskFields } from './submit.js';

const LOST_GRACE_MS = 8_000;   // a just-submitted id can be missing from answers for a moment
const LOST_POLLS = 3;

/** @returns {Promise<{ended: number, open: number, failed?: boolean, rateLimited?: boolean}>} how many ended, and are still open */
export async function pollOnce() {
  const now = Date.now();
  let ended = 0;
  const jobs = await openJobs();
  const due = jobs.filter((job) => job.phase === 'submitting' && !job.attemptAt && (job.nextAttemptAt ?? 0) <= now);
  for (const job of due) await sendSubmit(job.submitId);

  const fresh = due.length ? await openJobs() : jobs;  // read again only when submits changed something
  const ids = fresh.filter((j) => j.phase !== 'submitting' || j.attemptAt).map((j) => j.submitId);
  if (ids.length === 0) return { ended, open: fresh.length };

  const createdAt = Object.fromEntries(fresh.map((j) => [j.submitId, j.createdAt]));
  const parsed = await call('buildHistory', 'parseHistory', { submitIds: ids }, { submitIds: ids, createdAt });
  if (!parsed.ok) {
    if (parsed.error.kind === 'login_required')
      await updateJobs(ids, (all) => { for (const id of ids) if (all[id]) all[id].needsLogin = true; });
    return { ended, open: fresh.length, failed: true, rateLimited: parsed.error.kind === 'rate_limited' };
  }

  const resend = [];
  await updateJobs(ids, (all) => {
    for (const id of ids) {
      const job = all[id];
      const task = parsed.tasks[id];
      if (!job || !isActive(job) || !task) continue;
      job.needsLogin = false;
      if (task.missing && task.state !== 'failed') {
        // Unknown to the service. For a submit whose answer was lost, that means it never arrived: after a
        // grace period (and only then) it is sent again with the same submit_id.
        if (job.phase === 'submitting' && job.attemptAt) {
          job.missingPolls = (job.missingPolls ?? 0) + 1;
          if (job.missingPolls >= LOST_POLLS && now - job.attemptAt > LOST_GRACE_MS) { job.attemptAt = undefined; resend.push(id); }
        }
        continue;
      }
      Object.assign(job, taskFields(task), { attemptAt: undefined, updatedAt: now });
      if (!isActive(job)) ended++;
    }
  });
  for (const id of resend) await sendSubmit(id);
  return { ended, open: fresh.length - ended };
}
