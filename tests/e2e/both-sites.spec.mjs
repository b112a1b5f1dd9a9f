// The core flows on both sites, from one spec: on Jimeng and on Dreamina (its SG cluster) a reference image is
// uploaded through the site's own ImageX, a blend and a video finish, a 3-row batch runs, and the originals are
// saved; every call goes to that site's hosts, and each submit_id is charged once.
import { test, expect } from '@playwright/test';
import { DREAMINA, screenshotPath } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';
import { solidPng } from '../../web/test/pictures.mjs';

const env = useStandin(test);
const SITES = /** @type {const} */ ({
  jimeng: { api: ['jimeng.jianying.com'], imagex: 'imagex.bytedanceapi.com', upload: 'tos-hl-x.snssdk.com' },
  dreamina: { api: ['mweb-api-sg.capcut.com', 'commerce-api-sg.capcut.com', 'dreamina.capcut.com'], imagex: 'imagex-normal-sg.capcutapi.com',
    upload: 'tos-my16-share.vodupload.com' },
});

/** A browser logged in to `site`, with the popup showing it. */
async function loggedIn(/** @type {keyof typeof SITES} */ site) {
  env.h = await harness(env.standin, { login: site === 'jimeng', locale: 'en-US' });
  if (site === 'dreamina') {
    const page = await env.h.context.newPage();
    await page.goto(`${DREAMINA}/login?auto=1`);
    await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(window.fetch)));
    await env.h.popup.reload();
  }
  await expect(env.h.popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  return env.h;
}

for (const site of /** @type {const} */ (['jimeng', 'dreamina'])) {
  test(`on ${site}: a reference upload, a blend, a video, a batch and a download, all on ${site}'s own hosts`, async () => {
    test.setTimeout(120_000);
    env.standin.control.credits({ gift: 200, purchase: 400 });  // Dreamina's video takes paid credits only
    const h = await loggedIn(site);
    const popup = h.popup;

    // A reference file: uploaded to the site's ImageX, then a blend made with it.
    await popup.locator('#reference-file').setInputFiles([{ name: 'red.png', mimeType: 'image/png', buffer: solidPng(96, 64, [220, 30, 40]) }]);
    await expect(popup.locator('#reference-list img')).toHaveCount(1);
    await popup.locator('#prompt').fill(`${site} lighthouse`);
    await popup.locator('#count').selectOption('1');
    await popup.getByRole('button', { name: 'Generate' }).click();
    const blend = await h.waitFor((await findJob(popup, `${site} lighthouse`)).submitId, (j) => j.phase === 'done');
    expect(blend.site ?? 'jimeng').toBe(site);
    expect(blend.job.references).toHaveLength(1);
    const log = env.standin.control.imagexLog();
    expect([...new Set(log.map((r) => r.host))].sort()).toEqual([SITES[site].imagex, SITES[site].upload].sort());

    // A video (Dreamina asks for its consent first: given here as the dialog's Agree would).
    if (site === 'dreamina') expect((await h.send({ type: 'ui:consent' })).ok).toBe(true);
    const video = await h.submit({ prompt: `${site} waves`, video: { durationS: 5 } });
    expect(video.ok, JSON.stringify(video)).toBe(true);
    await h.waitFor(video.job.submitId, (j) => j.phase === 'done', 60_000);

    // A batch of three rows, one image each.
    const lines = { text: `${site} one\n${site} two\n${site} three`, defaults: { count: 1 } };
    const preview = await h.send({ type: 'ui:batch-preview', input: lines });
    expect(preview.ok, JSON.stringify(preview)).toBe(true);
    const started = await h.send({ type: 'ui:batch-start', input: { ...lines, now: preview.now, entropy: preview.entropy }, validOnly: true, concurrency: 2,
      gapMs: 0, name: site });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    await expect.poll(async () => Object.values(await readJobs(popup)).filter((j) => j.batchId === started.batch.id && j.phase === 'done').length,
      { timeout: 60_000 }).toBe(3);

    // The blend's original saved.
    expect((await h.send({ type: 'ui:download', submitId: blend.submitId })).ok).toBe(true);
    await expect.poll(() => popup.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length), { timeout: 20_000 }).toBe(1);

    const jobs = Object.values(await readJobs(popup));
    expect(jobs.filter((j) => (j.site ?? 'jimeng') !== site)).toEqual([]);
    const calls = env.standin.control.requests().filter((q) => q.path !== '/passport/account/info/v2' || site === 'dreamina');
    expect(calls.filter((q) => q.site === site && !SITES[site].api.includes(q.host)).map((q) => `${q.host}${q.path}`)).toEqual([]);
    expect(env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' }).every((q) => q.site === site)).toBe(true);
    await popup.screenshot({ path: screenshotPath(`both-sites-${site}-en`) });
    expectChargedOnce(env.standin);
  });
}

/** The newest stored job with this prompt, once it is stored. */
async function findJob(/** @type {import('@playwright/test').Page} */ popup, /** @type {string} */ prompt) {
  for (const start = Date.now(); Date.now() - start < 20_000; await new Promise((r) => setTimeout(r, 200))) {
    const job = Object.values(await readJobs(popup)).find((j) => j.job?.prompt === prompt);
    if (job) return job;
  }
  throw new Error(`no job for ${prompt}`);
}
