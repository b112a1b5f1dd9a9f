// Images in: reference images uploaded through the stand-in's ImageX (signed, CRC-checked, committed),
// our own results used as references without an upload, a right-click on a page's image, and 超清.
import { test, expect } from '@playwright/test';
import { screenshotPath } from './browser.mjs';
import { harness, useStandin } from './harness.mjs';
import {
  bandColours,
  addFiles,
  doneJob as doneJobOf,
  generate,
  png,
  near,
  picture as pictureOf,
} from './image-checks.mjs';
import { PHOTO_COLOUR } from '../../web/other-sites.mjs';

const env = useStandin(test);
const BLOG = 'https://blog.example';
const RED = [220, 30, 40],
  BLUE = [30, 60, 220];
const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
const tokens = () => env.standin.control.requests({ path: '/mweb/v1/get_upload_token' });
const steps = (step) => env.standin.control.imagexLog().filter((r) => r.step === step);
const picture = (url) => pictureOf(env.standin, url);
const doneJob = (predicate) => doneJobOf(env.h, predicate);

/** A browser with blog.example open, and a right-click on an image there (native menus are called as handlers). */
async function onBlog() {
  env.h = await harness(env.standin, { activeTabHosts: [`${BLOG}/*`] });
  const page = await env.h.context.newPage();
  await page.goto(`${BLOG}/`);
  const rightClick = (src) =>
    env.h.worker().evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url: 'https://blog.example/*' });
      return self.jimeng.onMenuClick(
        { menuItemId: 'jimeng-image', srcUrl: url, mediaType: 'image', editable: false, pageUrl: tab.url },
        tab,
      );
    }, src);
  return { page, rightClick };
}

/** How many files the references database holds (none when it was never made: opening it here would make it). */
const storedReferenceFiles = (page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'jimeng-references')) return 0;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('jimeng-references');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('files')) {
          db.close();
          return resolve(0);
        }
        const count = db.transaction('files').objectStore('files').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => {
          db.close();
          reject(count.error);
        };
      };
    });
  });

test("two reference images from files make a blend whose pictures show both references' colours", async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  await addFiles(popup, [png('red.png', RED), png('blue.png', BLUE)]);
  await expect(popup.locator('#reference-count')).toHaveText('参考图 2/10'); // 图片 5.0 takes 10
  await popup.getByLabel('提示词').fill('海边的灯塔');
  await popup.locator('#compose').screenshot({ path: screenshotPath('compose-references-zh') });
  await generate(popup, '海边的灯塔');
  const job = await doneJob((j) => j.job.references?.length === 2);
  expect(steps('ApplyImageUpload')).toHaveLength(2);
  expect(steps('CommitImageUpload')).toHaveLength(2);
  const [left, right] = bandColours(await picture(job.images[0].url), 2);
  expect(near(left, RED), `left band ${left}`).toBe(true);
  expect(near(right, BLUE), `right band ${right}`).toBe(true);
  await expect(popup.locator('#reference-list img')).toHaveCount(0); // the form is clear for the next one
  // Its files went with it (the job keeps the uploaded uris): nothing is left in the references database.
  await expect.poll(() => storedReferenceFiles(popup)).toBe(0);
  // The same files again: nothing is uploaded a second time.
  await addFiles(popup, [png('red-again.png', RED)]);
  await generate(popup, '山顶的灯塔');
  await doneJob((j) => j.job.prompt === '山顶的灯塔');
  expect(steps('ApplyImageUpload')).toHaveLength(2);
  // Another login: its uploads are its own, so the same file is uploaded again for it.
  env.standin.control.switchAccount();
  await addFiles(popup, [png('red-other-account.png', RED)]);
  await generate(popup, '另一个账号的灯塔');
  await doneJob((j) => j.job.prompt === '另一个账号的灯塔');
  expect(steps('ApplyImageUpload')).toHaveLength(3);
});

test('the compose form shows its references in English too', async () => {
  env.h = await harness(env.standin, { locale: 'en-US' });
  await addFiles(env.h.popup, [png('red.png', RED), png('blue.png', BLUE), png('green.png', [40, 200, 60])]);
  await expect(env.h.popup.locator('#reference-count')).toHaveText('3 of 10 reference images');
  await env.h.popup.getByLabel('Prompt', { exact: true }).fill('a lighthouse by the sea');
  await env.h.popup.locator('#compose').screenshot({ path: screenshotPath('compose-references-en') });
  await env.h.popup.getByRole('button', { name: 'Remove reference image 2' }).click();
  await expect(env.h.popup.locator('#reference-list img')).toHaveCount(2);
  await expect(env.h.popup.locator('#reference-list img').nth(1)).toHaveAttribute('alt', 'Reference image 2');
});

