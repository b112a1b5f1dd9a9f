// The session bridge: the extension reaches Jimeng only through the logged-in page, learns the page's
// versions from its own requests, and no page script can get hold of the bridge.
import { test, expect } from '@playwright/test';
import { JIMENG, extensionWorker, launch, loggedInPage, screenshotPath } from './browser.mjs';
import { useStandin } from './harness.mjs';

const env = useStandin(test);

test('the popup shows the credit balance fetched through the logged-in Jimeng page', async () => {
  env.h = await launch(env.standin, { extension: true });
  const { id } = await extensionWorker(env.h.context);
  await loggedInPage(env.h.context);
  env.standin.control.credits({ gift: 57, vip: 100 });
  const popup = await env.h.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#credit')).toHaveText('157');
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'ready');
  await expect(popup.locator('#session')).toHaveText('已连接即梦');
  const credit = env.standin.control.requests({ path: '/commerce/v1/benefits/user_credit' }).at(-1);
  expect(credit.ret).toBe('0');
  expect(credit.headers.cookie).toContain('sessionid=');
  await popup.screenshot({ path: screenshotPath('popup-header-zh') });
});

test('with no Jimeng tab open, one is opened in the background and the popup still gets its answer', async () => {
  env.h = await launch(env.standin, { extension: true });
  const { id } = await extensionWorker(env.h.context);
  const login = await loggedInPage(env.h.context);
  await login.close();
  const popup = await env.h.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#credit')).toHaveText('200');
  expect(env.h.context.pages().some((p) => p.url().startsWith(`${JIMENG}/ai-tool/generate`))).toBe(true);
  // Many callers at once with no Jimeng tab: one background tab for all of them.
  for (const p of env.h.context.pages()) if (p.url().startsWith(JIMENG)) await p.close();
  await new Promise((r) => setTimeout(r, 300));
  const answers = await popup.evaluate(() =>
    Promise.all([1, 2, 3, 4].map(() => chrome.runtime.sendMessage({ type: 'ui:get-status' }))),
  );
  expect(answers.map((a) => a.session)).toEqual(['ready', 'ready', 'ready', 'ready']);
  expect(env.h.context.pages().filter((p) => p.url().startsWith(JIMENG))).toHaveLength(1);
});

test('logged out, the popup says so', async () => {
  env.h = await launch(env.standin, { extension: true });
  const { id } = await extensionWorker(env.h.context);
  await loggedInPage(env.h.context);
  env.standin.control.expireSession();
  const popup = await env.h.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'logged_out');
  await expect(popup.locator('#credit')).toHaveText('–');
});

test("the extension learns bumped versions from the page's own requests", async () => {
  env.standin.control.versions({ appvr: '8.6.0', daVersion: '3.3.28', webVersion: '7.9.0' });
  env.h = await launch(env.standin, { extension: true });
  const { worker } = await extensionWorker(env.h.context);
  await loggedInPage(env.h.context);
  await expect
    .poll(async () => (await worker.evaluate(() => chrome.storage.local.get('session'))).session?.daVersion)
    .toBe('3.3.28');
  const { session } = await worker.evaluate(() => chrome.storage.local.get('session'));
  expect(session).toMatchObject({ appVersion: '8.6.0', webVersion: '7.9.0' });
  expect(session.webId).toMatch(/^\d{19}$/);
});

test("a page script cannot get the bridge's port", async () => {
  env.h = await launch(env.standin, { extension: true });
  const { worker } = await extensionWorker(env.h.context);
  const page = await loggedInPage(env.h.context);
  // The bridge in this page is alive (it reported the page's session)…
  await expect
    .poll(async () => (await worker.evaluate(() => chrome.storage.local.get('session'))).session?.webId)
    .toMatch(/^\d{19}$/);
  // …yet replaying the handshake from page script yields no port.
  const got = await page.evaluate(async () => {
    let ports = 0;
    window.addEventListener('jimeng-helper:hello', (e) => {
      ports += e.ports?.length ?? 0;
    });
    document.documentElement.dataset.jimengHelperRelay = 'up';
    window.dispatchEvent(new Event('jimeng-helper:relay-up'));
    await new Promise((r) => setTimeout(r, 300));
    return ports;
  });
  expect(got).toBe(0);
});
