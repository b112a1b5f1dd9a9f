// The worker's cold start and the popup's opening (open → interactive), measured in a harnessed browser
// (tests/e2e/harness.mjs): by bench/e2e.mjs (--startup) and bench/scale.mjs.
import { sleep } from './measure.mjs';

/** The worker's cold start (modules loaded, core ready), woken by one message from an open extension page. @param {any} h */
export async function coldStarts(h, runs = 20) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    await h.stopWorker();
    await sleep(300);
    // Woken by one message from an open extension page, as a popup or a content script would.
    const next = h.context.waitForEvent('serviceworker', { timeout: 5_000 }).catch(() => null);
    await h.popup.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:models' }).catch(() => null));
    const w = (await next) ?? h.worker();
    let ms;
    for (let t0 = Date.now(); ms === undefined && Date.now() - t0 < 10_000; await sleep(50))
      ms = await w
        .evaluate(() =>
          self.coreReadyMs === undefined ? undefined : { modules: self.coreStartMs, ready: self.coreReadyMs },
        )
        .catch(() => undefined);
    if (ms !== undefined) xs.push(ms);
  }
  return xs;
}

/**
 * Popup open → interactive, with the worker running (warm) or stopped just before (cold). The popup is opened
 * as the toolbar button opens it (chrome.action.openPopup, from an extension page that shows nothing): a
 * popup opened as a tab would also fire tab events, which start the stopped worker beside it, as no click
 * on the button does. Its own performance timeline is read through chrome.extension.getViews.
 * @param {any} h the harness @param {import('@playwright/test').Page} opener an extension page of it
 */
export async function popupOpens(h, opener, runs = 10, { coldWorker = false } = {}) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    if (coldWorker) await h.stopWorker();
    else await opener.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:models' }).catch(() => null));
    await sleep(300);
    await opener.evaluate(() => chrome.action.openPopup());
    const ms = await opener.waitForFunction(
      () => {
        const popup = chrome.extension.getViews({ type: 'popup' })[0];
        return popup?.performance.getEntriesByName('jimeng:interactive')[0]?.startTime;
      },
      undefined,
      { timeout: 10_000 },
    );
    xs.push(await ms.jsonValue());
    await opener.evaluate(() => chrome.extension.getViews({ type: 'popup' })[0]?.close());
    await opener.waitForFunction(() => chrome.extension.getViews({ type: 'popup' }).length === 0);
  }
  return xs;
}

/** The same, opened as a tab, as this bench measured it before 2026-12: comparable with the earlier figures. */
export async function popupTabOpens(/** @type {any} */ h, runs = 10, { coldWorker = false } = {}) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    if (coldWorker) {
      await h.stopWorker();
      await sleep(300);
    }
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${h.id}/popup/popup.html`);
    await page.waitForFunction(() => !document.getElementById('generate').disabled);
    xs.push(await page.evaluate(() => performance.getEntriesByName('jimeng:interactive')[0].startTime));
    await page.close();
  }
  return xs;
}
