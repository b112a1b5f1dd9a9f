// The core flows on both sites, from one spec: on Jimeng and on Dreamina (its SG cluster) a reference image is
// uploaded through the site's own ImageX, a blend and a video finish, a 3-row batch runs, the originals and the
// video are saved (Dreamina's video as its page downloads it), and past work made in the site's web app is
// imported from the workspace; every call goes to that site's hosts, and each submit_id is charged once.
import { test, expect } from '@playwright/test';
import { dreaminaPage, screenshotPath } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';
import { solidPng } from '../../web/test/pictures.mjs';

const env = useStandin(test);
const SITES = /** @type {const} */ ({
  jimeng: { api: ['jimeng.jianying.com'], imagex: 'imagex.bytedanceapi.com', upload: 'tos-hl-x.snssdk.com' },
  dreamina: {
    api: ['mweb-api-sg.capcut.com', 'commerce-api-sg.capcut.com', 'dreamina.capcut.com'],
    imagex: 'imagex-normal-sg.capcutapi.com',
    upload: 'tos-my16-share.vodupload.com',
  },
});

/** A browser logged in to `site`, with the popup showing it. */
async function loggedIn(/** @type {keyof typeof SITES} */ site) {
  env.h = await harness(env.standin, { login: site === 'jimeng', locale: 'en-US' });
  if (site === 'dreamina') {
    await dreaminaPage(env.h.context);
    await env.h.popup.reload();
  }
  await expect(env.h.popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  return env.h;
}

for (const site of /** @type {const} */ (['jimeng', 'dreamina'])) {
  test(`on ${site}: a reference upload, a blend, a video, a batch, downloads and an import of past work, all on ${site}'s own hosts`, async () => {
    test.setTimeout(120_000);
    env.standin.control.credits({ gift: 200, purchase: 400 }); // Dreamina's video takes paid credits only
    const h = await loggedIn(site);
    const popup = h.popup;

    // A reference file: uploaded to the site's ImageX, then a blend made with it.
    await popup
      .locator('#reference-file')
      .setInputFiles([{ name: 'red.png', mimeType: 'image/png', buffer: solidPng(96, 64, [220, 30, 40]) }]);
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
    const started = await h.send({
      type: 'ui:batch-start',
      input: { ...lines, now: preview.now, entropy: preview.entropy },
      validOnly: true,
      concurrency: 2,
      gapMs: 0,
      name: site,
    });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    await expect
      .poll(
        async () =>
          Object.values(await readJobs(popup)).filter((j) => j.batchId === started.batch.id && j.phase === 'done')
            .length,
        { timeout: 60_000 },
      )
      .toBe(3);

    // The blend's original saved, and the video: on Dreamina through get_local_item_list, as its page downloads.
    expect((await h.send({ type: 'ui:download', submitId: blend.submitId })).ok).toBe(true);
    await expect
      .poll(() => popup.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length), {
        timeout: 20_000,
      })
      .toBe(1);
    const historyPolls = env.standin.control.requests({ path: '/mweb/v1/get_history_by_ids' }).length;
    expect((await h.send({ type: 'ui:download', submitId: video.job.submitId })).ok).toBe(true);
    await expect
      .poll(
        () =>
          popup.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).map((d) => d.mime ?? '')),
        { timeout: 20_000 },
      )
      .toContain('video/mp4');
    const saved = await popup.evaluate(
      async () => (await chrome.downloads.search({ state: 'complete' })).find((d) => d.mime === 'video/mp4')?.url ?? '',
    );
    const itemCalls = env.standin.control.requests({ path: '/mweb/v1/get_local_item_list' });
    if (site === 'dreamina') {
      expect(itemCalls.map((q) => q.ret)).toEqual(['0']);
      expect(Object.keys(itemCalls[0].query).slice(-3)).toEqual(['msToken', 'X-Bogus', 'X-Gnarly']);
      expect(new URL(saved).host).toBe('v16-cc.capcut.com');
      // The plan's watermark (a free plan here), said where the video is shown.
      const shown = await h.context.newPage();
      await shown.goto(`chrome-extension://${h.id}/popup/popup.html`);
      await expect(shown.locator('.video-result .badge.watermark').first()).toHaveText('Watermarked');
      await expect(shown.locator('.video-result .badge.watermark').first()).toHaveAttribute(
        'title',
        /Dreamina.*subscription/,
      );
      await shown
        .locator('.job', { has: shown.locator('.video-result') })
        .first()
        .screenshot({ path: screenshotPath('dreamina-video-watermark-en') });
      await shown.close();
    } else {
      expect(itemCalls).toEqual([]);
      expect(new URL(saved).host).toBe('v3-artist.vlabvod.com');
    }
    expect(
      env.standin.control.requests({ path: '/mweb/v1/get_history_by_ids' }).length - historyPolls,
    ).toBeLessThanOrEqual(site === 'dreamina' ? 2 : 3);

    // Past work made in the site's web app: imported from the workspace, each record once, on this site.
    const past = env.standin.control.seedPastWork({ count: 6, videoShare: 0.34, site, startAgoMs: 86_400_000 });
    const ws = await h.context.newPage();
    await ws.goto(`chrome-extension://${h.id}/workspace/workspace.html`);
    await ws.getByRole('button', { name: site === 'dreamina' ? 'Import from Dreamina' : 'Import from Jimeng' }).click();
    const key = site === 'dreamina' ? 'archiveImport:dreamina' : 'archiveImport';
    await expect
      .poll(async () => (await ws.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key))?.state, {
        timeout: 30_000,
      })
      .toBe('done');
    await expect(ws.locator('#import-text')).toContainText('Import finished');
    const imported = Object.values(await readJobs(popup)).filter((j) => j.origin?.from === 'jimeng');
    expect(imported).toHaveLength(past.count);
    expect(imported.every((j) => j.phase === 'done' && (j.site ?? 'jimeng') === site)).toBe(true);
    expect(
      env.standin.control
        .requests({ path: '/mweb/v1/get_asset_list' })
        .every((q) => q.site === site && SITES[site].api.includes(q.host)),
    ).toBe(true);
    await ws.screenshot({ path: screenshotPath(`both-sites-import-${site}-en`) });

    const jobs = Object.values(await readJobs(popup));
    expect(jobs.filter((j) => (j.site ?? 'jimeng') !== site)).toEqual([]);
    const calls = env.standin.control
      .requests()
      .filter((q) => q.path !== '/passport/account/info/v2' || site === 'dreamina');
    expect(
      calls.filter((q) => q.site === site && !SITES[site].api.includes(q.host)).map((q) => `${q.host}${q.path}`),
    ).toEqual([]);
    expect(env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' }).every((q) => q.site === site)).toBe(
      true,
    );
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
