// Generate from anywhere: a selection on any page becomes a job (context menu, presets, shortcut), and the
// page's own tracker follows it. Native menus and shortcuts cannot be driven from tests, so the tests call
// the worker's handlers with a real tab, as the browser would after a click.
import { test, expect } from '@playwright/test';
import { screenshotPath } from './browser.mjs';
import { harness, useStandin } from './harness.mjs';
import { trackerProbe } from './tracker-probe.mjs';

const env = useStandin(test);
const BLOG = 'https://blog.example';
const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });

async function open(path) {
  env.h = env.h ?? (await harness(env.standin, { activeTabHosts: [`${BLOG}/*`] }));
  const page = await env.h.context.newPage();
  await page.goto(`${BLOG}${path}`);
  return { page, probe: await trackerProbe(page) };
}

/** Calls the worker's context-menu handler for the tab showing `url`, like a click on the menu item. */
const menuClick = (menuItemId, selectionText, url = `${BLOG}/*`) =>
  env.h.worker().evaluate(
    async ([id, text, pattern]) => {
      const [tab] = await chrome.tabs.query({ url: pattern });
      return self.jimeng.onMenuClick({ menuItemId: id, selectionText: text, editable: false, pageUrl: tab.url }, tab);
    },
    [menuItemId, selectionText, url],
  );

