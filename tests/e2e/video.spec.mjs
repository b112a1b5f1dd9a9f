// Seedance video as a person uses it: the 视频 switch in the popup, 动起来 under a finished image, frames and
// 全能参考 from files, the poster and the player, a watermark label, and the MP4 saved under the template.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { harness, readJobs, useStandin } from './harness.mjs';
import { screenshotPath } from './browser.mjs';
import { makePng } from '../../web/png.mjs';

const env = useStandin(test);
const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
const videoTasks = () => env.standin.control.tasks().filter((t) => t.kind === 'video');
const png = (name, w, h, seed) => ({ name, mimeType: 'image/png', buffer: makePng(w, h, seed, 0) });

/** Plays the first <video> on the page and reports what it holds once it can. */
async function played(page) {
  const video = page.locator('video').first();
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  return video.evaluate((v) => ({ duration: v.duration, width: v.videoWidth, height: v.videoHeight }));
}

test('choosing 视频 and 6 秒 makes a video: its poster shows in the popup, it plays, and the workspace plays it at its length', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  await popup.getByLabel('视频', { exact: true }).check();
  await expect(popup.getByLabel('时长')).toBeVisible();
  await expect(popup.getByLabel('数量')).toBeHidden();
  await popup.getByLabel('提示词').fill('海边的日落，镜头缓缓推进');
  await popup.getByLabel('时长').selectOption({ label: '6 秒' });
  await popup.locator('#ratio').selectOption('9:16');
  await popup.getByRole('button', { name: '生成' }).click();
  const job = popup.locator('.job').first();
  // Jimeng's forecast of the charge overstates it (protocol 7.5): it is said only as "up to".
  await expect(job.locator('.state')).toContainText(/(排队中|视频生成中).*预估最多 \d+ 积分/, { timeout: 15_000 });
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const poster = job.locator('.video-poster img');
  await expect.poll(() => poster.evaluate((i) => i.complete && i.naturalWidth > 0)).toBe(true);
  await expect(job.locator('.badge.duration')).toHaveText('0:06');
  await popup.screenshot({ path: screenshotPath('video-popup-zh'), fullPage: true });
  const [task] = videoTasks();
  expect([task.mode, task.durationS, task.ratio]).toEqual(['text', 6, '9:16']);
  expect(generates()).toHaveLength(1);
  await job.getByRole('button', { name: '播放视频（0:06）' }).click();
  expect(await played(popup)).toMatchObject({ width: 704, height: 1248 });
  const playerAxe = await new AxeBuilder({ page: popup }).analyze(); // the form in video mode, and the player
  expect(playerAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

  // The workspace: a video tile with its length; opening it plays it beside the grid.
  const ws = await env.h.context.newPage();
  await ws.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  const tile = ws.locator('.cell[data-kind=video]').first();
  await expect(tile.locator('.duration')).toHaveText('0:06');
  await tile.dblclick();
  const { duration } = await played(ws);
  expect(Math.round(duration)).toBe(6);
  await ws.getByLabel('类型').selectOption('image');
  await expect(ws.locator('.cell[data-kind=video]')).toHaveCount(0);
  await ws.getByLabel('类型').selectOption('video');
  await expect(ws.locator('.cell[data-kind=video]')).toHaveCount(1);
  await ws.screenshot({ path: screenshotPath('video-workspace-zh') });
  const axe = await new AxeBuilder({ page: ws }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('动起来 under a finished image makes a video from that image, with nothing uploaded', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '雪山日出', count: 1, ratio: '16:9' });
  const image = (await env.h.waitFor(job.submitId, (j) => j.phase === 'done')).images[0];
  const item = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"]`);
  await item.getByRole('button', { name: '让第 1 张图动起来' }).click();
  await expect.poll(() => videoTasks().length).toBe(1);
  const [task] = videoTasks();
  expect(task.mode).toBe('frames');
  expect(task.first).toEqual({ uri: image.uri, width: image.width, height: image.height });
  expect(task.ratio).toBe('16:9');
  expect(env.standin.control.imagexLog()).toEqual([]);
  // Clicked again: the same video job, not another charge.
  await item.getByRole('button', { name: '让第 1 张图动起来' }).click();
  await env.h.popup.waitForTimeout(500);
  expect(videoTasks()).toHaveLength(1);
});

