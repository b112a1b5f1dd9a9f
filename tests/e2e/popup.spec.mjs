// The toolbar popup as a person uses it: type, generate, watch the job to its thumbnails; errors in place.
import { test, expect } from '@playwright/test';
import { harness, useStandin } from './harness.mjs';
import { screenshotPath } from './browser.mjs';

const env = useStandin(test);

const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });

test('typing a prompt and pressing 生成 shows the job through to its thumbnails', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  await popup.getByLabel('提示词').fill('一只在雨中撑伞的狐狸');
  await expect(popup.locator('#prompt-count')).toHaveText('10/800');
  await popup.getByLabel('数量').selectOption('2');
  await popup.getByRole('button', { name: '生成' }).click();
  const job = popup.locator('.job').first();
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(job.locator('.thumbs img')).toHaveCount(2);
  await expect(job.locator('.prompt')).toHaveText('一只在雨中撑伞的狐狸');
  await expect
    .poll(() => job.locator('.thumbs img').evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)))
    .toBe(true);
  expect(generates()).toHaveLength(1);
  await popup.screenshot({ path: screenshotPath('popup-zh'), fullPage: true });
});

test('an empty prompt is explained next to the prompt box and nothing is sent', async () => {
  env.h = await harness(env.standin);
  await env.h.popup.getByRole('button', { name: '生成' }).click();
  await expect(env.h.popup.locator('#prompt-error')).not.toBeEmpty();
  await expect(env.h.popup.getByLabel('提示词')).toHaveAttribute('aria-invalid', 'true');
  expect(generates()).toHaveLength(0);
});

test('a moderated prompt shows why it failed, with retry and reuse buttons, and its text stays inert', async () => {
  env.h = await harness(env.standin);
  const hostile = '<img src=x onerror="document.title=\'pwned\'">违禁词';
  await env.h.popup.getByLabel('提示词').fill(hostile);
  await env.h.popup.getByRole('button', { name: '生成' }).click();
  const job = env.h.popup.locator('.job').first();
  await expect(job).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(job.locator('.state')).toContainText('内容审核');
  await expect(job.getByRole('button', { name: '重试' })).toBeVisible();
  await expect(job.locator('.prompt')).toHaveText(hostile);
  expect(await env.h.popup.title()).not.toBe('pwned');
  await job.getByRole('button', { name: '复用提示词' }).click();
  await expect(env.h.popup.getByLabel('提示词')).toHaveValue(hostile);
});

test('the popup speaks English to an English browser', async () => {
  const { launch, extensionWorker, loggedInPage } = await import('./browser.mjs');
  const b = await launch(env.standin, { extension: true, locale: 'en-US' });
  env.h = b;
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

test('视频 chosen while the popup is still loading its models stays chosen once the form is ready', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  // No stored catalogue, and Jimeng slow to give one: the form waits for it. (The first popup's own read is let
  // finish first: under load it could store the catalogue again after this removal.)
  await expect
    .poll(() => popup.evaluate(async () => !!(await chrome.storage.local.get('models')).models), { timeout: 20_000 })
    .toBe(true);
  await popup.evaluate(() => chrome.storage.local.remove(['models']));
  env.standin.control.fault({ path: '/mweb/v1/get_common_config', delayMs: 2500, forMs: 10_000 });
  await popup.reload();
  await expect(popup.locator('#generate')).toBeDisabled();
  await popup.getByLabel('视频', { exact: true }).check();
  await expect(popup.locator('#generate')).toBeEnabled({ timeout: 20_000 });
  await expect(popup.getByLabel('视频', { exact: true })).toBeChecked();
  await expect(popup.locator('#durationS')).toBeVisible();
});