test('one of our own results used as a reference is not uploaded', async () => {
  env.h = await harness(env.standin);
  const first = await env.h.submit({ prompt: '红色的花', count: 1 });
  await env.h.waitFor(first.job.submitId, (j) => j.phase === 'done');
  const { popup } = env.h;
  await popup
    .locator(`.job[data-submit-id="${first.job.submitId}"]`)
    .getByRole('button', { name: '用第 1 张作参考图' })
    .click();
  await expect(popup.locator('#reference-list img')).toHaveCount(1);
  await generate(popup, '同样颜色的花瓶');
  const job = await doneJob((j) => j.job.prompt === '同样颜色的花瓶');
  expect(job.job.references[0].uri).toBe((await env.h.job(first.job.submitId)).images[0].uri);
  expect(tokens()).toHaveLength(0);
  expect(env.standin.control.imagexLog()).toHaveLength(0);
});

test('a right-click on an image on blog.example puts it in the popup as a reference, and the blend takes its colour', async () => {
  const { page, rightClick } = await onBlog();
  const r = await rightClick(await page.locator('#photo').evaluate((img) => img.src));
  expect(r.ok).toBe(true);
  const { popup } = env.h;
  await expect(popup.locator('#reference-list img')).toHaveCount(1);
  await generate(popup, '湖边的小屋');
  const job = await doneJob((j) => j.job.prompt === '湖边的小屋');
  const [only] = bandColours(await picture(job.images[0].url), 1);
  expect(near(only, PHOTO_COLOUR), `picture ${only}`).toBe(true);
  expect(steps('ApplyImageUpload')).toHaveLength(1); // the early upload and the generate shared one upload
  expect(env.standin.control.imagexLog().every((x) => !x.headers.cookie)).toBe(true);
});

test('a right-click on an image over 20 MB is refused in the page before anything is stored or uploaded', async () => {
  const { page, rightClick } = await onBlog();
  const r = await rightClick(`${BLOG}/media/poster.png`);
  expect(r.ok).toBe(false);
  expect(r.error.code).toBe('image_too_large');
  const { trackerProbe } = await import('./tracker-probe.mjs');
  const probe = await trackerProbe(page);
  await expect.poll(async () => (await probe.read())?.notices.join(' ') ?? '').toContain('图片太大');
  await expect(env.h.popup.locator('#reference-list img')).toHaveCount(0);
  expect(await storedReferenceFiles(env.h.popup)).toBe(0);
  expect(env.standin.control.imagexLog()).toEqual([]);
});

test('a right-click on an image whose size is not said stops reading it past 20 MB, and says it is too large', async () => {
  const { page, rightClick } = await onBlog();
  const r = await rightClick(`${BLOG}/media/endless.png`);
  expect(r.error?.code).toBe('image_too_large');
  await page.waitForTimeout(500);
  expect(env.standin.control.streamed()).toBeLessThan(40 << 20); // of 80 MB: not read whole
  expect(env.standin.control.imagexLog()).toEqual([]);
});

test('a workspace batch with a reference image sends every row as a blend of it, uploaded once at Start', async () => {
  env.h = await harness(env.standin);
  const page = await env.h.context.newPage();
  await page.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await page.locator('#open-batch').click();
  await page.locator('#batch-reference-file').setInputFiles([png('red.png', RED)]);
  await expect(page.locator('#batch-reference-list img')).toHaveCount(1);
  await page.locator('#batch-text').fill('红色的船\n红色的灯笼');
  await page.locator('#batch-gap').selectOption('1000');
  await page.locator('#batch-preview-button').click();
  await expect(page.locator('#batch-preview tbody tr')).toHaveCount(2);
  expect(env.standin.control.imagexLog()).toHaveLength(0); // a preview uploads nothing
  await page.locator('#batch-start').click();
  await expect(page.locator('#batch-dialog')).toBeHidden();
  let rows = [];
  await expect
    .poll(
      async () => {
        rows = Object.values(await env.h.jobs()).filter((j) => j.batchId);
        return rows.length === 2 && rows.every((j) => j.phase === 'done');
      },
      { timeout: 40_000 },
    )
    .toBe(true);
  expect(steps('CommitImageUpload')).toHaveLength(1);
  for (const row of rows) {
    expect(row.job.references).toHaveLength(1);
    const [colour] = bandColours(await picture(row.images[0].url), 1);
    expect(near(colour, RED), `row ${row.row}: ${colour}`).toBe(true);
  }
});

test('a reference ImageX refuses to take is explained, and nothing is sent or charged', async () => {
  env.h = await harness(env.standin);
  env.standin.control.fault({ imagex: 'CommitImageUpload', reject: true });
  await addFiles(env.h.popup, [png('red.png', RED)]);
  await generate(env.h.popup, '被拒收的参考图');
  await expect(env.h.popup.locator('#form-error')).toContainText('参考图 1：即梦拒收了这张图片');
  expect(generates()).toHaveLength(0);
  expect(env.standin.control.ledger()).toHaveLength(0);
});
