// npm start: the product's protocol path end to end, against the stand-in. The wasm core builds every
// request and reads every answer; the requests run through the Jimeng page's own (anti-bot hooked) fetch in
// headless Chromium, exactly as the extension's session bridge will run them.
//   node scripts/demo.mjs [--prompt "…"] [--count 4] [--realistic]
import { startStandin } from '../web/server.mjs';
import { launch, loggedInPage, screenshotPath } from '../tests/e2e/browser.mjs';
import { core } from '../tests/node/core-module.mjs';
import { freshEntropy } from '../extension/shared/core.js';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
const prompt = arg('prompt', '一只橘猫坐在窗台上看雨，水彩风格');
const count = Number(arg('count', 4));
const profile = process.argv.includes('--realistic') ? 'realistic' : 'fast';

const c = await core();
const standin = await startStandin({ profile });
const { context } = await launch(standin);
const say = (msg) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
try {
  say(`stand-in on 127.0.0.1:${standin.port} (${profile} timings); core ${c.version()}`);
  const page = await loggedInPage(context);
  say('logged in; the page\'s anti-bot script has hooked fetch');

  // Learn the session values the way the bridge will: from the page's own requests.
  const seen = standin.control.requests({ path: '/mweb/v1/get_common_config' }).at(-1);
  const session = { webId: seen?.query.webId, daVersion: seen?.query.da_version, webVersion: seen?.query.web_version, appVersion: seen?.headers.appvr };
  const viaPage = (request) => page.evaluate(async (r) => {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, credentials: 'include', referrer: r.referrer });
    return { status: res.status, body: await res.text() };
  }, request);

  const built = c.buildGenerate({ prompt, count, ratio: '16:9', resolution: '2k', now: Date.now(), entropy: freshEntropy(), session });
  if (!built.ok) throw new Error(`invalid input: ${built.error.message}`);
  say(`submitting "${prompt}" ×${count} (${built.job.width}×${built.job.height}, seed ${built.job.seed}), submit_id ${built.job.submitId}`);
  const submitted = await viaPage(built.request);
  const sub = c.parseGenerate(submitted.body, { status: submitted.status, submitIds: [built.job.submitId] });
  if (!sub.ok) throw new Error(`submit refused: ${sub.error.kind} ${sub.error.message}`);
  say(`accepted: ${sub.task.state}, queue position ${sub.task.queue?.position ?? 0}, cost ${sub.task.cost ?? '?'} credits`);

  let task = sub.task;
  let last = '';
  for (let i = 0; i < 600 && task.state !== 'done' && task.state !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, profile === 'fast' ? 300 : 1500));
    const poll = c.buildHistory({ submitIds: [built.job.submitId], now: Date.now(), session });
    const answer = await viaPage(poll.request);
    const parsed = c.parseHistory(answer.body, { status: answer.status, submitIds: [built.job.submitId] });
    if (!parsed.ok) { say(`poll: ${parsed.error.kind} (${parsed.error.message}), retrying`); continue; }
    task = parsed.tasks[built.job.submitId];
    const line = task.state === 'queued' ? `queued, position ${task.queue?.position ?? '?'}` : `${task.state} ${task.finished}/${task.total}`;
    if (line !== last) say(line);
    last = line;
  }
  if (task.state === 'failed') throw new Error(`generation failed: ${task.error.message}`);
  for (const [i, img] of task.images.entries()) say(`image ${i + 1}: ${img.width}×${img.height} ${img.format} ${img.url.slice(0, 90)}…`);

  await page.evaluate((images) => {
    const gallery = document.getElementById('gallery');
    for (const img of images) gallery.insertAdjacentHTML('beforeend', `<img alt="" src="${img.preview}">`);
    document.getElementById('status').textContent = `完成：${images.length} 张图片`;
  }, task.images);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  const shot = screenshotPath('demo-workspace');
  await page.screenshot({ path: shot });
  say(`done; screenshot: ${shot}`);
  const balance = c.parseCredit((await viaPage(c.buildCredit({ now: Date.now(), session }).request)).body);
  say(`credits left: ${balance.credit?.total}`);
} finally {
  await context.close();
  await standin.close();
}
