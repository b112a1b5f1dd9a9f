// @ts-check
// What the workspace's selection bar does with the selected images ("submitId:index" keys): export them as
// CSV or JSON, and delete their jobs (running ones are kept, and the status line says so).
import { Ui } from '../shared/messages.js';
import { describeError, t } from '../shared/job-text.js';
import { ask, send } from '../shared/send.js';
import { saveText, toCsv, toJson } from './export.js';

/** Selected images grouped by job. @param {Set<string>} selection @returns {Map<string, number[]>} submitId → indices */
export function selectedByJob(selection) {
  /** @type {Map<string, number[]>} */
  const byJob = new Map();
  for (const key of selection) {
    const [id, k] = key.split(':');
    byJob.set(id, [...(byJob.get(id) ?? []), Number(k)]);
  }
  return byJob;
}

/** @param {Set<string>} selection @param {'csv' | 'json'} kind */
export async function exportSelected(selection, kind) {
  const byJob = selectedByJob(selection);
  // An error answer is said on the status line (send), and nothing is saved.
  const answer = await send({ type: Ui.exportRows, submitIds: [...byJob.keys()] });
  if (!answer.ok || !Array.isArray(answer.rows)) return;
  const rows = answer.rows;
  const chosen = rows.filter(
    (/** @type {{image: number | '', submit_id: string}} */ r) =>
      !r.image || byJob.get(r.submit_id)?.includes(r.image - 1),
  );
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  if (kind === 'csv') saveText(toCsv(chosen), `jimeng-${stamp}.csv`, 'text/csv;charset=utf-8');
  else saveText(toJson(chosen), `jimeng-${stamp}.json`, 'application/json');
}

/** Deletes the selected images' jobs once confirmed, then clears the selection. @param {Set<string>} selection @param {() => void} onCleared */
export async function deleteSelected(selection, onCleared) {
  const ids = [...selectedByJob(selection).keys()];
  if (!confirm(t('deleteConfirm', ids.length))) return;
  const answer = await send({ type: Ui.removeMany, submitIds: ids });
  if (!answer.ok || !Array.isArray(answer.removed)) return; // said on the status line; the selection stays for another try
  const removed = answer.removed;
  selection.clear();
  onCleared();
  const status = /** @type {HTMLElement} */ (document.getElementById('workspace-status'));
  status.textContent =
    removed.length < ids.length
      ? t('deletedKeptRunning', removed.length, ids.length - removed.length)
      : t('deleted', removed.length);
}

/** 动起来 for every selected image, as one batch of videos (each image its own video's first frame); the same
 *  selection asked twice is the same batch. @param {Set<string>} selection */
export async function animateSelected(selection) {
  const status = /** @type {HTMLElement} */ (document.getElementById('workspace-status'));
  const items = [...selectedByJob(selection)].flatMap(([submitId, indices]) =>
    indices.map((index) => ({ submitId, index })),
  );
  const r = await ask({ type: Ui.animateMany, items });
  status.textContent = r.ok ? t('animateStarted', r.batch.total) : describeError(r.error);
}
