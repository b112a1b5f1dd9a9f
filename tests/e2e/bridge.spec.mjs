// The session bridge: the extension reaches Jimeng only through the logged-in page, learns the page's
// versions from its own requests, and no page script can get hold of the bridge.
import { test, expect } from '@playwright/test';
import { startStandin } from '../../web/server.mjs';
import { JIMENG, extensionWorker, launch, loggedInPage, screenshotPath } from './browser.mjs';

let standin, browser;
test.beforeAll(async () => { standin = await startStandin(); });
test.afterAll(async () => { await standin.close(); });
test.beforeEach(() => standin.control.reset());
test.afterEach(async () => { await browser?.context.close(); });

test('the popup shows the credit balance fetched through the logged-in Jimeng page', async () => {
  browser = await launch(standin, { extension: true });
  const { id } = await extensionWorker(browser.context);
  await loggedInPage(browser.context);
  standin.control.credits({ gift: 57, vip: 100 });
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#credit')).toHaveText('157');
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'ready');
  await expect(popup.locator('#session')).toHaveText('已连接即梦');
  const credit = standin.control.requests({ path: '/commerce/v1/benefits/user_credit' }).at(-1);
  expect(credit.ret).toBe('0');
  expect(credit.headers.cookie).toContain('sessionid=');
  await popup.screenshot({ path: screenshotPath('popup-header-zh') });
});

test('with no Jimeng tab open, one is opened in the background and the popup still gets its answer', async () => {
  browser = await launch(standin, { extension: true });
  const { id } = await extensionWorker(browser.context);
  const login = await loggedInPage(browser.context);
  await login.close();
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#credit')).toHaveText('200');
  expect(browser.context.pages().some((p) => p.url().startsWith(`${JIMENG}/ai-tool/generate`))).toBe(true);
});

test('logged out, the popup says so', async () => {
  browser = await launch(standin, { extension: true });
  const { id } = await extensionWorker(browser.context);
  await loggedInPage(browser.context);
  standin.control.expireSession();
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await expect(popup.locator('#session')).toHaveAttribute('data-state', 'logged_out');
  await expect(popup.locator('#credit')).toHaveText('–');
});

test('the extension learns bumped versions from the page\'s own requests', async () => {
  standin.control.versions({ appvr: '8.6.0', daVersion: '3.3.28', webVersion: '7.9.0' });
  browser = await launch(standin, { extension: true });
  const { worker } = await extensionWorker(browser.context);
  await loggedInPage(browser.context);
  await expect.poll(async () => (await worker.evaluate(() => chrome.storage.local.get('session'))).session?.daVersion).toBe('3.3.28');
  const { session } = await worker.evaluate(() => chrome.storage.local.get('session'));
  expect(session).toMatchObject({ appVersion: '8.6.0', webVersion: '7.9.0' });
  expect(session.webId).toMatch(/^\d{19}$/);
});

test('a page script cannot get the bridge\'s port', async () => {
  browser = await launch(standin, { extension: true });
  const { worker } = await extensionWorker(browser.context);
  const page = await loggedInPage(browser.context);
  // The bridge in this page is alive (it reported the page's session)…
  await expect.poll(async () => (await worker.evaluate(() => chrome.storage.local.get('session'))).session?.webId).toMatch(/^\d{19}$/);
  // …yet replaying the handshake from page script yields no port.
  const got = await page.evaluate(async () => {
    let ports = 0;
    window.addEventListener('jimeng-helper:hello', (e) => { ports += e.ports?.length ?? 0; });
    document.documentElement.dataset.jimengHelperRelay = 'up';
    window.dispatchEvent(new Event('jimeng-helper:relay-up'));
    await new Promise((r) => setTimeout(r, 300));
    return ports;
  });
  expect(got).toBe(0);
});
