// The workspace ("全部作品"): a gallery of everything made, searchable and filterable, with bulk actions.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { harness, readJobs, useStandin, openWorkspace, setFilter, summary } from './harness.mjs';
import { screenshotPath } from './browser.mjs';
import { cellsOf, seedHistory } from './history-seed.mjs';

const env = useStandin(test);
const HISTORY = 300;

test('the workspace shows every image, finds prompts (Chinese too) and filters by state, model, date and favourite', async () => {
  env.h = await harness(env.standin);
  const { planned } = await seedHistory(env.h, env.standin, HISTORY);
  const page = await openWorkspace(env.h, { read: true });
  await expect(summary(page)).toHaveText(`${cellsOf(planned)} 张图片，来自 ${HISTORY} 个任务`);
  // Thumbnails of real past work load.
  await expect
    .poll(() =>
      page.locator('.cell img').evaluateAll((imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length),
    )
    .toBeGreaterThan(8);
  await page.screenshot({ path: screenshotPath('workspace-zh') });

  const expectCount = async (pick) => {
    const chosen = planned.filter(pick);
    await expect(summary(page)).toHaveText(`${cellsOf(chosen)} 张图片，来自 ${chosen.length} 个任务`);
  };
  await setFilter(page, 'q', '灯塔');
  await expectCount((p) => p.prompt.includes('灯塔'));
  await setFilter(page, 'q', 'FOX snow'); // every word, any case
  await expectCount((p) => p.prompt.includes('fox in the snow'));
  await setFilter(page, 'q', '');
  await setFilter(page, 'state', 'failed');
  await expectCount((p) => p.failed);
  await expect(page.locator('.cell[data-state="failed"]').first()).toBeVisible();
  await setFilter(page, 'state', 'all');
  await setFilter(page, 'model', 'high_aes_general_v50');
  await expectCount((p) => p.model === 'high_aes_general_v50');
  await setFilter(page, 'model', '');
  await setFilter(page, 'favourite', true);
  await expectCount((p) => p.favourite);
  await setFilter(page, 'favourite', false);
  // The last three days (jobs are spread 2.4 h apart, going back).
  const day = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const now = Date.now();
  await setFilter(page, 'from', day(now - 2 * 86_400_000));
  const midnight = new Date(day(now - 2 * 86_400_000) + 'T00:00:00').getTime();
  await expectCount((p) => now - p.agoMs >= midnight - 60_000);
  await setFilter(page, 'from', '');
  // Oldest first puts the earliest job's first image first.
  await setFilter(page, 'sort', 'oldest');
  await expect(page.locator('.cell').first()).toHaveAttribute('aria-label', new RegExp(planned[HISTORY - 1].prompt));
});

test('selected images download under template names, export as JSON and CSV, and delete', async () => {
  env.h = await harness(env.standin);
  const { planned } = await seedHistory(env.h, env.standin, 40);
  const page = await openWorkspace(env.h, { read: true });
  // The newest job (index 0) has 1 image, the next 2: select those three images by keyboard.
  await page.locator('.cell').first().click();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.locator('#selected-count')).toHaveText('已选 3 张');
  await expect(page.locator('.cell[aria-selected="true"]')).toHaveCount(3);

  // The names the worker gives (the browser under test stores downloads under its own names; our records of
  // downloads under way go once each completes).
  await env.h.worker().evaluate(() => {
    const download = chrome.downloads.download.bind(chrome.downloads);
    Object.assign(self, { downloadNames: [] });
    chrome.downloads.download = /** @type {any} */ (
      (o) => {
        /** @type {any} */ (self).downloadNames.push(o.filename);
        return download(o);
      }
    );
  });
  await page.locator('#download-selected').click();
  await expect
    .poll(() => page.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length), {
      timeout: 20_000,
    })
    .toBe(3);
  await expect
    .poll(
      () =>
        page.evaluate(
          async () => Object.keys((await chrome.storage.local.get('downloadRecords')).downloadRecords ?? {}).length,
        ),
      { message: 'records of finished downloads are pruned' },
    )
    .toBe(0);
  const names = await env.h.worker().evaluate(() => /** @type {any} */ (self).downloadNames);
  const expected = (p, k) =>
    expect.stringMatching(new RegExp(`^jimeng/\\d{4}-\\d{2}-\\d{2}/${p.prompt}-${p.seed}-${k}\\.png$`));
  expect(names.sort()).toEqual([expected(planned[1], 1), expected(planned[1], 2), expected(planned[0], 1)]); // sorted by code point

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
  expect(
    csv.startsWith(
      '\uFEFFprompt,negative_prompt,model,ratio,width,height,seed,submit_id,history_id,created,state,image,file\r\n',
    ),
  ).toBe(true);
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[7])
      .sort(),
  ).toEqual([planned[0].submitId, planned[1].submitId, planned[1].submitId].sort());
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const rows = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8'));
  expect(rows).toHaveLength(3);
  expect(rows[0]).toMatchObject({
    prompt: planned[0].prompt,
    seed: planned[0].seed,
    submit_id: planned[0].submitId,
    image: 1,
  });
  expect(rows.every((r) => r.file.endsWith('.png') && r.history_id && r.created)).toBe(true);

  page.once('dialog', (d) => d.accept());
  await page.locator('#delete-selected').click();
  await expect(page.locator('#workspace-status')).toHaveText('已删除 2 个任务');
  const left = await readJobs(page);
  expect(left[planned[0].submitId]).toBeUndefined();
  expect(left[planned[1].submitId]).toBeUndefined();
  expect(Object.keys(left)).toHaveLength(38);
  await expect(summary(page)).toContainText('来自 38 个任务');
});

