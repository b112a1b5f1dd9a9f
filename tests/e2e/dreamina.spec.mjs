// Dreamina (protocol §9): a user outside mainland China installs the extension with dreamina.capcut.com open and
// logged in. The extension learns the account's cluster, device and versions from a page of its own (the user's tab
// is left as it is), and its calls go to that cluster's hosts only, through the page's SDK, with the app headers.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { dreaminaPage, launch, loadExtensionNow, screenshotPath } from './browser.mjs';
import { expectChargedOnce, harness, readJobs, useStandin } from './harness.mjs';

const env = useStandin(test);
const SG_HOSTS = ['mweb-api-sg.capcut.com', 'commerce-api-sg.capcut.com'];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** axe's findings on the page, as rule and nodes (none expected). */
const axe = async (/** @type {import('@playwright/test').Page} */ page) =>
  (await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );

test("installed with a logged-in Dreamina tab open: an image and a video job finish on the SG cluster, charged once, each call with the SDK's parameters and our app headers", async () => {
  env.standin.control.credits({ gift: 200, purchase: 300 }); // Dreamina's video takes paid credits
  const browser = await launch(env.standin, { extensionLater: true, locale: 'en-US' });
  env.h = browser;
  const mine = await dreaminaPage(browser.context);
  let navigations = 0;
  mine.on('framenavigated', (f) => {
    if (f === mine.mainFrame()) navigations++;
  });
  const pageCalls = env.standin.control.requests().length; // the page's own, before the extension
  const id = await loadExtensionNow(browser.context, browser.userDataDir);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(popup.locator('#session')).toHaveText('Connected to Dreamina');
  await expect(popup.locator('#site-name')).toHaveText('Dreamina · SG ·');
  await expect(popup.locator('#model option').first()).toHaveText('Image 5.0 Lite'); // Dreamina's own catalogue, in its words

  const r = await popup.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'ui:submit',
    input: { prompt: 'a lighthouse at dusk', count: 1 },
  });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  expect(r.job.site).toBe('dreamina');
  expect(r.job.cluster).toBe('SG');
  await expect
    .poll(
      async () => {
        const j = (await readJobs(popup))[r.job.submitId];
        return j?.phase === 'failed' ? JSON.stringify(j.error) : j?.phase;
      },
      { timeout: 45_000 },
    )
    .toBe('done');
  const done = (await readJobs(popup))[r.job.submitId];
  expect(done.images[0].url).toMatch(/^https:\/\/p16-dreamina-sign-sg\.ibyteimg\.com\//);
  // A video too, once the user agreed to Dreamina's AI rules (the dialog's Agree sends this).
  expect((await popup.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'ui:consent' })).ok).toBe(true);
  const v = await popup.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'ui:submit',
    input: { prompt: 'the lighthouse turns', video: { durationS: 5 } },
  });
  expect(v.ok, JSON.stringify(v)).toBe(true);
  await expect.poll(async () => (await readJobs(popup))[v.job.submitId]?.phase, { timeout: 45_000 }).toBe('done');

  // Every call after the install: Dreamina's SG hosts (or its page, for who is logged in) and never Jimeng's.
  const ours = env.standin.control.requests().slice(pageCalls);
  expect(ours.filter((q) => q.site !== 'dreamina')).toEqual([]);
  expect([...new Set(ours.map((q) => q.host))].filter((h) => !SG_HOSTS.includes(h))).toEqual([]);
  const generates = ours.filter((q) => q.path === '/mweb/v1/aigc_draft/generate');
  expect(generates).toHaveLength(2);
  for (const q of generates) {
    expect(q.ret).toBe('0');
    expect(Object.keys(q.query).slice(-3)).toEqual(['msToken', 'X-Bogus', 'X-Gnarly']);
    expect(q.query.commerce_with_input_video).toBe('1');
    for (const header of ['did', 'lan', 'loc', 'store-country-code', 'store-country-code-src', 'appid', 'sign'])
      expect(q.headers[header], header).toBeTruthy();
    expect(q.headers.appid).toBe('513641');
  }
  expect(
    ours.filter((q) => q.ret !== '0' && q.ret !== null),
    JSON.stringify(ours.map((q) => [q.path, q.ret])),
  ).toEqual([]);
  // The user's tab as it was; no Jimeng page was ever opened.
  expect(navigations).toBe(0);
  expect(browser.context.pages().filter((p) => p.url().startsWith('https://jimeng.jianying.com'))).toHaveLength(0);
  await popup.screenshot({ path: screenshotPath('dreamina-popup-en') });
  expect(await axe(popup), 'the popup on Dreamina').toEqual([]);
  expectChargedOnce(env.standin);
});

