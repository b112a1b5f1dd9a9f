// The security suite: another origin cannot drive the bridge, reach the extension or read its jobs; the
// session travels only to Jimeng; the manifest asks for no more than it needs; hostile text stays text.
import { test, expect } from '@playwright/test';
import { expectShippedManifest } from './manifest-expect.mjs';
import fs from 'node:fs';
import { harness, useStandin } from './harness.mjs';
import { trackerProbe } from './tracker-probe.mjs';

const env = useStandin(test);
const EVIL = 'https://evil.example';
const GENERATE = '/mweb/v1/aigc_draft/generate';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a hostile site cannot drive the bridge, message the extension, or read jobs', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '私密的提示词', count: 1 });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const evil = await env.h.context.newPage();
  await evil.goto(`${EVIL}/`);
  const report = await evil.evaluate(async (extensionId) => {
    const forged = {
      type: 'bridge:fetch',
      id: 'evil-1',
      request: {
        url: 'https://jimeng.jianying.com/mweb/v1/aigc_draft/generate',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        referrer: 'https://jimeng.jianying.com/',
      },
    };
    const frame = Object.assign(document.createElement('iframe'), {
      src: 'https://jimeng.jianying.com/ai-tool/generate?type=image',
    });
    document.body.append(frame);
    await new Promise((r) => {
      frame.onload = r;
      setTimeout(r, 3000);
    });
    for (const m of [forged, { type: 'ui:submit', input: { prompt: 'evil' } }, { type: 'bridge:reconnect' }]) {
      frame.contentWindow.postMessage(m, '*');
      window.postMessage(m, '*');
      window.dispatchEvent(new CustomEvent('jimeng-helper:relay-up', { detail: m }));
    }
    const tries = {};
    try {
      tries.runtime = typeof chrome?.runtime?.sendMessage;
      chrome.runtime.sendMessage(extensionId, { type: 'ui:get-status' }, () => {});
      tries.sent = true;
    } catch (e) {
      tries.sent = String(e);
    }
    try {
      chrome.runtime.connect(extensionId, { name: 'jimeng-bridge' });
      tries.connected = true;
    } catch (e) {
      tries.connected = String(e);
    }
    const page = document.documentElement.outerHTML + JSON.stringify(localStorage) + document.cookie;
    return { tries, leaked: page.includes('私密') };
  }, env.h.id);
  await sleep(3000);
  expect(report.tries.sent).not.toBe(true);
  expect(report.tries.connected).not.toBe(true);
  expect(report.leaked).toBe(false);
  expect(env.standin.control.requests({ path: GENERATE })).toHaveLength(1); // only the real job's submit
  expect(Object.keys(await env.h.jobs())).toEqual([job.submitId]);
  // And the bridge still works for the extension itself.
  const again = await env.h.submit({ prompt: '之后的正常任务', count: 1 });
  await env.h.waitFor(again.job.submitId, (j) => j.phase === 'done');
});

test("the tracker on a hostile page cannot be read by that page's scripts", async () => {
  env.h = await harness(env.standin, { activeTabHosts: [`${EVIL}/*`] });
  const evil = await env.h.context.newPage();
  await evil.goto(`${EVIL}/`);
  const probe = await trackerProbe(evil);
  const r = await env.h.worker().evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    return self.jimeng.onMenuClick({ menuItemId: 'jimeng-generate', selectionText: '只给用户看的提示词' }, tab);
  }, `${EVIL}/*`);
  expect(r.ok).toBe(true);
  await expect.poll(async () => (await probe.read())?.jobs.length ?? 0).toBe(1);
  const seen = await evil.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      text: document.documentElement.innerText + document.documentElement.textContent,
      openRoots: all.filter((e) => e.shadowRoot).length,
      hosts: all.filter((e) => e.hasAttribute('popover')).length,
    };
  });
  expect(seen.hosts).toBe(1); // the host element exists…
  expect(seen.openRoots).toBe(0); // …but its shadow root is closed
  expect(seen.text).not.toContain('只给用户看的提示词');
});

