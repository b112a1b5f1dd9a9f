// @ts-check
// Batch runs. A preview is the core's expansion of what the user pasted or imported, with the clock and
// entropy it was made with; starting runs exactly that preview again, so the rows sent are the rows seen,
// each with the submit_id it had there. Every row is stored before any is sent. After that, the engine
// (core `step`) decides what to send and when; pause, resume and cancel are events for it.
import { Ui } from '../../shared/messages.js';
import { getBatch, jobsOfBatch, newestBatches, openBatches } from '../../shared/job-store.js';
import { describeError, excerpt } from '../../shared/job-text.js';
import { INPUT_FIELDS, expand, inputOf, siteOf, withReferences } from './batch-input.js';
import { dispatch } from '../jobs/engine.js';
import { addBatch, getJob, isQuotaError } from '../jobs/jobs.js';
import { downloadJob } from '../downloads/downloads.js';
import { diskFull } from '../jobs/submit.js';
import { onceAtATime, stableEntropy } from '../jobs/once.js';
import { animateSettings, nearestRatio, noVideoModel } from '../jobs/video-jobs.js';
import { siteId } from '../../shared/site.js';

const COMMANDS = new Set(['pause', 'resume', 'cancel']);
const bad = (/** @type {string} */ code, /** @type {string} */ message) => ({
  ok: false,
  error: { kind: 'invalid_input', code, message, retry: 'never' },
});

const MAX_SCHEDULE_MS = 30 * 86_400_000;

async function start(/** @type {any} */ msg) {
  // A set start (the caller's clock, as the engine's): from now to 30 days ahead; the engine holds its rows until then.
  const startAt = msg.startAt === undefined || msg.startAt === null ? 0 : Number(msg.startAt);
  if (startAt && (!Number.isFinite(startAt) || startAt < Date.now() - 60_000 || startAt > Date.now() + MAX_SCHEDULE_MS))
    return bad('start_at_invalid', 'the start time must be from now to 30 days ahead');
  const preview = await withReferences(msg.input, false); // every row judged before anything is uploaded
  if (!preview.ok) return preview;
  const checked = await expand(preview.input);
  if (!checked.ok) return checked;
  if (checked.invalid > 0 && !msg.validOnly) return bad('batch_has_errors', `${checked.invalid} rows have errors`);
  const prepared = await withReferences(msg.input, true);
  if (!prepared.ok) return prepared;
  const expanded = await expand(prepared.input);
  if (!expanded.ok) return expanded;
  if (expanded.invalid > 0 && !msg.validOnly) return bad('batch_has_errors', `${expanded.invalid} rows have errors`);
  const rows =
    /** @type {(import('../../../wasm/jimeng-core').BatchRow & {job: import('../../../wasm/jimeng-core').Job})[]} */ (
      expanded.rows.filter((r) => r.job)
    );
  const site = await siteOf(msg.input); // every row is made there: its submits, polls and links go there
  if (rows.length === 0) return bad('batch_empty', 'no row can be sent');
  // The same preview started twice: its rows (same submit_ids) are stored already, and that batch is the answer.
  const started = await getJob(rows[0].job.submitId);
  const existing = started?.batchId ? await getBatch(started.batchId) : undefined;
  if (existing) return { ok: true, batch: existing, existing: true };
  const now = Date.now();
  const id = `batch-${crypto.randomUUID()}`;
  const concurrency = Math.min(5, Math.max(1, Math.round(Number(msg.concurrency) || 2)));
  const gapMs = Math.min(600_000, Math.max(0, Math.round(Number(msg.gapMs) || 0)));
  // `title` (the first prompt) is what the views call a batch without a name; files use the name or the start time.
  const batch = {
    id,
    createdAt: now,
    name: String(msg.name ?? '').slice(0, 80),
    title: excerpt(rows[0].prompt, 30),
    total: rows.length,
    state: /** @type {const} */ ('running'),
    concurrency,
    gapMs,
    spreadMs: Math.round(gapMs / 2),
    ...(startAt > now ? { startAt: Math.round(startAt) } : {}),
  };
  const jobs = rows.map((r, i) => ({
    submitId: r.job.submitId,
    createdAt: now,
    updatedAt: now,
    phase: /** @type {const} */ ('submitting'),
    batchId: id,
    row: i + 1,
    sourceRow: r.row,
    model: r.job.model,
    kind: r.job.kind ?? 'image',
    site,
    input: { ...inputOf(r.job), site },
    job: r.job,
    origin: { from: 'batch' },
  }));
  try {
    await addBatch(batch, jobs);
  } catch (e) {
    if (isQuotaError(e)) return diskFull();
    throw e;
  }
  dispatch({ type: 'submit' });
  return { ok: true, batch };
}

/** A failed row as the batch CSV's columns (so the file goes back in), with why it failed as a note. */
const failedRow = (/** @type {import('../jobs/jobs.js').Job} */ j) => ({
  prompt: j.job.prompt,
  negative_prompt: j.job.negativePrompt ?? '',
  model: j.job.model,
  ratio: j.job.ratioLabel,
  resolution: j.job.resolution,
  count: j.job.kind === 'video' ? '' : j.job.count,
  seed: j.job.seed,
  strength: j.job.kind === 'video' ? '' : j.job.sampleStrength,
  kind: j.job.kind === 'video' ? 'video' : 'image',
  duration: j.job.durationS ?? '',
  note: describeError(j.error),
});