test('"animate selected" in the workspace makes one batch of videos, each from its image, and asked twice it is the same batch', async () => {
  env.standin.control.credits({ gift: 1000 }); // three videos of 70 credits
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '三只猫', count: 3, ratio: '9:16' });
  const images = (await env.h.waitFor(job.submitId, (j) => j.phase === 'done')).images;
  const ws = await env.h.context.newPage();
  await ws.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await expect(ws.locator('.cell[data-state=done]').first()).toBeVisible();
  await ws.locator('.cell').first().click();
  await ws.keyboard.press('Space');
  await ws.getByRole('button', { name: '全选当前结果' }).click();
  await ws.getByRole('button', { name: '选中的图片动起来' }).click();
  await expect(ws.locator('#workspace-status')).toHaveText('已开始 3 个视频');
  await ws.getByRole('button', { name: '选中的图片动起来' }).click();
  await expect.poll(() => videoTasks().length, { timeout: 30_000 }).toBe(3);
  await ws.waitForTimeout(3000);
  expect(videoTasks()).toHaveLength(3);
  expect(
    videoTasks()
      .map((t) => t.first.uri)
      .sort(),
  ).toEqual(images.map((i) => i.uri).sort());
  expect(videoTasks().every((t) => t.ratio === '9:16')).toBe(true);
  expect(env.standin.control.imagexLog()).toEqual([]);
  const rows = Object.values(await readJobs(env.h.popup)).filter((j) => j.kind === 'video');
  expect(new Set(rows.map((j) => j.batchId)).size).toBe(1);
});

test('"use as the video\'s first frame" in the workspace puts one of our images in the popup\'s video form, uploaded never', async () => {
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '灯塔', count: 1, ratio: '16:9' });
  const image = (await env.h.waitFor(job.submitId, (j) => j.phase === 'done')).images[0];
  const ws = await env.h.context.newPage();
  await ws.goto(`chrome-extension://${env.h.id}/workspace/workspace.html`);
  await ws.locator('.cell').first().click();
  await ws.getByRole('button', { name: '设为视频首帧' }).click();
  await expect(ws.locator('#workspace-status')).toHaveText('已放入弹窗的视频表单');
  const popup = await env.h.context.newPage();
  await popup.goto(`chrome-extension://${env.h.id}/popup/popup.html`);
  await expect(popup.getByLabel('视频', { exact: true })).toBeChecked();
  await expect(popup.locator('#first-frame-list img')).toHaveCount(1);
  await popup.getByLabel('提示词').fill('海浪拍打灯塔');
  await popup.getByRole('button', { name: '生成' }).click();
  await expect.poll(() => videoTasks().length, { timeout: 20_000 }).toBe(1);
  expect(videoTasks()[0].first).toEqual({ uri: image.uri, width: image.width, height: image.height });
  expect(env.standin.control.imagexLog()).toEqual([]);
});

test('first and last frame from files, and 全能参考 with 3 images, reach Jimeng as the protocol says', async () => {
  env.h = await harness(env.standin);
  const { popup } = env.h;
  await popup.getByLabel('视频', { exact: true }).check();
  await popup.locator('#first-frame-file').setInputFiles(png('first.png', 1280, 720, 1));
  await popup.locator('#last-frame-file').setInputFiles(png('last.png', 1280, 720, 2));
  await expect(popup.locator('#first-frame-list img')).toHaveCount(1);
  await popup.getByLabel('提示词').fill('从白天到黑夜');
  await popup.getByRole('button', { name: '生成' }).click();
  await expect.poll(() => videoTasks().length, { timeout: 20_000 }).toBe(1);
  await expect(popup.locator('#first-frame-list img')).toHaveCount(0);
  const uploads = env.standin.control.uploads();
  const [frames] = videoTasks();
  expect(frames.mode).toBe('frames');
  expect([frames.first, frames.last].map((f) => [f.width, f.height])).toEqual([
    [1280, 720],
    [1280, 720],
  ]);
  expect(uploads.map((u) => u.uri)).toEqual(expect.arrayContaining([frames.first.uri, frames.last.uri]));

  await popup
    .locator('#reference-file')
    .setInputFiles([png('a.png', 800, 800, 3), png('b.png', 640, 960, 4), png('c.png', 960, 640, 5)]);
  await expect(popup.locator('#reference-list img')).toHaveCount(3);
  await popup.getByLabel('提示词').fill('三个角色在咖啡馆聊天');
  await popup.getByRole('button', { name: '生成' }).click();
  await expect.poll(() => videoTasks().length, { timeout: 20_000 }).toBe(2);
  const omni = videoTasks()[1];
  expect(omni.mode).toBe('omni');
  expect(omni.prompt).toBe('三个角色在咖啡馆聊天');
  expect(omni.references.map((r) => [r.width, r.height])).toEqual([
    [800, 800],
    [640, 960],
    [960, 640],
  ]);
});