test('requests that carry the session go only to Jimeng', async () => {
  env.h = await harness(env.standin, { activeTabHosts: ['https://blog.example/*'] });
  await env.h.send({ type: 'ui:settings', settings: { autoDownload: true } });
  const page = await env.h.context.newPage();
  await page.goto('https://blog.example/');
  const r = await env.h.worker().evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://blog.example/*' });
    return self.jimeng.onMenuClick({ menuItemId: 'jimeng-generate', selectionText: '会话只去即梦' }, tab);
  });
  await env.h.waitFor(r.job.submitId, (j) => j.phase === 'done');
  await expect
    .poll(() => env.h.popup.evaluate(async () => (await chrome.downloads.search({ state: 'complete' })).length))
    .toBe(r.job.job.count);
  const hits = env.standin.control.hits();
  const elsewhere = hits.filter((h) => h.host !== 'jimeng.jianying.com');
  expect(elsewhere.some((h) => h.host === 'p3-dreamina-sign.byteimg.com')).toBe(true); // images were fetched
  for (const h of elsewhere) {
    expect(h.session, `${h.host}${h.path}`).toBe(false);
    expect(h.sign).toBe(false);
    expect(h.query).not.toMatch(/msToken|a_bogus|sessionid/);
  }
  expect(hits.filter((h) => h.path.startsWith('/mweb/')).every((h) => h.host === 'jimeng.jianying.com')).toBe(true);
});

test('the manifest asks for exactly the expected permissions, and nothing is exposed to pages', async () => {
  env.h = await harness(env.standin, { login: false });
  const loaded = await env.h.worker().evaluate(() => chrome.runtime.getManifest());
  const source = JSON.parse(fs.readFileSync('manifest.json', 'utf8'));
  expectShippedManifest(loaded);
  // The source leaves the CSP's host lists to the build, which writes them from the core's one host list.
  expect(source.content_security_policy.extension_pages).toBe(
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; __MEDIA_AND_CONNECT__",
  );
  expectShippedManifest({ ...source, content_security_policy: loaded.content_security_policy });
});

test('hostile prompts render as inert text in the popup; a 100 KB prompt is refused with a clear message', async () => {
  env.h = await harness(env.standin);
  const popup = env.h.popup;
  const hostile =
    '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">\u202Egnp.exe 猫';
  await popup.getByLabel('提示词').fill(hostile);
  await popup.getByRole('button', { name: '生成' }).click();
  const item = popup.locator('.job').first();
  await expect(item.locator('.prompt')).toHaveText(hostile);
  expect(await popup.locator('.jobs script, .jobs img:not(.thumbs img)').count()).toBe(0);
  const huge = '长'.repeat(100 * 1024);
  await popup.getByLabel('提示词').fill(huge);
  await popup.getByRole('button', { name: '生成' }).click();
  await expect(popup.locator('#prompt-error')).toContainText('800');
  expect(await popup.title()).not.toContain('pwned');
  expect(env.standin.control.requests({ path: GENERATE })).toHaveLength(1);
});

