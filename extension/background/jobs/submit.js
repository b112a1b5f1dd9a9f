// @ts-check
// Creating jobs and building their submits. A job is validated by the core and stored before anything is
// sent for it; when and whether to send is the engine's call (core `step`, background/engine.js).
import { catalogue } from './catalogue.js';
import { call, clocked, core } from '../pages/core-instance.js';
import { addJob, getJob, isQuotaError } from './jobs.js';
import { t } from '../../shared/job-text.js';
import { siteId } from '../../shared/site.js';
import { currentSite, loadSession } from '../pages/session.js';
import * as facts from '../../state/facts.js';

/** Builds a submit with the caller's input, a fresh clock and entropy, and its site's current model catalogue. */
export async function buildSubmit(/** @type {Record<string, any>} */ input) {
  return (await core).buildGenerate(await clocked({ ...input, models: (await catalogue(siteId(input.site))).models }));
}

const hasConsent = async () => !!(await facts.get('consent', 'dreamina'));
const consentRequired = () => ({
  ok: false,
  error: { kind: 'invalid_input', code: 'consent_required', message: t('errcode_consent_required'), retry: 'never' },
});

/** Sends the consent the user just gave in our dialog, once; remembered when Dreamina took it. */
export async function giveConsent() {
  if (await hasConsent()) return { ok: true };
  const r = await call('buildConsent', 'parseConsent', { site: 'dreamina' });
  if (r.ok) await facts.set('consent', { at: Date.now() }, 'dreamina');
  return r.ok ? { ok: true } : r;
}

/** The answer when the disk is full: nothing is sent for a job that could not be stored. */
export const diskFull = () => ({
  ok: false,
  error: { kind: 'server_error', code: 'disk_full', message: t('errcode_disk_full'), retry: 'later' },
});

/**
 * Validates with the core and stores the job before anything is sent. A submit_id the caller chose (a view
 * mints one per click; a repeated action derives the same one) that is already stored is that job: asked
 * for twice, it is made and charged once.
 */
export async function createJob(
  /** @type {Record<string, any>} */ input,
  /** @type {import('./jobs.js').JobOrigin} */ origin = {},
) {
  const existing = typeof input?.submitId === 'string' ? await getJob(input.submitId) : undefined;
  if (existing) return { ok: true, job: existing, existing: true };
  // A job is its site's for ever (and its cluster's, on Dreamina): its polls, links and downloads go there.
  const site = input?.site ? siteId(input.site) : await currentSite();
  input = { ...input, site };
  const built = await buildSubmit(input);
  if (!built.ok) return built;
  // Dreamina wants the user's consent to its AIGC rules before a first video (§9.5): asked in our UI, never assumed.
  if (site === 'dreamina' && built.job.kind === 'video' && !(await hasConsent())) return consentRequired();
  const now = Date.now();
  // model and kind at the top: the engine reads them (a full model lane holds that model's jobs; videos are
  // looked at on their own cadence).
  const job = {
    submitId: built.job.submitId,
    createdAt: now,
    updatedAt: now,
    phase: /** @type {const} */ ('submitting'),
    model: built.job.model,
    kind: built.job.kind ?? 'image',
    site,
    ...(site === 'dreamina' ? { cluster: String((await loadSession(site)).region ?? '') } : {}),
    input,
    job: built.job,
    origin,
  };
  try {
    await addJob(job);
  } catch (e) {
    // Nothing is sent for a job that could not be stored: it would run untracked. Stored jobs keep running.
    if (isQuotaError(e)) return diskFull();
    throw e;
  }
  return { ok: true, job };
}
