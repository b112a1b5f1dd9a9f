// The stand-in behaves like the real site in a real browser: only requests that go through the page's own
// (anti-bot hooked) fetch are accepted, and an accepted task ends with its images downloadable as PNGs.
import { test, expect } from '@playwright/test';
import { startStandin } from '../../web/server.mjs';
import { Client, seedBody } from '../../web/test/client.mjs';
import { launch, loggedInPage, screenshotPath } from './browser.mjs';

let standin, browser;
test.beforeAll(async () => {
  standin = await startStandin();
});
test.afterAll(async () => {
  await standin.close();
});
test.afterEach(async () => {
  await browser?.context.close();
});

test("the seed request is refused without the page's a_bogus and accepted through the page's own fetch", async () => {
  browser = await launch(standin);
  const page = await loggedInPage(browser.context);

  // By hand, outside the page: right sign, the page's cookies, but no anti-bot tokens.
  const outside = new Client(standin);
  for (const c of await browser.context.cookies()) outside.cookies[c.name] = c.value;
  const body = seedBody();
  const draft = JSON.parse(body.draft_content);
  draft.component_list[0].abilities.gen_option = { type: '', id: 'gen-option', generate_all: false, gen_count: 2 };
  body.draft_content = JSON.stringify(draft);
  const refused = await outside.post('/mweb/v1/aigc_draft/generate', body, { bogus: false });
  expect(refused.json.ret).toBe('4013');

  // The same request through the page's fetch.
  const submitted = await page.evaluate(async (text) => {
    const path = '/mweb/v1/aigc_draft/generate';
    const time = String(Math.floor(Date.now() / 1000));
    const q =
      'aid=513695&device_platform=web&region=cn&da_version=3.3.9&os=windows&web_component_open_flag=1&web_version=7.5.0&aigc_features=app_lip_sync';
    const headers = {
      'content-type': 'application/json',
      appid: '513695',
      appvr: '8.4.0',
      pf: '7',
      'device-time': time,
      'sign-ver': '1',
      tdid: '',
      sign: window.__jimengMd5(`9e2c|${path.slice(-7)}|7|8.4.0|${time}||11ac`),
    };
    const r = await fetch(`${path}?${q}`, { method: 'POST', headers, body: text, credentials: 'include' });
    return r.json();
  }, JSON.stringify(body));
  expect(submitted.ret).toBe('0');
  expect(submitted.data.aigc_data.submit_id).toBe(body.submit_id);

  // Poll through the page until the task is done.
  const node = await page.evaluate(async (id) => {
    for (let i = 0; i < 100; i++) {
      const r = await window.__jimengApp.call('/mweb/v1/get_history_by_ids', { submit_ids: [id] });
      const n = r.data?.[id];
      if (n?.status === 50) return n;
      await new Promise((res) => setTimeout(res, 200));
    }
    return null;
  }, body.submit_id);
  expect(node?.status).toBe(50);
  expect(node.item_list).toHaveLength(2);

  // The full-size URLs download as PNGs of the requested size.
  for (const item of node.item_list) {
    const url = item.image.large_images[0].image_url;
    const info = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      const view = new DataView(bytes.buffer);
      return {
        magic: String.fromCharCode(...bytes.slice(1, 4)),
        width: view.getUint32(16),
        height: view.getUint32(20),
      };
    }, url);
    expect(info).toEqual({ magic: 'PNG', width: 2048, height: 2048 });
  }
  expect(standin.control.ledger().map((r) => r.submit_id)).toEqual([body.submit_id]);
  await page.screenshot({ path: screenshotPath('standin-workspace') });
});

test("the page's own periodic calls carry the versions a bridge can learn", async () => {
  standin.control.versions({ appvr: '8.6.0', daVersion: '3.3.28', webVersion: '7.9.0' });
  browser = await launch(standin);
  await loggedInPage(browser.context);
  await expect.poll(() => standin.control.requests({ path: '/mweb/v1/get_common_config' }).length).toBeGreaterThan(0);
  const seen = standin.control.requests({ path: '/mweb/v1/get_common_config' }).at(-1);
  expect(seen.headers.appvr).toBe('8.6.0');
  expect(seen.query.da_version).toBe('3.3.28');
  expect(seen.query.web_version).toBe('7.9.0');
  expect(seen.query.webId).toMatch(/^\d{19}$/);
  expect(seen.ret).toBe('0');
  standin.control.reset();
});
