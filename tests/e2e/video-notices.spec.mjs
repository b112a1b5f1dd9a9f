// After the fact: 动起来 after a failed video, a finished video's notification, and a welcome page that does not
// read the account again and again.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { harness, useStandin } from './harness.mjs';
import { JIMENG, screenshotPath } from './browser.mjs';

const env = useStandin(test);
const GENERATE = '/mweb/v1/aigc_draft/generate';

test('动起来 after a failed video makes a new job on the next click, with the settings chosen since; a third click shows that job', async () => {
  test.setTimeout(120_000);
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '雪山日出', count: 1, ratio: '16:9' });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const item = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"]`);
  env.standin.control.fault({ path: GENERATE, ret: '2038', errmsg: 'video rejected' });
  await item.getByRole('button', { name: '让第 1 张图动起来' }).click();
  const videos = async () => Object.values(await env.h.jobs()).filter((j) => j.kind === 'video');
  await expect.poll(async () => (await videos()).map((j) => j.phase)).toEqual(['failed']);
  const [refused] = await videos();
  // The user picks another length in the popup's video form since; the next 动起来 uses it.
  await env.h.popup.evaluate(() => chrome.storage.local.set({ videoDefaults: { durationS: 10 } }));
  await item.getByRole('button', { name: '让第 1 张图动起来' }).click();
  await expect.poll(async () => (await videos()).length).toBe(2);
  const again = (await videos()).find((j) => j.submitId !== refused.submitId);
  expect(again.input.video.durationS).toBe(10);
  expect(again.input.video.firstFrame.uri).toBe(refused.input.video.firstFrame.uri);
  // Clicked once more while that video runs (or after it is done): the same job, said and shown.
  await item.getByRole('button', { name: '让第 1 张图动起来' }).click();
  await expect(env.h.popup.locator('#action-error')).toContainText('同样的任务已经有了');
  await env.h.popup.screenshot({ path: screenshotPath('animate-existing-zh') });
  expect((await new AxeBuilder({ page: env.h.popup }).analyze()).violations.map((v) => v.id)).toEqual([]);
  expect(await videos()).toHaveLength(2);
  expect(env.standin.control.requests({ path: GENERATE })).toHaveLength(3); // the image, the refused video, the new one
});

test("a finished video's notification names a video, shows its poster, and its first button plays it", async () => {
  test.setTimeout(120_000);
  env.h = await harness(env.standin);
  await env.h.worker().evaluate(() => {
    self.shownNotifications = [];
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id, options) => {
      self.shownNotifications.push({ id, ...options });
      return create(id, options);
    };
  });
  const { job } = await env.h.submit({
    prompt: '海边的日落',
    model: 'dreamina_seedance_40_pro',
    video: { durationS: 5 },
  });
  const done = await env.h.waitFor(job.submitId, (j) => j.phase === 'done', 90_000);
  await expect
    .poll(() => env.h.worker().evaluate(() => self.shownNotifications.length), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const [n] = await env.h.worker().evaluate(() => self.shownNotifications);
  expect(n).toMatchObject({
    id: `job:${job.submitId}`,
    title: '即梦生成完成',
    contextMessage: '1 个视频 · 5 秒',
    type: 'image',
  });
  expect(n.imageUrl).toMatch(/^data:image\//);
  expect(n.buttons[0].title).toBe('播放视频');
  // Its first button: the video opens in a tab.
  const opened = env.h.context.waitForEvent('page');
  await env.h.worker().evaluate((id) => self.jimeng.notificationButton(id, 0), `job:${job.submitId}`);
  const tab = await opened;
  expect(tab.url()).toBe(done.videos[0].url);
});

test('the welcome page, visible for 60 s beside a logged-out Jimeng tab, reads the account at most twice', async () => {
  test.setTimeout(120_000);
  env.h = await harness(env.standin, { login: false, keepWelcome: true, popup: false });
  const jimeng = await env.h.context.newPage();
  await jimeng.goto(`${JIMENG}/ai-tool/generate`);
  const welcome = env.h.welcome;
  await welcome.bringToFront();
  await expect(welcome.locator('#login-state')).toHaveAttribute('data-state', 'logged_out', { timeout: 20_000 });
  // Ours only: the stand-in's page reads credits once itself when it loads (as Jimeng's does). Our requests carry
  // the core's referrer (…/generate?type=image); the page was opened without that query.
  const credits = () =>
    env.standin.control
      .requests({ path: '/commerce/v1/benefits/user_credit' })
      .filter((r) => r.headers.referer?.endsWith('?type=image')).length;
  await welcome.waitForTimeout(60_000);
  expect(credits()).toBeGreaterThan(0); // it did look: that is how it knows the user is logged out
  expect(credits()).toBeLessThanOrEqual(2);
  await expect(welcome.locator('#login-state')).toHaveAttribute('data-state', 'logged_out');
});
