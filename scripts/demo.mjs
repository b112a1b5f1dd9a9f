// npm start: the product against the stand-in. Builds nothing itself (npm start builds first), starts the
// stand-in with realistic timings and launches Chromium with the extension, the Jimeng host names mapped to
// the stand-in and a logged-in session.
//   With a display: a window to use by hand (close it to stop).
//   Without one (or --headless): generates from the popup and from a page selection, prints progress and
//   writes screenshots of the popup and of the in-page tracker (a running and a finished job).
//   node scripts/demo.mjs [--fast] [--headless] [--prompt "…"]
import { startStandin } from '../web/server.mjs';
import { screenshotPath } from '../tests/e2e/browser.mjs';
import { harness } from '../tests/e2e/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const prompt = arg('prompt', '一只橘猫坐在窗台上看雨，水彩风格');
const profile = process.argv.includes('--fast') ? 'fast' : 'realistic';
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const BLOG = 'https://blog.example';
const say = (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const standin = await startStandin({ profile });
say(`stand-in on 127.0.0.1:${standin.port} (${profile} timings)`);
// A script cannot click the native context menu, which is what grants the extension access to the page
// (activeTab); the demo profile lists the article's site instead, exactly as the end-to-end tests do.
const h = await harness(standin, { activeTabHosts: [`${BLOG}/*`], headless });
say(`Chromium ${h.context.browser()?.version() ?? ''} with the extension ${h.id}; logged in to Jimeng`);

if (!headless) {
  const article = await h.context.newPage();
  await article.goto(`${BLOG}/`);
  say('A window is open: select text on the article and right-click "用即梦生成", or use the toolbar popup.');
  await new Promise((resolve) => h.context.on('close', resolve));
  await standin.close();
  process.exit(0);
}

const stateOf = (j) =>
  j.phase === 'queued'
    ? `queued${j.queue?.position ? ` #${j.queue.position}` : ''}`
    : j.phase === 'generating'
      ? `generating ${j.finished ?? 0}/${j.total}`
      : j.phase === 'failed'
        ? `failed: ${j.error?.message}`
        : j.phase;
const printed = new Map();
async function report() {
  for (const j of Object.values(await h.jobs())) {
    const line = `${j.origin?.from === 'menu' ? 'selection' : 'popup    '} "${j.job.prompt.slice(0, 24)}" ${stateOf(j)}`;
    if (printed.get(j.submitId) !== line) say(line);
    printed.set(j.submitId, line);
  }
}
async function until(predicate, what, timeout = 240_000) {
  for (const start = Date.now(); Date.now() - start < timeout; await sleep(1000)) {
    await report();
    if (predicate(await h.jobs())) return;
  }
  throw new Error(`timed out waiting for ${what}`);
}
const menuClick = (text) =>
  h.worker().evaluate(
    async ([t, pattern]) => {
      const [tab] = await chrome.tabs.query({ url: pattern });
      return self.jimeng.onMenuClick({ menuItemId: 'jimeng-generate', selectionText: t }, tab);
    },
    [text, `${BLOG}/*`],
  );

try {
  // 1. The popup, used as a person would: type a prompt, press 生成.
  await h.popup.setViewportSize({ width: 400, height: 760 });
  await h.popup.reload();
  await h.popup.locator('#prompt').fill(prompt);
  await h.popup.locator('#generate').click();
  say(`popup: submitted "${prompt}"`);

  // 2. A selection on an ordinary article, through the context menu's handler.
  const article = await h.context.newPage();
  await article.goto(`${BLOG}/`);
  const first = await article.evaluate(() => document.getElementById('scene').textContent);
  const r1 = await menuClick(first);
  if (!r1.ok) throw new Error(`selection refused: ${r1.error.message}`);
  say('article: generating from the selected paragraph; the page shows the tracker');
  await until((jobs) => jobs[r1.job.submitId]?.phase === 'done', 'the first selection job');

  // 3. A second selection while the first is finished: the tracker shows one running, one done.
  const second = await article.evaluate(() => document.getElementById('second').textContent);
  const r2 = await menuClick(second);
  await until(
    (jobs) => ['generating', 'queued'].includes(jobs[r2.job.submitId]?.phase),
    'the second selection job to run',
  );
  await sleep(1500);
  const trackerShot = screenshotPath('demo-tracker');
  await article.bringToFront();
  await article.screenshot({ path: trackerShot });
  say(`screenshot of the tracker (one running, one finished): ${trackerShot}`);

  await until((jobs) => Object.values(jobs).every((j) => j.phase === 'done' || j.phase === 'failed'), 'every job');
  await h.popup.bringToFront();
  await h.popup.waitForFunction(() => [...document.images].every((i) => i.complete));
  const popupShot = screenshotPath('demo-popup');
  await h.popup.screenshot({ path: popupShot, fullPage: true });
  say(`screenshot of the popup: ${popupShot}`);
  const balance = standin.control.balance();
  say(
    `done: ${Object.keys(await h.jobs()).length} jobs, ${standin.control.ledger().length} ledger entries, credits left ${Object.values(balance).reduce((a, b) => a + b, 0)}`,
  );
} finally {
  await h.context.close();
  await standin.close();
}
