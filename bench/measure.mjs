// What the benchmarks measure in the browser, shared by bench:scale and bench:archive: popup and workspace
// opening times, scrolling the workspace, and the engine's store time per tick.
const TICKS = 60;
const WARMUP = 10;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
export const trimmedMean = (xs) => {
  const s = [...xs].sort((a, b) => a - b).slice(Math.floor(xs.length / 10), Math.ceil((xs.length * 9) / 10));
  return s.reduce((a, b) => a + b, 0) / s.length;
};
export const log = (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Opens the popup afresh and reads its marks: interactive (Generate usable) and job list shown. */
export async function popupOpen(h) {
  await collectGarbage(h);
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.id}/popup/popup.html`);
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('jimeng:interactive').length &&
      performance.getEntriesByName('jimeng:jobs-shown').length,
    null,
    { timeout: 60_000 },
  );
  const marks = await page.evaluate(() => ({
    interactive: performance.getEntriesByName('jimeng:interactive')[0].startTime,
    listed: performance.getEntriesByName('jimeng:jobs-shown')[0].startTime,
  }));
  await page.close();
  return marks;
}

/**
 * Extension pages share one renderer: the harness's own page, which wrote the seeded history into storage,
 * leaves garbage behind that a user's browser would not have. Collected before each measurement.
 */
export async function collectGarbage(h) {
  const cdp = await h.context.newCDPSession(h.popup);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Opens the workspace afresh: ms from navigation to its first screen of thumbnails drawn. */
export async function workspaceOpen(h) {
  await collectGarbage(h);
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.id}/workspace/workspace.html`);
  await page.waitForFunction(() => performance.getEntriesByName('jimeng:first-screen').length, null, {
    timeout: 60_000,
  });
  const ms = await page.evaluate(() => performance.getEntriesByName('jimeng:first-screen')[0].startTime);
  await page.close();
  return ms;
}

/**
 * Scrolls the workspace down through `jobs` jobs' worth of images, a screen per frame, and reports the long
 * tasks (over 50 ms) the page had meanwhile, and the longest gap between frames.
 */
export async function scrollWorkspace(h, jobs) {
  await collectGarbage(h);
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.id}/workspace/workspace.html`);
  await page.waitForFunction(() => !/读取|Reading/.test(document.getElementById('summary').textContent), null, {
    timeout: 120_000,
  });
  return page
    .evaluate(async (count) => {
      const grid = document.getElementById('grid');
      const long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) long.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
      // Images per job average 2.5 in the seeded history; scroll until that many cells have gone by.
      const columns = Math.max(1, grid.querySelector('.row')?.childElementCount ?? 1);
      const rowHeight = grid.querySelector('.row')?.getBoundingClientRect().height + 8 || 168;
      const target = Math.min(grid.scrollHeight - grid.clientHeight, ((count * 2.5) / columns) * rowHeight);
      let worstGap = 0;
      let last = performance.now();
      while (grid.scrollTop < target - 1) {
        grid.scrollTop = Math.min(target, grid.scrollTop + grid.clientHeight);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
      }
      await new Promise((r) => setTimeout(r, 300));
      return {
        longTasks: long.length,
        longestTaskMs: long.length ? Math.max(...long) : 0,
        worstFrameGapMs: worstGap,
        scrolledPx: target,
      };
    }, jobs)
    .finally(() => page.close());
}

/**
 * The engine's store time per tick while one job runs (the worker records each tick's share), in every
 * browser given, sampled in turn. @returns {Promise<{storeMs: number, ticks: number}[]>}
 */
export async function tickCosts(browsers, standin) {
  // Both workers start afresh (the seeding restarted one of them): the same cold start, then the first
  // WARMUP ticks of each are left out, so the figure is the store's, not the JIT's.
  for (const b of browsers) await b.stopWorker();
  // A long queue whose position moves about once a poll: every tick then has a change to write (a tick
  // that finds nothing new writes nothing, which would measure nothing).
  standin.control.timings({ queueMs: 150_000, queuePosition: 100, queueLength: 120, thinkMs: 0, perImageMs: 1_000 });
  for (const b of browsers) await b.submit({ prompt: `计时任务 ${Date.now()}`, count: 1 });
  const samples = browsers.map(() => /** @type {number[]} */ ([]));
  const last = browsers.map(() => 0);
  const seen = browsers.map(() => 0);
  for (const t0 = Date.now(); samples.some((s) => s.length < TICKS) && Date.now() - t0 < 170_000; await sleep(200)) {
    for (const [i, b] of browsers.entries()) {
      const tick = await b
        .worker()
        .evaluate(() => self.jimengLastTick ?? null)
        .catch(() => null);
      if (!tick || tick.at === last[i] || tick.active !== 1) continue;
      last[i] = tick.at;
      if (++seen[i] > WARMUP && samples[i].length < TICKS) samples[i].push(tick.storeMs);
    }
  }
  standin.control.timings({ profile: 'fast' });
  // Let the timing jobs finish, so that the next size starts with nothing running.
  await sleep(4_000);
  // The worker's clock counts in 0.1 ms steps, about a tenth of a tick's store time: a median would move a
  // whole step at a time, so the figure is the mean of the middle 80% of the samples.
  return samples.map((s) => ({ storeMs: trimmedMean(s), ticks: s.length }));
}

/** The extension worker's JS heap in use (MB), read over the DevTools protocol; null when it cannot be read. */
export async function workerHeapMB(h) {
  const cdp = await h.context.newCDPSession(h.popup);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.id}/`));
    if (!sw) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    const answer = new Promise((resolve) =>
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        const m = JSON.parse(e.message);
        if (m.id === 1) resolve(m.result);
      }),
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    });
    const usage = await Promise.race([answer, sleep(5_000).then(() => null)]);
    return usage ? usage.usedSize / 2 ** 20 : null;
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Samples the worker's heap every second until stopped: {peakMB, samples}. */
export function sampleWorkerHeap(h) {
  const samples = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const mb = await workerHeapMB(h);
      if (mb != null) samples.push(mb);
      await sleep(1_000);
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      return { peakMB: samples.length ? Math.max(...samples) : null, samples: samples.length };
    },
  };
}