async function until(read, predicate, timeout = 40_000) {
  let last;
  for (const start = Date.now(); Date.now() - start < timeout;) {
    last = await read();
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not reached; last seen: ${JSON.stringify(last)?.slice(0, 600)}`);
}

test('a selection becomes a job with the popup defaults, and the page tracker follows it to its images', async () => {
  env.standin.control.timings({ queueMs: 2000, perImageMs: 800 });
  const { page, probe } = await open('/');
  await env.h.popup.evaluate(() => chrome.storage.local.set({ composeDefaults: { ratio: '16:9', count: 2 } }));
  const r = await menuClick('jimeng-generate', '  清晨的雾气漫过山谷，\n\t一只橘猫蹲在木窗台上。 ');
  expect(r.ok).toBe(true);
  expect(r.job.job.prompt).toBe('清晨的雾气漫过山谷， 一只橘猫蹲在木窗台上。');
  expect(r.job.job.count).toBe(2);
  expect(r.job.job.ratioLabel).toBe('16:9');
  const running = await until(
    () => probe.read(),
    (v) => v?.jobs[0]?.state === 'queued' || v?.jobs[0]?.state === 'generating',
  );
  expect(running.jobs[0]).toMatchObject({ submitId: r.job.submitId, prompt: r.job.job.prompt, progress: true });
  const done = await until(
    () => probe.read(),
    (v) => v?.jobs[0]?.state === 'done',
  );
  expect(done.jobs[0].images).toBe(2);
  expect(done.jobs[0].text).toBe('已完成');
  expect(generates()).toHaveLength(1);
  await page.screenshot({ path: screenshotPath('tracker-article') });
});

test("after a job from the popup's form, a selection still makes a new job of its own with the form's settings", async () => {
  await open('/');
  const { popup } = env.h;
  await expect(popup.locator('#generate')).toBeEnabled();
  await popup.locator('#ratio').selectOption('3:4');
  await popup.locator('#prompt').fill('先在弹窗里生成一张');
  await popup.locator('#generate').click();
  await expect(popup.locator('.job')).toHaveCount(1);
  await expect(popup.locator('#prompt')).toHaveValue(''); // the form's settings are remembered by then
  const r = await menuClick('jimeng-generate', '然后从网页选中文字生成');
  expect(r.ok).toBe(true);
  expect(r.existing).toBeUndefined();
  expect(r.job.job).toMatchObject({ prompt: '然后从网页选中文字生成', ratioLabel: '3:4' });
  await expect.poll(() => generates().length).toBe(2);
  expect(new Set(generates().map((q) => JSON.parse(q.body).submit_id)).size).toBe(2);
});

test('a preset from the submenu overrides the defaults', async () => {
  await open('/');
  const r = await menuClick('preset_wide1', '傍晚的湖面');
  expect(r.ok).toBe(true);
  expect(r.job.job).toMatchObject({ ratioLabel: '16:9', count: 1, prompt: '傍晚的湖面' });
});

test('an over-long selection is refused with a clear message in the page, and nothing is sent', async () => {
  const { probe } = await open('/');
  const r = await menuClick('jimeng-generate', '很长的段落'.repeat(200));
  expect(r.ok).toBe(false);
  expect(r.error.field).toBe('prompt');
  const view = await until(
    () => probe.read(),
    (v) => v?.notices.length === 1,
  );
  expect(view.notices[0]).toContain('800');
  expect(view.shown).toBe(true);
  expect(generates()).toHaveLength(0);
  expect(Object.keys(await env.h.jobs())).toHaveLength(0);
  await probe.click('.notice button');
  await until(
    () => probe.read(),
    (v) => v?.notices.length === 0 && !v.shown,
  );
});

test('"Edit in popup first" hands the selection to the popup without sending anything', async () => {
  await open('/');
  await menuClick('jimeng-edit', '  雪山\n日出 ');
  // The real toolbar popup opens (headless too); it is not a tab, so read it through the extension's views.
  const promptInPopup = () =>
    env.h.popup.evaluate(
      () => chrome.extension.getViews({ type: 'popup' })[0]?.document.getElementById('prompt')?.value,
    );
  expect(await until(promptInPopup, (v) => v === '雪山 日出', 10_000)).toBe('雪山 日出');
  expect(generates()).toHaveLength(0);
});

test('the keyboard shortcut generates from the text selected in the page', async () => {
  const { page } = await open('/');
  await page.evaluate(() => getSelection().selectAllChildren(document.getElementById('second')));
  const r = await env.h.worker().evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    return self.jimeng.onCommand('generate-selection', tab);
  }, `${BLOG}/*`);
  expect(r.ok).toBe(true);
  expect(r.job.job.prompt).toBe('傍晚，湖面倒映着晚霞，几只白鹭掠过芦苇丛，水波一圈圈荡开。');
});

test('the tracker leaves a page with aggressive global CSS exactly as it was, and stays readable itself', async () => {
  const { page, probe } = await open('/aggressive-css');
  const layout = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('body, body *')].map((e) => {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return [e.tagName, r.x, r.y, r.width, r.height, s.color, s.fontSize, s.margin, s.display, s.outline].join('|');
      }),
    );
  const before = await layout();
  await menuClick('jimeng-generate', '金色的麦田与远山');
  await until(
    () => probe.read(),
    (v) => v?.jobs.length === 1 && v.shown,
  );
  expect(await layout()).toEqual(before);
  const box = await probe.hostBox();
  expect(box.width).toBeGreaterThan(200);
  expect(box.width).toBeLessThan(400);
  // Upright in the viewport's corner, although the page tilts <html> (the tracker is in the top layer).
  const [x1, y1, _x2, y2, x3, y3] = box.border;
  expect(y1).toBe(y2);
  expect(x3).toBeLessThanOrEqual(1280);
  expect(y3).toBeLessThanOrEqual(800);
  expect(x1).toBeGreaterThan(800);
  await page.screenshot({ path: screenshotPath('tracker-aggressive-css') });
});

test('markup in a selection stays plain text in the tracker and the popup', async () => {
  const { page, probe } = await open('/markup');
  const text = await page.evaluate(() => document.getElementById('markup').textContent);
  const r = await menuClick('jimeng-generate', text);
  expect(r.ok).toBe(true);
  const view = await until(
    () => probe.read(),
    (v) => v?.jobs.length === 1,
  );
  expect(view.jobs[0].prompt).toBe(text.replace(/\s+/g, ' ').trim());
  expect(view.elementTags).not.toContain('script');
  expect(view.elementTags).not.toContain('b');
  expect(await page.title()).toBe('markup as text');
  const prompt = env.h.popup.locator(`.job[data-submit-id="${r.job.submitId}"] .prompt`);
  await expect(prompt).toHaveText(text.replace(/\s+/g, ' ').trim());
  expect(await prompt.locator('b, img, script').count()).toBe(0);
  expect(await env.h.popup.title()).not.toContain('pwned');
});

test('finished jobs can be dismissed, the tracker collapses to a pill and opens again', async () => {
  const { probe } = await open('/');
  const r = await menuClick('jimeng-generate', '白鹭');
  await until(
    () => probe.read(),
    (v) => v?.jobs[0]?.state === 'done',
  );
  await probe.click('.panel header button');
  const collapsed = await until(
    () => probe.read(),
    (v) => v?.collapsed,
  );
  expect(collapsed.pill).toBe('即梦 · 0/1');
  await probe.click('.pill');
  await until(
    () => probe.read(),
    (v) => v && !v.collapsed,
  );
  await probe.click('.job button[name=dismiss]');
  await until(
    () => probe.read(),
    (v) => v?.jobs.length === 0 && !v.shown,
  );
  expect((await env.h.job(r.job.submitId)).trackerDismissed).toBe(true);
});

test('the tracker comes back after navigating within the site, once, however often it is injected', async () => {
  env.standin.control.timings({ queueMs: 4000 });
  const { page, probe } = await open('/');
  const r = await menuClick('jimeng-generate', '山谷');
  await until(
    () => probe.read(),
    (v) => v?.jobs.length === 1,
  );
  await env.h.worker().evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    await self.jimeng.showTracker(tab.id);
    await self.jimeng.showTracker(tab.id);
  }, `${BLOG}/*`);
  await page.goto(`${BLOG}/markup`);
  const after = await until(
    () => probe.read(),
    (v) => v?.jobs.length === 1,
  );
  expect(after.jobs[0].submitId).toBe(r.job.submitId);
  await new Promise((res) => setTimeout(res, 500));
  expect((await probe.read()).instances).toBe(1);
});

test('on Jimeng pages the tracker lists the jobs started from the popup', async () => {
  env.h = await harness(env.standin);
  const probe = await trackerProbe(env.h.jimeng);
  const r = await env.h.submit({ prompt: '一座灯塔', count: 1 });
  const view = await until(
    () => probe.read(),
    (v) => v?.jobs.some((j) => j.submitId === r.job.submitId && j.state === 'done'),
  );
  expect(view.shown).toBe(true);
});
