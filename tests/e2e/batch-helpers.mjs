// The batch dialog as the browser specs drive it (batch*.spec.mjs): opened, filled and started; the rows read back.
import { expect } from '@playwright/test';
import { readJobs } from './harness.mjs';

export async function openBatchDialog(h) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.id}/workspace/workspace.html`);
  await page.locator('#open-batch').click();
  await expect(page.locator('#batch-dialog')).toBeVisible();
  return page;
}
/** Opens the dialog, pastes `lines`, previews and starts them at the fast pace (and `concurrency` at once, if given). */
export async function startBatch(h, lines, { concurrency } = {}) {
  const page = await openBatchDialog(h);
  await page.locator('#batch-text').fill(lines.join('\n'));
  if (concurrency) await page.locator('#batch-concurrency').selectOption(String(concurrency));
  await page.locator('#batch-gap').selectOption('1000');
  await page.locator('#batch-preview-button').click();
  await page.locator('#batch-start').click();
  return page;
}
export const batchRows = async (h) =>
  Object.values(await readJobs(h.popup))
    .filter((j) => j.batchId)
    .sort((a, b) => a.row - b.row);
export async function waitForRows(h, predicate, timeout = 60_000) {
  for (const start = Date.now(); Date.now() - start < timeout; await new Promise((r) => setTimeout(r, 300))) {
    const rows = await batchRows(h);
    if (predicate(rows)) return rows;
  }
  throw new Error(
    `batch rows did not get there: ${JSON.stringify((await batchRows(h)).map((r) => [r.row, r.phase, r.error?.code ?? r.lastError?.code, r.nextAttemptAt && r.nextAttemptAt - Date.now()]))}`,
  );
}
/** Every submit the stand-in received (`ret` '0' when it made a task). */
export const generateRequests = (standin) => standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
