// The extension under test: a browser with the extension, logged in to the stand-in, with the popup page
// open as a way to talk to the worker like the real UI does.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { startStandin } from '../../web/server.mjs';
import { JIMENG, extensionWorker, launch, loggedInPage } from './browser.mjs';

export async function harness(
  standin,
  {
    login = true,
    userDataDir,
    activeTabHosts,
    headless,
    openTrackerRoot,
    colorScheme,
    locale,
    extensionPath,
    keepWelcome = false,
    popup: withPopup = true,
  } = {},
) {
  const fresh = !userDataDir || !fs.existsSync(path.join(userDataDir, 'Default'));
  const browser = await launch(standin, {
    extension: true,
    userDataDir,
    activeTabHosts,
    headless,
    openTrackerRoot,
    colorScheme,
    locale,
    extensionPath,
  });
  const { worker, id } = await extensionWorker(browser.context);
  // Installing opens the welcome page (welcome.spec tests it): closed here, so each test starts with its own pages.
  const welcome = fresh ? await welcomePage(browser.context) : null;
  if (welcome && !keepWelcome) await welcome.close();
  const jimeng = login ? await loggedInPage(browser.context) : null;
  const popup = withPopup ? await browser.context.newPage() : null;
  await popup?.goto(`chrome-extension://${id}/popup/popup.html`);
  const h = {
    ...browser,
    id,
    jimeng,
    popup,
    welcome: keepWelcome ? welcome : null,
    worker: () => browser.context.serviceWorkers()[0] ?? worker,
    send: (msg) => popup.evaluate((m) => chrome.runtime.sendMessage(m), msg),
    jobs: () => readJobs(popup),
    job: async (submitId) => (await h.jobs())[submitId],
    submit: (input) => h.send({ type: 'ui:submit', input }),
    async waitFor(submitId, predicate, timeout = 45_000) {
      for (const start = Date.now(); Date.now() - start < timeout;) {
        const job = await h.job(submitId);
        if (job && predicate(job)) return job;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(
        `job ${submitId} did not reach the expected state: ${JSON.stringify(await h.job(submitId))?.slice(0, 400)}`,
      );
    },
    async stopWorker() {
      const cdp = await browser.context.newCDPSession(popup);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
  };
  return h;
}

export { JIMENG };

/** The welcome page the extension opens when installed, once it is there (null if it never came). */
export async function welcomePage(context, timeoutMs = 5_000) {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 50))) {
    const page = context.pages().find((p) => p.url().includes('/welcome/welcome.html'));
    if (page) return page;
  }
  return null;
}

/** Each submit_id charged at most once by the stand-in; returns the charges per submit_id. */
export function expectChargedOnce(standin) {
  const charges = new Map();
  for (const r of standin.control.ledger())
    if (r.kind === 'charge') charges.set(r.submit_id, (charges.get(r.submit_id) ?? 0) + 1);
  for (const [id, n] of charges) expect(n, `charges for ${id}`).toBe(1);
  return charges;
}

/**
 * Every stored job (submitId → job), read from the extension's IndexedDB store in one of its pages. A store
 * that does not exist yet is not created here (that would make an empty database the worker never upgrades).
 */
export function clearJobs(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('jimeng-helper');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('jobs')) return;
      await new Promise((resolve, reject) => {
        const tx = db.transaction('jobs', 'readwrite');
        tx.objectStore('jobs').clear();
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  });
}

export function readJobs(page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'jimeng-helper')) return {};
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('jimeng-helper');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('jobs')) return {};
      const all = await new Promise((resolve, reject) => {
        const q = db.transaction('jobs').objectStore('jobs').getAll();
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
      return Object.fromEntries(all.map((j) => [j.submitId, j]));
    } finally {
      db.close();
    }
  });
}

/**
 * The per-file stand-in and per-test browser every extension spec uses: one stand-in for the file, reset
 * before each test, and whatever browser the test put in `env.h` closed after it.
 */
export function useStandin(test, options) {
  const env = { standin: /** @type {any} */ (null), h: /** @type {any} */ (null) };
  test.beforeAll(async () => {
    env.standin = await startStandin(options);
  });
  test.afterAll(async () => {
    await env.standin.close();
  });
  test.beforeEach(() => env.standin.control.reset());
  test.afterEach(async () => {
    await env.h?.context.close();
    env.h = null;
  });
  return env;
}

/** The workspace in a new tab of the harness's browser; with `read`, once it has read the store (its summary says so). */
export async function openWorkspace(h, { read = false } = {}) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.id}/workspace/workspace.html`);
  if (read) await expect(page.locator('#summary')).not.toHaveText(/读取|Reading/, { timeout: 20_000 });
  return page;
}

/** The workspace's summary line ("N images …"). */
export const summary = (page) => page.locator('#summary');
/** Sets one of the workspace's filter controls (a box, a list or a check box). */
export async function setFilter(page, id, value) {
  const control = page.locator(`#${id}`);
  if (typeof value === 'boolean') await control.setChecked(value);
  else if (await control.evaluate((e) => e.tagName === 'SELECT')) await control.selectOption(value);
  else await control.fill(value);
}