async function failedRows(/** @type {string} */ batchId) {
  return (await jobsOfBatch(batchId)).filter((j) => j.phase === 'failed').sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/**
 * The failed rows again, as a new batch at the same pace: new submit_ids (a failed task is never resent), same
 * seeds. Asked for twice it is one batch: the ids come from entropy derived from the old batch, so the second
 * request finds the rows the first stored.
 */
function requeue(/** @type {string} */ batchId) {
  return onceAtATime(`requeue:${batchId}`, async () => {
    const [old, rows] = await Promise.all([getBatch(batchId), failedRows(batchId)]);
    if (!old || rows.length === 0) return bad('batch_nothing_failed', 'no failed rows to run again');
    // A video row keeps its `video` settings (length, frames, references).
    const text = JSON.stringify(
      rows.map((j) =>
        Object.fromEntries(
          [...INPUT_FIELDS, 'video'].filter((k) => j.input?.[k] !== undefined).map((k) => [k, j.input[k]]),
        ),
      ),
    );
    const input = {
      format: 'json',
      site: siteId(rows[0].site),
      text,
      entropy: await stableEntropy('requeue', batchId),
    }; // on its own site
    return start({ input, validOnly: true, concurrency: old.concurrency, gapMs: old.gapMs, name: old.name });
  });
}

/**
 * 动起来 for a selection of images: each the first frame of its own video (by its uri: nothing is uploaded), as one
 * batch, so the model's lane and the batch's pace hold the rows and its end is said once. Asked for twice, the
 * same batch (its entropy comes from the images).
 * @param {{submitId: string, index: number}[]} items
 */
function animateBatch(items) {
  const names = items.map((i) => `${i.submitId}#${Number(i.index) + 1}`);
  return onceAtATime(`animate-batch:${names.join(',')}`, async () => {
    const site = siteId((await getJob(String(items[0]?.submitId)))?.site); // made where the images were
    const settings = await animateSettings(site);
    if (!settings) return noVideoModel();
    const rows = [];
    for (const [k, { submitId, index }] of items.entries()) {
      const job = await getJob(String(submitId));
      const image = job?.phase === 'done' ? job.images?.[Number(index)] : undefined;
      if (image)
        rows.push({
          prompt: job?.job.prompt,
          kind: 'video',
          firstFrame: names[k],
          ratio: nearestRatio(settings.model.ratios, image.width, image.height),
          ...(settings.resolution ? { resolution: settings.resolution } : {}),
        });
    }
    if (!rows.length) return bad('batch_empty', 'no finished image is selected');
    const input = {
      format: 'json',
      site,
      text: JSON.stringify(rows),
      defaults: { model: settings.model.key, durationS: settings.durationS },
      entropy: await stableEntropy('animate', ...names),
    };
    return start({ input, validOnly: true, concurrency: 2, gapMs: 5000, name: excerpt(rows[0].prompt, 20) });
  });
}

/** @type {Record<string, (msg: any) => Promise<any>>} */
export const batchHandlers = {
  [Ui.animateMany]: (msg) => animateBatch(Array.isArray(msg.items) ? msg.items.slice(0, 500) : []),
  [Ui.batchPreview]: async (msg) => {
    const prepared = await withReferences(msg.input, false);
    return prepared.ok ? expand({ ...prepared.input, now: undefined, entropy: undefined }, true) : prepared;
  },
  // One start at a time per request: a second Start of the same preview while the first is uploading or
  // storing gets the first one's answer, never a second batch.
  [Ui.batchStart]: (msg) =>
    onceAtATime(`batch-start:${JSON.stringify([msg.input, msg.validOnly, msg.concurrency, msg.gapMs, msg.name])}`, () =>
      start(msg),
    ),
  [Ui.batchCommand]: async (msg) => {
    if (!COMMANDS.has(msg.command)) return bad('command_unknown', `unknown batch command: ${msg.command}`);
    dispatch({ type: msg.command, batchId: String(msg.batchId) });
    return { ok: true };
  },
  [Ui.batchDownload]: async (msg) => {
    const done = (await jobsOfBatch(String(msg.batchId)))
      .filter((j) => j.phase === 'done')
      .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    let files = 0;
    for (const j of done) {
      const r = await downloadJob(j.submitId);
      if (r.ok) files += r.files.length;
    }
    return { ok: true, files };
  },
  [Ui.batchFailed]: async (msg) => ({ ok: true, rows: (await failedRows(String(msg.batchId))).map(failedRow) }),
  [Ui.batchRequeue]: (msg) => requeue(String(msg.batchId)),
  [Ui.batches]: async () => {
    const [open, newest] = await Promise.all([openBatches(), newestBatches(10)]);
    return {
      ok: true,
      batches: [...new Map([...newest, ...open].map((b) => [b.id, b])).values()].sort(
        (a, b) => b.createdAt - a.createdAt,
      ),
    };
  },
};
