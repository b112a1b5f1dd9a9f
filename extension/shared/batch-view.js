// @ts-check
// Batch runs as people see them, the same in the popup (compact) and the workspace: name, state (and why
// it paused), a progress bar, counts, an estimate of the time left, and pause / resume / cancel. Counts
// come from the rows the view knows (their phases), kept up to date from the worker's job changes.
import { Ui } from './messages.js';
import { describeError, excerpt, t } from './job-text.js';
import { button, el } from './dom.js';
import { send, sendButton } from './send.js';

/** @typedef {import('./job-store.js').Batch} Batch */

/**
 * @param {HTMLElement} list  a <ul>
 * @param {{compact?: boolean, onExportFailed?: (batchId: string) => void}} [options]  compact: finished rows are
 *   counted as total minus the open ones, and only pause / resume / cancel are offered
 */
export function createBatchList(list, { compact = false, onExportFailed } = {}) {
  /** @type {Map<string, Batch>} */
  const batches = new Map();
  /** @type {Map<string, Map<string, string>>} batch id → row submit_id → phase */
  const phases = new Map();
  /** @type {Map<string, string>} batch id → its first prompt, for a batch without a name */
  const firstPrompt = new Map();

  /** @param {Batch} batch */
  function counts(batch) {
    const rows = [...(phases.get(batch.id)?.values() ?? [])];
    const n = (/** @type {string} */ p) => rows.filter((x) => x === p).length;
    const running = n('queued') + n('generating');
    const waiting = n('submitting');
    const done = compact ? batch.total - running - waiting : n('done');
    return { done, failed: compact ? 0 : n('failed'), running, waiting };
  }

  /**
   * Time left, from the observed durations: the rows done so far took `doneMs / timed` each from submit to
   * done, `concurrency` run at once, and a new one starts at most every `gapMs` (the spread averages out).
   * The rows in flight are counted as half done.
   */
  /** @param {Batch} batch @param {ReturnType<typeof counts>} c */
  function eta(batch, c) {
    const left = c.waiting + c.running / 2;
    if (batch.state !== 'running' || !batch.timed || left === 0) return '';
    const perRow = Math.max((batch.doneMs ?? 0) / batch.timed / Math.max(1, batch.concurrency), batch.gapMs ?? 0);
    const minutes = Math.round((left * perRow) / 60_000);
    return minutes < 1 ? t('batchEtaUnderMinute') : t('batchEta', minutes);
  }

  /** @param {Batch} batch */
  function stateText(batch) {
    if (batch.state === 'paused')
      return batch.pause?.kind === 'paused'
        ? t('batchPausedByUser')
        : `${t('batchPaused')}: ${describeError(batch.pause)}`;
    const b = /** @type {any} */ (batch);
    // A scheduled batch says when it starts, and once started late (the browser was closed at its time), by how much.
    if (batch.state === 'running' && b.startAt && !b.startedAt)
      return t('batchStartsAt', new Date(b.startAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }));
    if (batch.state === 'running' && b.startedLateMs)
      return `${t('batchState_running')} · ${t('batchStartedLate', String(Math.round(b.startedLateMs / 60_000)))}`;
    return t(`batchState_${batch.state}`);
  }

  /** @param {Batch} batch */
  function item(batch) {
    const c = counts(batch);
    const name = batch.name || batch.title || excerpt(firstPrompt.get(batch.id) ?? '', 30) || t('batchUnnamed');
    const node = el('li', { className: 'batch' });
    node.dataset.batchId = batch.id;
    node.dataset.state = batch.state;
    node.append(
      el(
        'p',
        { className: 'batch-head' },
        el('strong', { textContent: name }),
        ' ',
        el('span', { className: 'batch-state', textContent: stateText(batch) }),
      ),
    );
    node.append(
      el('progress', {
        max: batch.total,
        value: c.done + c.failed,
        ariaLabel: `${name} ${c.done + c.failed}/${batch.total}`,
      }),
    );
    const text = compact
      ? t('batchCountsCompact', c.done, batch.total, c.running, c.waiting)
      : t('batchCounts', c.done, c.running, c.failed, c.waiting);
    node.append(el('p', { className: 'batch-counts', textContent: [text, eta(batch, c)].filter(Boolean).join(' · ') }));
    const actions = el('div', { className: 'actions' });
    const command = (/** @type {'pause' | 'resume' | 'cancel'} */ name) => () => ({
      type: Ui.batchCommand,
      batchId: batch.id,
      command: name,
    });
    if (batch.state === 'running') actions.append(sendButton(t('batchPause'), command('pause')));
    if (batch.state === 'paused') actions.append(sendButton(t('batchResume'), command('resume')));
    if (batch.state === 'running' || batch.state === 'paused')
      actions.append(
        button(t('batchCancel'), () => {
          if (confirm(t('batchCancelConfirm'))) send(command('cancel')());
        }),
      );
    if (!compact && c.done > 0)
      actions.append(sendButton(t('batchDownload'), () => ({ type: Ui.batchDownload, batchId: batch.id })));
    if (!compact && c.failed > 0 && batch.state !== 'running') {
      if (onExportFailed) actions.append(button(t('batchExportFailed'), () => onExportFailed(batch.id)));
      // Busy until the worker answers; asked twice, the worker still makes one batch.
      actions.append(sendButton(t('batchRequeue'), () => ({ type: Ui.batchRequeue, batchId: batch.id })));
    }
    node.append(actions);
    return node;
  }

  function draw() {
    const sorted = [...batches.values()].sort((a, b) => b.createdAt - a.createdAt);
    list.replaceChildren(...sorted.map(item));
    list.hidden = sorted.length === 0;
  }

  return {
    /** Batches to show (new or changed); ended ones stay until the view closes. @param {Batch[]} next */
    setBatches(next) {
      for (const b of next) batches.set(b.id, b);
      draw();
    },
    /** Rows seen (at load, or changed since): their phases feed the counts. @param {{submitId: string, batchId?: string, phase: string, job?: any, prompt?: string}[]} rows */
    rowsChanged(rows) {
      let touched = false;
      for (const r of rows) {
        if (!r.batchId) continue;
        if (!phases.has(r.batchId)) phases.set(r.batchId, new Map());
        /** @type {Map<string, string>} */ (phases.get(r.batchId)).set(r.submitId, r.phase);
        if (!firstPrompt.has(r.batchId)) firstPrompt.set(r.batchId, r.prompt ?? r.job?.prompt ?? '');
        touched ||= batches.has(r.batchId);
      }
      if (touched) draw();
    },
  };
}
