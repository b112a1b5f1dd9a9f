// bench/archive.mjs's measures: a search typed in the workspace, the newest imported files and their links, and
// the baselines for the download manager (plain parallel fetches, plain chrome.downloads of the same files).
import { readJobs } from '../tests/e2e/harness.mjs';

/** ms from a query typed in the workspace to its first matching cell drawn, less the 120 ms typing pause. */
export async function searchTimes(harnessed, queries) {
  const page = await harnessed.context.newPage();
  await page.goto(`chrome-extension://${harnessed.id}/workspace/workspace.html`);
  await page.waitForFunction(() => !/读取|Reading/.test(document.getElementById('summary').textContent), null, {
    timeout: 120_000,
  });
  const out = [];
  for (const query of queries) {
    const ms = await page.evaluate(async (q) => {
      const box = /** @type {HTMLInputElement} */ (document.getElementById('q'));
      const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
      const before = summary.textContent;
      const start = performance.now();
      box.value = q;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      while (performance.now() - start < 20_000) {
        await new Promise((r) => requestAnimationFrame(r));
        const cell = document.querySelector('.cell');
        if (summary.textContent !== before && cell?.getAttribute('aria-label')?.includes(q))
          return performance.now() - start;
      }
      return NaN;
    }, query);
    const matches = await page.evaluate(() => document.getElementById('summary').textContent);
    out.push({ query, ms: ms - 120, matches: Number(/\d+/.exec(matches ?? '')?.[0] ?? 0) });
  }
  await page.close();
  return out;
}

/** The newest imported jobs' files, `count` in all, as download items ({submitId, indices}). */
export async function newestFiles(harnessed, count) {
  const jobs = Object.values(await readJobs(harnessed.popup))
    .filter((j) => j.origin?.from === 'jimeng' && j.phase === 'done')
    .sort((x, y) => y.createdAt - x.createdAt);
  const items = [];
  let n = 0;
  for (const j of jobs) {
    if (n >= count) break;
    const total = (j.videos?.length ? j.videos : j.images).length;
    const take = Math.min(total, count - n);
    items.push({ submitId: j.submitId, indices: Array.from({ length: take }, (_, k) => k) });
    n += take;
  }
  return items;
}

/** The links of every file the browser saved (not the baselines' own): what the manager fetched. */
export async function savedUrls(harnessed) {
  return harnessed
    .worker()
    .evaluate(async () =>
      (await chrome.downloads.search({ state: 'complete', limit: 0 }))
        .filter((d) => !/[\\/]plain[\\/]/.test(d.filename))
        .map((d) => d.url),
    );
}

/** The download manager saving `items` (a new run of them), from the request to the run's end. */
export async function managerRun(harnessed, items) {
  const d0 = Date.now();
  const queued = await harnessed.send({ type: 'ui:downloads', command: 'enqueue', items });
  let run;
  for (;;) {
    run = await harnessed.popup.evaluate(async () => (await chrome.storage.local.get('downloadRun')).downloadRun);
    if (run?.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { seconds: (Date.now() - d0) / 1000, run, queued };
}

/** Every URL fetched and read whole from an extension page, `parallel` at a time. */
export async function plainFetch(harnessed, urls, parallel) {
  return harnessed.popup.evaluate(
    async ({ list, n }) => {
      const start = performance.now();
      let next = 0,
        bytes = 0,
        failed = 0;
      await Promise.all(
        Array.from({ length: n }, async () => {
          while (next < list.length) {
            const r = await fetch(list[next++], { cache: 'no-store' });
            if (!r.ok) failed++;
            bytes += (await r.arrayBuffer()).byteLength;
          }
        }),
      );
      return { seconds: (performance.now() - start) / 1000, bytes, failed };
    },
    { list: urls, n: parallel },
  );
}

/** The browser's own downloads of the same URLs, `parallel` at a time, with nothing of ours around them: what
 *  saving to disk costs by itself. Run in the popup page; each download is erased from the list afterwards. */
export async function plainChromeDownloads(harnessed, urls, parallel) {
  return harnessed.popup.evaluate(
    async ({ list, n }) => {
      const start = performance.now();
      let next = 0;
      const ended = new Map();
      chrome.downloads.onChanged.addListener((d) => {
        if (d.state?.current === 'complete' || d.state?.current === 'interrupted') ended.get(d.id)?.();
      });
      await Promise.all(
        Array.from({ length: n }, async () => {
          while (next < list.length) {
            const k = next++;
            const id = await chrome.downloads.download({
              url: list[k],
              filename: `plain/${k}.bin`,
              conflictAction: 'uniquify',
              saveAs: false,
            });
            const [item] = await chrome.downloads.search({ id });
            if (item?.state === 'in_progress') await new Promise((r) => ended.set(id, r));
          }
        }),
      );
      return { seconds: (performance.now() - start) / 1000 };
    },
    { list: urls, n: parallel },
  );
}
