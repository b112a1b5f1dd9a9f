// The popup's compact batch and the cost estimate: lines typed in the prompt box become a batch with the
// form's settings; the price of each row comes from what the account itself was charged (the ledger,
// matched by submit_id), shown against the balance before anything is sent.
import { test, expect } from '@playwright/test';
import { harness, readJobs, useStandin } from './harness.mjs';
import { screenshotPath } from './browser.mjs';

const env = useStandin(test);
const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });

/** One single job of 4 images in the popup, to its end: the account's first charge of that kind. */
async function generateOnce(popup, prompt) {
  await popup.locator('#prompt').fill(prompt);
  await popup.locator('#count').selectOption('4');
  await popup.locator('#generate').click();
  await expect(popup.locator('.job').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
}

test("lines typed in the popup's batch box are previewed with their cost from the account's own charges, then run", async () => {
  env.standin.control.credits({ gift: 40 });
  env.h = await harness(env.standin);
  const { popup } = env.h;
  await generateOnce(popup, '一只猫');
  const perJob = -env.standin.control.ledger().find((r) => r.kind === 'charge').amount;
  await popup.reload(); // a fresh popup reads the balance again
  await popup.getByLabel('批量：每行一条').check();
  await expect(popup.getByLabel('提示词')).toHaveAttribute('placeholder', /每行一个提示词/); // the one prompt box, now for lines
  await expect(popup.locator('#generate')).toBeHidden();
  await popup.locator('#prompt').fill('{红|蓝}色的狐狸\n雪山日出\n' + 'x'.repeat(801));
  const summary = popup.locator('#batch-summary');
  const balance = 40 - perJob;
  await expect(summary).toContainText('共 4 个任务，1 个有问题');
  await expect(summary).toContainText(`预计消耗 ${3 * perJob} 积分，余额 ${balance}`);
  await expect(popup.locator('#batch-problems li')).toHaveText([/第 3 行 · prompt/]);
  await expect(popup.locator('#batch-start')).toHaveText('只开始无误的 3 个');
  await popup.screenshot({ path: screenshotPath('popup-batch-zh'), fullPage: true });
  expect(generates()).toHaveLength(1); // nothing of the batch sent yet

  await popup.locator('#batch-start').click();
  await expect(summary).toHaveText('批量任务已开始：3 个');
  await expect(popup.locator('.batch')).toHaveCount(1);
  await expect
    .poll(async () => Object.values(await readJobs(popup)).filter((j) => j.batchId && j.phase === 'done').length, {
      timeout: 60_000,
    })
    .toBe(3);
  const rows = Object.values(await readJobs(popup)).filter((j) => j.batchId);
  expect(rows.map((j) => j.job.count)).toEqual([4, 4, 4]); // the form's settings were every row's default
  // The estimate was what the account was then charged for exactly these rows.
  const charged = env.standin.control
    .ledger()
    .filter((r) => rows.some((j) => j.submitId === r.submit_id))
    .reduce((a, r) => a - r.amount, 0);
  expect(charged).toBe(3 * perJob);
});

test('a batch that costs more than the balance says so before it starts, and the full preview prices each row', async () => {
  env.standin.control.credits({ gift: 6 });
  env.h = await harness(env.standin, { locale: 'en-US' });
  const { popup } = env.h;
  await generateOnce(popup, 'a cat');
  const perJob = 6 - env.standin.control.balance().gift_credit;
  await popup.reload();
  await popup.locator('#batch-mode').check();
  await popup.locator('#prompt').fill('a lighthouse at dusk\na fox in the snow');
  const summary = popup.locator('#batch-summary');
  await expect(summary).toContainText(`Estimated cost: ${2 * perJob} credits; balance ${6 - perJob}`);
  await expect(summary).toContainText('Not enough credits');
  await expect(summary).toHaveAttribute('data-state', 'warn');
  await popup.screenshot({ path: screenshotPath('popup-batch-en'), fullPage: true });

  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await page.locator('#open-batch').click();
  const [single] = Object.values(await readJobs(popup));
  await page.locator('#batch-format').selectOption('csv');
  const { model, resolution } = single.job;
  await page
    .locator('#batch-text')
    .fill(
      `prompt,model,resolution,count\nan owl,${model},${resolution},4\na heron,${model},${resolution},4\na wren,${model},${resolution},2\n`,
    );
  await page.locator('#batch-preview-button').click();
  const cells = page.locator('#batch-preview tbody tr td:nth-child(8)');
  await expect(cells).toHaveText([String(perJob), String(perJob), String(perJob / 2)]); // 2 images: priced per image
  await expect(page.locator('#batch-summary')).toContainText('Not enough credits');
  expect(generates()).toHaveLength(1);
});