test("with both sites logged in, the popup's switch sends each job to the chosen site, and each job's expired links are renewed on its own site", async () => {
  env.h = await harness(env.standin);
  await dreaminaPage(env.h.context);
  const popup = env.h.popup;
  await popup.reload();
  await expect(popup.locator('#site-switch-label')).toBeVisible({ timeout: 20_000 });
  const jobOn = async (/** @type {string} */ site, /** @type {string} */ prompt) => {
    await popup.locator('#site-switch').selectOption(site);
    await expect(popup.locator('#site-switch')).toHaveValue(site);
    await expect(popup.locator('#session')).toHaveText(site === 'dreamina' ? '已连接 Dreamina' : '已连接即梦');
    await expect
      .poll(() => popup.evaluate(async () => (await chrome.storage.local.get('chosenSite')).chosenSite))
      .toBe(site);
    // The form offers the chosen site's own models at once (Dreamina names them in English).
    await expect(popup.locator('#model option').first()).toHaveText(site === 'dreamina' ? /^Image / : /^图片 /);
    const r = await env.h.submit({ prompt, count: 1 });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.job.site).toBe(site);
    return env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  };
  const mainland = await jobOn('jimeng', '江南水乡');
  const abroad = await jobOn('dreamina', 'a harbour at night');
  const generates = env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
  expect(generates.map((q) => [JSON.parse(q.body).submit_id, q.host]).sort()).toEqual(
    [
      [mainland.submitId, 'jimeng.jianying.com'],
      [abroad.submitId, 'mweb-api-sg.capcut.com'],
    ].sort(),
  );

  // Two hours on, every link has expired: each download re-signs its images where its job was made.
  await env.standin.control.advance({ ms: 2 * 3600_000 });
  const before = env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' }).length;
  for (const job of [mainland, abroad])
    expect((await env.h.send({ type: 'ui:download', submitId: job.submitId })).ok).toBe(true);
  const resigns = env.standin.control.requests({ path: '/mweb/v1/get_image_by_uri' }).slice(before);
  expect(resigns.map((q) => [JSON.parse(q.body).uris[0], q.host]).sort()).toEqual(
    [
      [mainland.images[0].uri, 'jimeng.jianying.com'],
      [abroad.images[0].uri, 'mweb-api-sg.capcut.com'],
    ].sort(),
  );
  await expect
    .poll(() => popup.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length), {
      timeout: 20_000,
    })
    .toBe(2);
  const thumb = popup.locator('.job img').first();
  await thumb.scrollIntoViewIfNeeded();
  await expect
    .poll(() => thumb.evaluate((/** @type {HTMLImageElement} */ i) => i.complete && i.naturalWidth > 0))
    .toBe(true);
  await popup.screenshot({ path: screenshotPath('dreamina-both-sites-zh') });

  // The workspace lists both, Dreamina's work with its badge, and filters by site.
  const ws = await env.h.context.newPage();
  await ws.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await expect(ws.locator('.cell:not([hidden])')).toHaveCount(2);
  await expect(ws.locator('.cell:not([hidden]) .site:not([hidden])')).toHaveText(['Dreamina']);
  await ws.locator('#site').selectOption('dreamina');
  await expect(ws.locator('.cell:not([hidden])')).toHaveCount(1);
  await expect(ws.locator('.cell:not([hidden])')).toHaveAttribute('aria-label', /^Dreamina · /);
  await ws.locator('#site').selectOption('jimeng');
  await expect(ws.locator('.cell:not([hidden])')).toHaveCount(1);
  await expect(ws.locator('.cell:not([hidden]) .site:not([hidden])')).toHaveCount(0);
  await ws.locator('#site').selectOption('all');
  await expect(ws.locator('.cell:not([hidden])')).toHaveCount(2);
  await ws.screenshot({ path: screenshotPath('dreamina-workspace-zh') });
  expect(await axe(ws), 'the workspace with both sites').toEqual([]);
  expectChargedOnce(env.standin);
});