test('a video offered only with a watermark says so, and its download is the MP4 under the template', async () => {
  env.standin.control.videoSources({ mode: 'watermarked' });
  env.h = await harness(env.standin);
  await env.h.send({ type: 'ui:settings', settings: { template: '即梦/{kind}/{prompt}-{duration}.{ext}' } });
  const { job } = await env.h.submit({
    prompt: '雨中的城市',
    model: 'dreamina_seedance_40_pro',
    video: { durationS: 5 },
  });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const item = env.h.popup.locator(`.job[data-submit-id="${job.submitId}"]`);
  await expect(item.locator('.badge.watermark')).toHaveText('含水印');
  const r = await env.h.send({ type: 'ui:download', submitId: job.submitId });
  expect(r.files.map((f) => f.name)).toEqual(['即梦/video/雨中的城市-5s.mp4']);
  let item0;
  for (const start = Date.now(); Date.now() - start < 20_000;) {
    [item0] = await env.h.popup.evaluate((id) => chrome.downloads.search({ id }), r.files[0].downloadId);
    if (item0?.state === 'complete') break;
    await new Promise((res) => setTimeout(res, 250));
  }
  expect(item0.state).toBe('complete');
  const bytes = fs.readFileSync(item0.filename);
  expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
  const [task] = videoTasks();
  const source = await env.h.popup.evaluate(
    async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer()).length,
    (await env.h.job(job.submitId)).videos[0].url,
  );
  expect(bytes.length).toBe(source);
  expect(task.durationS).toBe(5);
});

test('a video whose link has expired is polled again for a fresh one before it downloads', async () => {
  env.standin.control.advance({ ms: -2 * 3600_000 }); // the service's clock is behind: its links expire sooner
  env.h = await harness(env.standin);
  const { job } = await env.h.submit({ prompt: '旧视频', model: 'dreamina_seedance_40_pro', video: { durationS: 4 } });
  await env.h.waitFor(job.submitId, (j) => j.phase === 'done');
  const polls = () => env.standin.control.requests({ path: '/mweb/v1/get_history_by_ids' }).length;
  const before = polls();
  const r = await env.h.send({ type: 'ui:download', submitId: job.submitId });
  expect(polls()).toBe(before + 1);
  let item;
  for (
    const start = Date.now();
    Date.now() - start < 20_000 && item?.state !== 'complete';
    await new Promise((res) => setTimeout(res, 250))
  )
    [item] = await env.h.popup.evaluate((id) => chrome.downloads.search({ id }), r.files[0].downloadId);
  expect(item.state).toBe('complete');
  // The link it used was signed by that poll (the same second may sign the same link as the stored one).
  expect(item.fileSize).toBeGreaterThan(10_000);
});

test('the video form and a finished video speak English to an English browser, and pass axe', async () => {
  env.h = await harness(env.standin, { locale: 'en-US' });
  const { popup } = env.h;
  await popup.getByLabel('Video', { exact: true }).check();
  await popup.getByLabel('Prompt', { exact: true }).fill('a paper boat on a river');
  await popup.getByRole('button', { name: 'Generate' }).click();
  const job = popup.locator('.job').first();
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(job.getByRole('button', { name: 'Play video (0:05)' })).toBeVisible();
  await popup.screenshot({ path: screenshotPath('video-popup-en'), fullPage: true });
  const axe = await new AxeBuilder({ page: popup }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});