test('enter on an image whose link expired opens the original, re-signed first', async () => {
  env.standin.control.advance({ ms: -2 * 3600_000 }); // the service's clock is behind: its links are stale for us
  env.h = await harness(env.standin);
  await seedHistory(env.h, env.standin, 5);
  const page = await openWorkspace(env.h, { read: true });
  await page.locator('.cell').first().click();
  const [opened] = await Promise.all([env.h.context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await opened.waitForLoadState();
  expect(
    await opened.evaluate(() => ({ type: document.contentType, ok: (document.images[0]?.naturalWidth ?? 0) > 0 })),
  ).toEqual({ type: 'image/png', ok: true });
  expect(env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' }).length).toBeGreaterThanOrEqual(1);
});

test('the workspace speaks English, and the popup opens it from "All work"', async () => {
  env.h = await harness(env.standin, { locale: 'en-US' });
  await seedHistory(env.h, env.standin, HISTORY);
  await env.h.popup.reload();
  const [page] = await Promise.all([
    env.h.context.waitForEvent('page'),
    env.h.popup.getByRole('button', { name: 'All work' }).click(),
  ]);
  await expect(page).toHaveURL(/workspace\/workspace\.html/);
  await expect(page.locator('#summary')).toHaveText(/images from 300 jobs/, { timeout: 20_000 });
  await expect
    .poll(() =>
      page.locator('.cell img').evaluateAll((imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length),
    )
    .toBeGreaterThan(8);
  await page.locator('.cell').nth(2).click();
  await expect(page.locator('#inspector')).toBeVisible();
  await page.screenshot({ path: screenshotPath('workspace-en') });
});

test('"open in side panel" shows the workspace in Chrome\'s side panel', async () => {
  env.h = await harness(env.standin);
  await seedHistory(env.h, env.standin, 12);
  await env.h.popup.reload();
  await env.h.popup.getByRole('button', { name: '在侧边栏打开' }).click();
  // The panel's document is the browser's, out of Playwright's reach: the extension's own view of its contexts.
  const panels = () =>
    env.h
      .worker()
      .evaluate(async () =>
        (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).map((c) =>
          (c.documentUrl ?? '').replace(/^chrome-extension:\/\/[^/]+/, ''),
        ),
      );
  await expect.poll(panels).toEqual(['/workspace/workspace.html']);
  // It stays open while jobs run and finish (it watches like the tab does).
  const r = await env.h.submit({ prompt: '侧边栏里看到的任务', count: 1 });
  await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  expect(await panels()).toEqual(['/workspace/workspace.html']);
});
