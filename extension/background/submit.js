// @ts-check
// Creating jobs and building their submits. A job is validated by the core and stored before anything is
// sent for it; when and whether to send is the engine's call (core `step`, background/engine.js).
import { catalogue } from './catalogue.js';
import { clocked, core } from './core-instance.js';
import { addJob, isQuotaError } from './jobs.js';
import { t } from '../shared/job-text.js';

/** Builds a submit with the caller's input, a fresh clock and entropy, and the current model catalogue. */
export async function buildSubmit(input) {
  return (await core).buildGenerate(await clocked({ ...input, models: (await catalogue()).models }));
}

/** The answer when the disk is full: nothing is sent for a job that could not be stored. */
export const diskFull = () => ({ ok: false, error: { kind: 'server_error', code: 'disk_full', message: t('errcode_disk_full'), retry: 'later' } });

/** Validates with the core and stores the job before anything is sent. */
export async function createJob(input, origin = {}) {
  const built = await buildSubmit(input);
  if (!built.ok) return built;
  const now = Date.now();
  const job = { submitId: built.job.submitId, createdAt: now, updatedAt: now, phase: /** @type {const} */ ('submitting'), input, job: built.job, origin };
  try {
    await addJob(job);
  } catch (e) {
    // Nothing is sent for a job that could not be stored: it would run untracked. Stored jobs keep running.
    if (isQuotaError(e)) return diskFull();
    throw e;
  }
  return { ok: true, job };
}
