// Launches Debian's Chromium headless with the stand-in mapped onto the Jimeng host names and, when asked,
// our unpacked extension from dist/.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const DIST = path.resolve('dist');
export const JIMENG = 'https://jimeng.jianying.com';
export const DREAMINA = 'https://dreamina.capcut.com';

/**
 * Chrome grants `activeTab` on a real menu click or shortcut, which tests cannot make (native menus and
 * browser accelerators are out of CDP's reach). For the sites a test names, a copy of dist/ lists them in
 * host_permissions instead: the access that click would have granted. Everything else is the real build.
 */
/**
 * `openTrackerRoot` makes the tracker's shadow root open in that copy, so axe-core (which cannot enter a
 * closed root) can audit the tracker exactly as it is drawn. Only the accessibility suite asks for it.
 */
function extensionDir(activeTabHosts, openTrackerRoot) {
  if (activeTabHosts.length === 0 && !openTrackerRoot) return DIST;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jimeng-ext-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions.push(...activeTabHosts);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  if (openTrackerRoot) {
    const file = path.join(dir, 'tracker/tracker.js');
    const source = fs.readFileSync(file, 'utf8');
    if (!source.includes("mode: 'closed'"))
      throw new Error('the tracker no longer attaches a closed root: update the test build');
    fs.writeFileSync(file, source.replace("mode: 'closed'", "mode: 'open'"));
  }
  return dir;
}

/**
 * `extensionLater`: the browser starts without the extension, as a user's does before installing it; the
 * test then loads it with loadExtensionNow (what installing it from the store does).
 */
export async function launch(
  standin,
  {
    extension = false,
    extensionLater = false,
    userDataDir,
    locale = 'zh-CN',
    activeTabHosts = [],
    headless = true,
    openTrackerRoot = false,
    colorScheme = /** @type {'light' | 'dark'} */ ('light'),
    extensionPath = undefined,
  } = {},
) {
  const dir = userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jimeng-e2e-'));
  const args = [
    '--no-sandbox',
    `--host-resolver-rules=${standin.hostRules}`,
    '--ignore-certificate-errors',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    `--lang=${locale}`,
  ];
  if (extension) {
    // extensionPath: another build to load instead of dist/ (the release package, unzipped).
    const ext = extensionPath ?? extensionDir(activeTabHosts, openTrackerRoot);
    args.push(`--disable-extensions-except=${ext}`, `--load-extension=${ext}`);
  }
  if (extensionLater)
    args.push(
      `--disable-extensions-except=${DIST}`,
      '--enable-unsafe-extension-debugging',
      '--remote-debugging-port=0',
    );
  // On Linux, Chromium's UI language (and so chrome.i18n) follows LANGUAGE, not --lang.
  const env = { ...process.env, LANGUAGE: locale.replace('-', '_') };
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless,
    args,
    locale,
    env,
    colorScheme,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    ...(extensionLater ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
  });
  return { context, userDataDir: dir };
}

/**
 * Installs dist/ into a browser launched with `extensionLater`, over a second DevTools connection
 * (Extensions.loadUnpacked): Chrome then puts no content script into the tabs already open, as for a user
 * who installs the extension with Jimeng open. Resolves with the extension's id once its worker runs.
 */
export async function loadExtensionNow(
  /** @type {import('@playwright/test').BrowserContext} */ context,
  /** @type {string} */ userDataDir,
) {
  const port = fs.readFileSync(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const session = await cdp.newBrowserCDPSession();
    const workerStarted = context.waitForEvent('serviceworker');
    const { id } = await session.send(/** @type {any} */ ('Extensions.loadUnpacked'), { path: DIST });
    await workerStarted;
    return /** @type {string} */ (id);
  } finally {
    // Leaves the browser running: only this connection goes.
    await cdp.close().catch(() => {});
  }
}

/** Logs the browser in on the stand-in and leaves the workspace open with the anti-bot hook in place. */
export async function loggedInPage(context) {
  const page = await context.newPage();
  await page.goto(`${JIMENG}/login?auto=1`);
  await page.waitForURL(/ai-tool\/generate/);
  await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(window.fetch)));
  return page;
}

/** Logs in on the stand-in's Dreamina and waits for its SDK to hook fetch. */
export async function dreaminaPage(/** @type {import('@playwright/test').BrowserContext} */ context) {
  const page = await context.newPage();
  await page.goto(`${DREAMINA}/login?auto=1`);
  await page.waitForURL(/ai-tool\/generate/);
  await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(window.fetch)));
  return page;
}

export function screenshotPath(name) {
  fs.mkdirSync('artifacts/screenshots', { recursive: true });
  return path.join('artifacts/screenshots', `${name}.png`);
}

/** The extension's service worker and id (waits for the worker to start). */
export async function extensionWorker(context) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { worker, id: new URL(worker.url()).host };
}
