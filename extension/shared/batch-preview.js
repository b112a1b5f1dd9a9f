// @ts-check
// What a batch preview says, the same in the popup's compact batch and the workspace's dialog: how many
// jobs the input makes, how many have problems (by row and column), the cap, and the estimated cost (the
// core's, from prices learned off the account's ledger) against the balance.
import { describeError, t } from './job-text.js';

/** A row's problem: "Row 3 · ratio: …". */
export function rowProblem(/** @type {any} */ row) {
  if (!row.error) return '';
  const where = row.error.column ?? row.error.field;
  return t('batchRowError', row.row, `${where ? `${where}: ` : ''}${describeError(row.error)}`);
}

/** The estimate in words: known cost (against the balance), rows of unknown price, and a shortfall. */
export function estimateLines(/** @type {any} */ estimate) {
  if (!estimate) return [];
  const lines = [];
  if (estimate.priced === 0 && estimate.unpriced > 0) lines.push(t('batchEstimateAllUnpriced'));
  else {
    lines.push(
      estimate.balance === undefined
        ? t('batchEstimateNoBalance', estimate.credits)
        : t('batchEstimate', estimate.credits, estimate.balance),
    );
    if (estimate.unpriced > 0) lines.push(t('batchEstimateUnpriced', estimate.unpriced));
  }
  if (estimate.short) lines.push(t('batchEstimateShort'));
  return lines;
}

/**
 * The summary under a preview, one line per fact (shown with white-space: pre-line), and its state: error (nothing can start), warn (problems, or too few credits), ok.
 * @returns {{ text: string, state: 'error' | 'warn' | 'ok' }}
 */
export function previewSummary(/** @type {any} */ answer) {
  if (!answer.ok) return { text: describeError(answer.error), state: 'error' };
  const lines = [t('batchSummary', answer.rows.length, answer.invalid, answer.cap)];
  if (answer.capped) lines.push(t('batchCapped', answer.total, answer.cap));
  lines.push(...estimateLines(answer.estimate));
  return { text: lines.join('\n'), state: answer.invalid || answer.estimate?.short ? 'warn' : 'ok' };
}
