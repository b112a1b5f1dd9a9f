// The toolbar popup as a person uses it: type, generate, watch the job to its thumbnails; errors in place.
import { test, expect } from '@playwright/test';
import { startStandin } from '../../web/server.mjs';
import { harness } from './harness.mjs';
import { screenshotPath } from './browser.mjs';

let standin, h;
test.beforeAll(async () => { standin = await startStandin(); });
test.afterAll(async () => { await standin.close(); });
test.beforeEach(() => standin.control.reset());
test.afterEach(async () => { await h?.context.close(); h = null; });

const generates = () => standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });

test('typing a prompt and pressing 生成 shows the job through to its thumbnails', async () => {
  h = await harness(standin);
  const { popup } = h;
  await popup.getByLabel('提示词').fill('一只在雨中撑伞的狐狸');
  await expect(popup.locator('#prompt-count')).toHaveText('10/800');
  await popup.getByLabel('数量').selectOption('2');
  await popup.getByRole('button', { name: '生成' }).click();
  const job = popup.locator('.job').first();
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(job.locator('.thumbs img')).toHaveCount(2);
  await expect(job.locator('.prompt')).toHaveText('一只在雨中撑伞的狐狸');
  await expect.poll(() => job.locator('.thumbs img').evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0))).toBe(true);
  expect(generates()).toHaveLength(1);
  await popup.screenshot({ path: screenshotPath('popup-zh'), fullPage: true });
});

test('an empty prompt is explained next to the prompt box and nothing is sent', async () => {
  h = await harness(standin);
  await h.popup.getByRole('button', { name: '生成' }).click();
  await expect(h.popup.locator('#prompt-error')).not.toBeEmpty();
  await expect(h.popup.getByLabel('提示词')).toHaveAttribute('aria-invalid', 'true');
  expect(generates()).toHaveLength(0);
});

test('a moderated prompt shows why it failed, with retry and reuse buttons, and its text stays inert', async () => {
  h = await harness(standin);
  const hostile = '<img src=x onerror="document.title=\'pwned\'">违禁词';
  await h.popup.getByLabel('提示词').fill(hostile);
  await h.popup.getByRole('button', { name: '生成' }).click();
  const job = h.popup.locator('.job').first();
  await expect(job).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(job.locator('.state')).toContainText('内容审核');
  await expect(job.getByRole('button', { name: '重试' })).toBeVisible();
  await expect(job.locator('.prompt')).toHaveText(hostile);
  expect(await h.popup.title()).not.toBe('pwned');
  await job.getByRole('button', { name: '复用提示词' }).click();
  await expect(h.popup.getByLabel('提示词')).toHaveValue(hostile);
});

test('the popup speaks English to an English browser', async () => {
  const { launch, extensionWorker, loggedInPage } = await import('./browser.mjs');
  const b = await launch(standin, { extension: true, locale: 'en-US' });
  h = b;
  const { id } = await extensionWorker(b.context);
  await loggedInPage(b.context);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.getByRole('button', { name: 'Generate' })).toBeVisible();
  await expect(popup.locator('#session')).toHaveText('Connected to Jimeng');
  await popup.getByLabel('Prompt', { exact: true }).fill('a lighthouse at dawn');
  await popup.getByLabel('Images').selectOption('1');
  await popup.getByRole('button', { name: 'Generate' }).click();
  await expect(popup.locator('.job').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await popup.screenshot({ path: screenshotPath('popup-en'), fullPage: true });
});