test("a US account: every call goes to the US cluster's hosts, never one answered 1015", async () => {
  env.standin.control.reset({ dreaminaCluster: 'US', dreaminaCountry: 'US' });
  env.h = await harness(env.standin, { login: false, locale: 'en-US' });
  await dreaminaPage(env.h.context);
  const popup = env.h.popup;
  await popup.reload();
  await expect(popup.locator('#site-name')).toHaveText('Dreamina · US ·', { timeout: 20_000 });
  const r = await env.h.submit({ prompt: 'a diner in the desert', count: 1 });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  expect(r.job.cluster).toBe('US');
  const done = await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  expect(done.images[0].url).toMatch(/^https:\/\/p16-dreamina-sign-useast\.ibyteimg\.com\//);
  const calls = env.standin.control.requests().filter((q) => q.site === 'dreamina');
  expect(calls.filter((q) => q.ret === '1015')).toEqual([]);
  const usHosts = ['dreamina-api.us.capcut.com', 'commerce.us.capcut.com', 'dreamina.capcut.com'];
  expect(calls.filter((q) => !usHosts.includes(q.host)).map((q) => q.host)).toEqual([]);
  expect(calls.some((q) => q.host.includes('-sg.'))).toBe(false);
  expectChargedOnce(env.standin);
});

test('a first Dreamina video asks for consent to its AI rules once, sends it only on "Agree", and says in words that gift credits do not buy video, without retrying', async () => {
  env.standin.control.credits({ gift: 300, purchase: 0 });
  env.h = await harness(env.standin, { login: false, locale: 'en-US' });
  await dreaminaPage(env.h.context);
  const popup = env.h.popup;
  await popup.reload();
  await expect(popup.locator('#site-name')).toHaveText('Dreamina · SG ·', { timeout: 20_000 });
  await popup.getByLabel('Video', { exact: true }).check();
  await popup.locator('#prompt').fill('waves at a lighthouse');
  const consents = () => env.standin.control.requests({ path: '/mweb/v1/update_settings' }).length;
  const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' }).length;

  await popup.getByRole('button', { name: 'Generate' }).click();
  const dialog = popup.getByRole('dialog', { name: "Dreamina's rules for AI content" });
  await expect(dialog).toBeVisible();
  await popup.screenshot({ path: screenshotPath('dreamina-consent-en') });
  expect(await axe(popup), 'the consent dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Not now' }).click();
  await expect(popup.locator('#form-error')).toHaveText(
    'Dreamina asks you to accept its rules for AI content before a first video.',
  );
  expect([consents(), generates()]).toEqual([0, 0]);

  await popup.getByRole('button', { name: 'Generate' }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Agree and make the video' }).click();
  const job = popup.locator('.job').first();
  await expect(job).toContainText('video needs paid or membership credits', { timeout: 30_000 });
  expect(consents()).toBe(1);
  await new Promise((r) => setTimeout(r, 8000));
  expect(generates(), 'refused once, never sent again').toBe(1);
  expect(env.standin.control.ledger()).toEqual([]);

  // With paid credits the same request goes through, and the consent is not asked or sent again.
  env.standin.control.credits({ gift: 0, purchase: 300 });
  await popup.locator('#prompt').fill('waves at a lighthouse, again');
  await popup.getByRole('button', { name: 'Generate' }).click();
  await expect(popup.getByRole('dialog')).toHaveCount(0);
  await expect
    .poll(
      async () => Object.values(await readJobs(popup)).filter((j) => j.phase === 'done' && j.kind === 'video').length,
      { timeout: 45_000 },
    )
    .toBe(1);
  expect(consents()).toBe(1);
  expectChargedOnce(env.standin);
});
