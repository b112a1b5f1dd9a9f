// Dreamina when things change under the extension: the account moves to another cluster (1015 from the old one), the
// site releases a new version (3018), the extension itself is updated over an open Dreamina tab. Each time the job
// finishes once, and the user's tab is never reloaded.
import { test, expect } from '@playwright/test';
import { DREAMINA, dreaminaPage, launch, loadExtensionNow } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);

test('an account that moved to another cluster: the 1015 is taken as the wrong cluster, the new hosts are learned from a fresh page of ours, and the job finishes there', async () => {
  env.h = await harness(env.standin, { login: false, locale: 'en-US' });
  const mine = await dreaminaPage(env.h.context);
  await env.h.popup.reload();
  await expect(env.h.popup.locator('#site-name')).toHaveText('Dreamina · SG ·', { timeout: 20_000 });
  env.standin.control.dreaminaCluster({ cluster: 'US', country: 'US' });
  const r = await env.h.submit({ prompt: 'moved to the US', count: 1 });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const done = await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done', 60_000);
  const sends = env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
  expect(sends.map((q) => [q.host, q.ret])).toEqual([
    ['mweb-api-sg.capcut.com', '1015'],
    ['dreamina-api.us.capcut.com', '0'],
  ]);
  expect(done.images[0].url).toMatch(/^https:\/\/p16-dreamina-sign-useast\.ibyteimg\.com\//);
  expect(await mine.evaluate(() => document.readyState)).toBe('complete'); // the user's tab was not reloaded
  expectChargedOnce(env.standin);
});

test("a new Dreamina release (3018) is learned in a background page of ours: the user's tab and its typed prompt stay, and the job finishes once", async () => {
  env.h = await harness(env.standin, { login: false, locale: 'en-US' });
  const mine = await dreaminaPage(env.h.context);
  await env.h.popup.reload();
  await expect(env.h.popup.locator('#site-name')).toHaveText('Dreamina · SG ·', { timeout: 20_000 });
  await mine.locator('#prompt').fill('do not reload me');
  let navigations = 0;
  mine.on('framenavigated', (f) => {
    if (f === mine.mainFrame()) navigations++;
  });
  env.standin.control.versions({ appvr: '8.5.0', daVersion: '3.3.28' });
  const r = await env.h.submit({ prompt: 'after the release', count: 1 });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const done = await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done', 60_000);
  expect(done.versionRetried).toBe(true);
  const sends = env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
  expect(sends.map((q) => [q.host, q.ret])).toEqual([
    ['mweb-api-sg.capcut.com', '3018'],
    ['mweb-api-sg.capcut.com', '0'],
  ]);
  expect(sends[1].headers.appvr).toBe('8.5.0');
  expect(sends[1].query.da_version).toBe('3.3.28');
  expect(navigations).toBe(0);
  await expect(mine.locator('#prompt')).toHaveValue('do not reload me');
  // The page opened to learn the release went again.
  await expect.poll(() => env.h.context.pages().filter((p) => p.url().startsWith(DREAMINA)).length).toBe(1);
  expectChargedOnce(env.standin);
});

test("updated with a Dreamina tab open (the extension reloaded under it): the next job still finishes, and the user's tab is never reloaded", async () => {
  const browser = await launch(env.standin, { extensionLater: true, locale: 'en-US' });
  env.h = browser;
  const mine = await dreaminaPage(browser.context);
  let navigations = 0;
  mine.on('framenavigated', (f) => {
    if (f === mine.mainFrame()) navigations++;
  });
  const jobDone = async (/** @type {string} */ id, /** @type {string} */ prompt) => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${id}/popup/popup.html`);
    await expect(popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    const r = await popup.evaluate((m) => chrome.runtime.sendMessage(m), {
      type: 'ui:submit',
      input: { prompt, count: 1 },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.job.site).toBe('dreamina');
    await expect.poll(async () => (await readJobs(popup))[r.job.submitId]?.phase, { timeout: 45_000 }).toBe('done');
    await popup.close();
  };
  const id = await loadExtensionNow(browser.context, browser.userDataDir);
  await jobDone(id, 'before the update');
  // An update: the same extension loaded again, its old content scripts in the user's tab cut off.
  expect(await loadExtensionNow(browser.context, browser.userDataDir)).toBe(id);
  await jobDone(id, 'after the update');
  expect(navigations).toBe(0);
  expect(env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' }).map((q) => q.ret)).toEqual(['0', '0']);
  expectChargedOnce(env.standin);
});
