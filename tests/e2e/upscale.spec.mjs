// 超清: one click on a finished image (popup, tracker, workspace) makes a 4096-px child job linked to its
// parent, shown beside it, charged on its own, and downloaded under a name of its own.
import { test, expect } from '@playwright/test';
import { screenshotPath } from './browser.mjs';
import { harness, useStandin } from './harness.mjs';
import { doneJob as doneJobOf, picture as pictureOf } from './image-checks.mjs';

const env = useStandin(test);
const BLOG = 'https://blog.example';
const picture = (url) => pictureOf(env.standin, url);
const doneJob = (predicate) => doneJobOf(env.h, predicate);

for (const [locale, name, label] of [
  ['zh-CN', 'upscale-pair-zh', '超清第 1 张（4K）'],
  ['en-US', 'upscale-pair-en', 'Upscale image 1 to 4K'],
]) {
  test(`超清 on a finished image gives a 4096-px child job beside its original (${locale})`, async () => {
    env.h = await harness(env.standin, { locale });
    const first = await env.h.submit({ prompt: '雪山下的木屋', count: 1 });
    await env.h.waitFor(first.job.submitId, (j) => j.phase === 'done');
    const { popup } = env.h;
    await popup.locator(`.job[data-submit-id="${first.job.submitId}"]`).getByRole('button', { name: label }).click();
    const child = await doneJob((j) => j.job.upscale === 'normal_hd');
    expect(child.job.parent).toMatchObject({ submitId: first.job.submitId, index: 0 });
    expect([child.images[0].width, child.images[0].height]).toEqual([4096, 4096]);
    const big = await picture(child.images[0].url);
    expect([big.width, big.height]).toEqual([4096, 4096]);
    const pair = popup.locator(`.job[data-submit-id="${child.submitId}"] .pair`);
    await expect(pair.locator('img')).toHaveCount(2);
    await expect(pair.locator('figcaption').nth(1)).toContainText('4096×4096');
    await expect
      .poll(() => pair.locator('img').evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)))
      .toBe(true);
    await popup.locator(`.job[data-submit-id="${child.submitId}"]`).screenshot({ path: screenshotPath(name) });
    const charge = env.standin.control.ledger().find((l) => l.submit_id === child.submitId);
    expect(charge.amount).toBe(-9);
    const original = await env.h.send({ type: 'ui:download', submitId: first.job.submitId });
    const upscaled = await env.h.send({ type: 'ui:download', submitId: child.submitId });
    expect(upscaled.files[0].name).toBe(original.files[0].name.replace(/\.png$/, '-4K.png'));
    // The workspace's details show the pair too.
    const workspace = await env.h.context.newPage();
    await workspace.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
    await workspace.locator('.cell').first().click();
    await expect(workspace.locator('#inspector .pair img')).toHaveCount(2);
    await expect(workspace.locator('#inspector .pair figcaption').nth(1)).toContainText('4096×4096');
    await expect
      .poll(() =>
        workspace
          .locator('#inspector .pair img')
          .evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)),
      )
      .toBe(true);
    await workspace.screenshot({ path: screenshotPath(`${name}-workspace`) });
  });
}

test('超清 from the in-page tracker makes the child job there too', async () => {
  const { trackerProbe } = await import('./tracker-probe.mjs');
  env.h = await harness(env.standin, { activeTabHosts: [`${BLOG}/*`] });
  const page = await env.h.context.newPage();
  await page.goto(`${BLOG}/`);
  const probe = await trackerProbe(page);
  const r = await env.h.worker().evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://blog.example/*' });
    return self.jimeng.onMenuClick(
      { menuItemId: 'jimeng-generate', selectionText: '湖面上的白鹭', editable: false, pageUrl: tab.url },
      tab,
    );
  });
  await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  await expect.poll(async () => (await probe.read())?.jobs[0]?.state, { timeout: 20_000 }).toBe('done');
  await probe.click('button[name="upscale"]');
  const child = await doneJob((j) => j.job.upscale === 'normal_hd');
  expect(child.job.parent.submitId).toBe(r.job.submitId);
  expect(child.origin).toMatchObject({ from: 'tracker' });
  await expect
    .poll(async () => (await probe.read())?.jobs.some((j) => j.submitId === child.submitId && j.state === 'done'), {
      timeout: 20_000,
    })
    .toBe(true);
});

test('智能超清 is offered where the catalogue has it, and makes a pro_hd child charged as such', async () => {
  env.h = await harness(env.standin);
  const first = await env.h.submit({ prompt: '海上的帆船', count: 2, model: 'high_aes_general_v50' }); // 5.0 offers 智能超清
  const plain = await env.h.submit({ prompt: '旧款模型', count: 1, model: 'high_aes_general_v40' }); // 4.0 does not
  await env.h.waitFor(first.job.submitId, (j) => j.phase === 'done');
  await env.h.waitFor(plain.job.submitId, (j) => j.phase === 'done');
  const { popup } = env.h;
  await popup.reload();
  await expect(
    popup.locator(`.job[data-submit-id="${plain.job.submitId}"]`).getByRole('button', { name: '智能超清' }),
  ).toHaveCount(0);
  const item = popup.locator(`.job[data-submit-id="${first.job.submitId}"]`);
  await item.screenshot({ path: screenshotPath('image-actions-zh') });
  await item.getByRole('button', { name: '第 2 张智能超清（4K）' }).click();
  const child = await doneJob((j) => j.job.upscale === 'pro_hd');
  expect(child.job.parent).toMatchObject({ submitId: first.job.submitId, index: 1 });
  expect(env.standin.control.ledger().find((l) => l.submit_id === child.submitId).amount).toBe(-12);
});