test('ImageX hosts get only what the upload protocol says: signed headers, the bytes, no cookie, no Jimeng token', async () => {
  env.h = await harness(env.standin);
  // Cookies a careless fetch would send along: on ImageX's own hosts and Jimeng's.
  await env.h.context.addCookies([
    { name: 'imagex_cookie', value: 'must-not-leave', domain: 'imagex.bytedanceapi.com', path: '/', secure: true },
    { name: 'upload_cookie', value: 'must-not-leave', domain: 'tos-hl-x.snssdk.com', path: '/', secure: true },
  ]);
  const { solidPng } = await import('../../web/test/pictures.mjs');
  await env.h.popup
    .locator('#reference-file')
    .setInputFiles([{ name: 'r.png', mimeType: 'image/png', buffer: solidPng(40, 40, [200, 10, 10]) }]);
  await expect(env.h.popup.locator('#reference-list img')).toHaveCount(1); // in the form before Generate (CI once sent it without)
  await env.h.popup.getByLabel('提示词').fill('只发签名的上传');
  await env.h.popup.getByRole('button', { name: '生成' }).click();
  await expect
    .poll(async () => Object.values(await env.h.jobs()).some((j) => j.phase === 'done'), { timeout: 40_000 })
    .toBe(true);
  const log = env.standin.control.imagexLog();
  expect(log.map((r) => r.step)).toEqual(['ApplyImageUpload', 'upload', 'CommitImageUpload']);
  // What any browser request carries, plus what protocol §4.4 names for each step; nothing else.
  const BROWSER = [
    'accept',
    'accept-encoding',
    'accept-language',
    'connection',
    'host',
    'origin',
    'user-agent',
    'cache-control',
    'pragma',
    'content-length',
    'sec-fetch-dest',
    'sec-fetch-mode',
    'sec-fetch-site',
    'sec-ch-ua',
    'sec-ch-ua-mobile',
    'sec-ch-ua-platform',
  ];
  const PROTOCOL = {
    ApplyImageUpload: ['authorization', 'x-amz-date', 'x-amz-security-token'],
    upload: ['authorization', 'content-crc32', 'content-type', 'content-disposition'],
    CommitImageUpload: ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'content-type'],
  };
  for (const r of log) {
    const extra = Object.keys(r.headers).filter((h) => !BROWSER.includes(h) && !PROTOCOL[r.step].includes(h));
    expect(extra, r.step).toEqual([]);
    expect(r.headers.cookie, r.step).toBeUndefined();
    expect(r.headers.referer, r.step).toBeUndefined();
  }
  for (const h of env.standin.control.hits().filter((x) => x.host !== 'jimeng.jianying.com')) {
    expect(h.session, `${h.host}${h.path}`).toBe(false);
    expect(h.query).not.toMatch(/msToken|a_bogus|sessionid/);
  }
});

for (const [name, hostile] of [
  ['javascript:', 'javascript:alert(document.domain)//p3-dreamina-sign.byteimg.com'],
  ['http://evil.example/', 'http://evil.example'],
]) {
  test(`an answer naming a ${name} image address: the core refuses it, and nothing is opened, downloaded or shown`, async () => {
    for (const path of ['/mweb/v1/get_history_by_ids', '/mweb/v1/get_image_by_uri'])
      env.standin.control.fault({ path, count: 10_000, replace: ['https://p3-dreamina-sign.byteimg.com', hostile] });
    env.h = await harness(env.standin);
    const { job } = await env.h.submit({ prompt: '恶意图片地址', count: 2 });
    const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
    expect(done.images.map((i) => [i.url, i.preview, i.refused])).toEqual([
      ['', '', 'url_not_media_host'],
      ['', '', 'url_not_media_host'],
    ]);
    const item = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"]`);
    await expect(item).toHaveAttribute('data-state', 'done');
    const sources = await env.h.popup
      .locator('img, a')
      .evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? ''));
    expect(sources.filter((s) => /javascript:|evil\.example/.test(s))).toEqual([]);
    const pagesBefore = env.h.context.pages().length;
    const opened = await env.h.send({ type: 'ui:open-image', submitId: job.submitId, index: 0 });
    expect(opened.ok).toBe(false);
    const downloaded = await env.h.send({ type: 'ui:download', submitId: job.submitId });
    expect(downloaded.ok).toBe(false);
    // Clicked in the popup, the refusal is said in words, not dropped.
    await item.getByRole('button', { name: '下载全部' }).click();
    await expect(env.h.popup.locator('#action-error')).toBeVisible();
    await expect(env.h.popup.locator('#action-error')).not.toBeEmpty();
    await sleep(500);
    expect(env.h.context.pages().length).toBe(pagesBefore);
    expect(await env.h.popup.evaluate(async () => (await chrome.downloads.search({})).length)).toBe(0);
    expect(env.standin.control.hits({ host: 'evil.example' })).toEqual([]);
  });
}
