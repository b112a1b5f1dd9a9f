// The workspace's pictures and details: old previews re-signed in batches, and an image's details (favourite, copy the
// prompt, reuse every setting).
import { test, expect } from '@playwright/test';
import { harness, readJobs, useStandin, openWorkspace, setFilter, summary } from './harness.mjs';
import { seedHistory } from './history-seed.mjs';

const env = useStandin(test);

test('old previews whose links expired still show: what is on screen is re-signed in a few batched requests', async () => {
  env.h = await harness(env.standin);
  await seedHistory(env.h, env.standin, 200, { previewTtlS: -60 }); // every preview link already expired
  const page = await openWorkspace(env.h, { read: true });
  const loaded = () =>
    page.locator('.cell img').evaluateAll((imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length);
  await expect.poll(loaded, { timeout: 20_000 }).toBeGreaterThan(20);
  // Settled: no new re-sign request for a second (a busy machine draws the last rows late).
  const count = () => env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' }).length;
  for (let last = -1; last !== count(); await page.waitForTimeout(1000)) last = count();
  const resigns = env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' });
  const asked = resigns.flatMap((r) => JSON.parse(r.body).uris);
  expect(resigns.length).toBeLessThanOrEqual(4);
  expect(asked.length).toBeLessThan(120); // what is on screen (and a few rows around it), not the 500+ images
  // They are kept: opened again, the workspace needs no new links.
  await page.close();
  const again = await openWorkspace(env.h, { read: true });
  await expect
    .poll(() =>
      again.locator('.cell img').evaluateAll((imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length),
    )
    .toBeGreaterThan(20);
  expect(env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' })).toHaveLength(resigns.length);
});

test("favourite, copy the prompt and reuse every setting from an image's details", async () => {
  env.h = await harness(env.standin);
  const { planned } = await seedHistory(env.h, env.standin, 6);
  const page = await openWorkspace(env.h, { read: true });
  await page.locator('.cell').nth(1).click(); // job 1, image 1
  const details = page.locator('#inspector');
  await expect(details.locator('.inspector-prompt')).toHaveText(planned[1].prompt);
  await details.getByRole('button', { name: '收藏' }).click();
  await expect(details.getByRole('button', { name: '取消收藏' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => !!(await readJobs(page))[planned[1].submitId].favourite).toBe(true);
  await setFilter(page, 'favourite', true);
  await expect(summary(page)).toHaveText(
    `${planned[1].count + (planned[3].favourite ? planned[3].count : 0)} 张图片，来自 ${1 + (planned[3].favourite ? 1 : 0)} 个任务`,
  );
  await setFilter(page, 'favourite', false);
  await page.locator('.cell').nth(1).click();
  await details.getByRole('button', { name: '复制提示词' }).click();
  await expect(page.locator('#workspace-status')).toHaveText('已复制提示词');
  // What a person does with it: paste it (a pasted search finds that job).
  await page.locator('#q').focus();
  await page.keyboard.press('Control+V');
  await expect(page.locator('#q')).toHaveValue(planned[1].prompt);
  await expect(summary(page)).toHaveText(`${planned[1].count} 张图片，来自 1 个任务`);
  // Reuse: the popup opens with the prompt, model, count and seed of that job.
  await details.getByRole('button', { name: '复用全部设置' }).click();
  // The real toolbar popup opens (not a tab): read it through the extension's views.
  const form = () =>
    page.evaluate(() => {
      const doc = chrome.extension.getViews({ type: 'popup' })[0]?.document;
      return (
        doc && Object.fromEntries(['prompt', 'model', 'count', 'seed'].map((id) => [id, doc.getElementById(id)?.value]))
      );
    });
  await expect.poll(form, { timeout: 10_000 }).toEqual({
    prompt: planned[1].prompt,
    model: planned[1].model,
    count: String(planned[1].count),
    seed: String(planned[1].seed),
  });
});
