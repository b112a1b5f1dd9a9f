// npm run store:screenshots: the store listing's pictures, made from the real extension against the stand-in,
// in both languages: five 1280×800 screenshots (the popup, the tracker on an article, the workspace, a batch,
// a video), the 440×280 promo tile and the 128 px icon, into store/. The popup is narrower than a screenshot:
// it is shown in a frame with a caption. Run after `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { startStandin } from '../web/server.mjs';
import { harness } from '../tests/e2e/harness.mjs';

const OUT = path.resolve('store');
const BLOG = 'https://blog.example';
const CAPTIONS = {
  zh: {
    popup: '在任何网页上用即梦生成图片和视频',
    tracker: '选中文字右键生成，进度就在当前页面',
    workspace: '全部作品：搜索、筛选、导入即梦历史、备份原图',
    batch: '批量生成：先预览和估算积分，再按节奏提交',
    video: 'Seedance 视频：文字、首尾帧、全能参考、让图片动起来',
    tagline: '即梦AI 图片与视频，随处生成',
  },
  en: {
    popup: 'Jimeng AI images and video from any page',
    tracker: 'Right-click selected text; progress stays on the page',
    workspace: 'All your work: search, filter, import, back up originals',
    batch: 'Batches, previewed and priced before they run',
    video: 'Seedance video: text, first/last frame, references, animate an image',
    tagline: 'Jimeng AI images and video, anywhere',
  },
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A narrow view (the popup) in a 1280×800 frame with its caption. */
async function framed(h, view, caption, file) {
  const shot = await view.locator('body').screenshot();
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;width:1280px;height:800px;display:flex;align-items:center;gap:56px;
    background:linear-gradient(135deg,#eef2ff,#f7f0ff);font:600 40px/1.4 system-ui,'Noto Sans CJK SC',sans-serif;color:#1d2433">
    <div style="flex:1;padding-left:72px">${caption}</div>
    <img src="data:image/png;base64,${shot.toString('base64')}" style="max-height:760px;margin-right:72px;border-radius:12px;box-shadow:0 12px 40px #0003"></body>`);
  await page.screenshot({ path: file });
  await page.close();
}

async function scenes(standin, lang) {
  const dir = path.join(OUT, 'screenshots');
  const name = (n, what) => path.join(dir, `${lang}-${n}-${what}.png`);
  const c = CAPTIONS[lang];
  standin.control.reset();
  standin.control.timings({ profile: 'fast' });
  standin.control.seedPastWork({ count: 60, videoShare: 0.15, startAgoMs: 86_400_000 });
  const h = await harness(standin, { locale: lang === 'zh' ? 'zh-CN' : 'en-US', activeTabHosts: [`${BLOG}/*`] });
  try {
    const prompts =
      lang === 'zh'
        ? ['清晨薄雾中的江南水乡，乌篷船', '赛博朋克城市夜景，霓虹倒影', '一只橘猫趴在窗台上晒太阳']
        : [
            'A misty water town at dawn, wooden boats',
            'Cyberpunk city at night, neon reflections',
            'A ginger cat sunbathing on a windowsill',
          ];
    const ids = [];
    for (const prompt of prompts) ids.push((await h.submit({ prompt, count: 4 })).job.submitId);
    for (const id of ids) await h.waitFor(id, (j) => j.phase === 'done', 90_000);
    await h.popup.reload();
    await sleep(1_500);
    await framed(h, h.popup, c.popup, name(1, 'popup'));

    const article = await h.context.newPage();
    await article.goto(`${BLOG}/`);
    await h.worker().evaluate(
      async ([pattern, text]) => {
        const [tab] = await chrome.tabs.query({ url: pattern });
        return self.jimeng.onMenuClick(
          { menuItemId: 'jimeng-generate', selectionText: text, editable: false, pageUrl: tab.url },
          tab,
        );
      },
      [`${BLOG}/*`, prompts[1]],
    );
    await sleep(6_000);
    await article.screenshot({ path: name(2, 'tracker') });

    const ws = await h.context.newPage();
    await ws.goto(`chrome-extension://${h.id}/workspace/workspace.html`);
    await ws.getByRole('button', { name: lang === 'zh' ? '从即梦导入' : 'Import from Jimeng' }).click();
    for (
      let i = 0;
      i < 60 &&
      (await ws.evaluate(async () => (await chrome.storage.local.get('archiveImport')).archiveImport?.state)) !==
        'done';
      i++
    )
      await sleep(500);
    await ws.reload();
    await sleep(2_000);
    await ws.screenshot({ path: name(3, 'workspace') });

    await ws.locator('#open-batch').click();
    await ws
      .locator('#batch-text')
      .fill(
        lang === 'zh'
          ? '{红|蓝|金}色的狐狸 在雪地里\n森林里的小木屋，{清晨|黄昏}\n海边的灯塔'
          : 'A {red|blue|golden} fox in the snow\nA cabin in the woods at {dawn|dusk}\nA lighthouse by the sea',
      );
    await ws.locator('#batch-preview-button').click();
    await sleep(1_500);
    await ws.screenshot({ path: name(4, 'batch') });

    const video = await h.submit({
      prompt: lang === 'zh' ? '雨中的城市，镜头缓缓推进' : 'A city in the rain, the camera slowly moving in',
      model: 'dreamina_seedance_40_pro',
      video: { durationS: 5 },
    });
    await h.waitFor(video.job.submitId, (j) => j.phase === 'done', 90_000);
    await h.popup.reload();
    await h.popup.locator('input[name=kind][value=video]').check(); // the form in video mode, above the video
    await sleep(1_500);
    await framed(h, h.popup, c.video, name(5, 'video'));
  } finally {
    await h.context.close();
  }
}

/** The 440×280 promo tile: the icon, the name and the tagline in both languages. */
async function promo(standin) {
  const h = await harness(standin, { login: false });
  try {
    const icon = fs.readFileSync('extension/icons/icon-128.png').toString('base64');
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 440, height: 280 });
    await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:24px;
      background:linear-gradient(135deg,#3b5bdb,#9c36b5);color:#fff;font:700 30px/1.3 system-ui,'Noto Sans CJK SC',sans-serif">
      <img src="data:image/png;base64,${icon}" width="112" height="112" style="margin-left:32px">
      <div>即梦助手<div style="font-size:20px">Jimeng Helper</div><div style="font:500 15px/1.4 system-ui,'Noto Sans CJK SC',sans-serif;margin-top:10px;opacity:.92">${CAPTIONS.zh.tagline}<br>${CAPTIONS.en.tagline}</div></div></body>`);
    await page.screenshot({ path: path.join(OUT, 'promo-440x280.png') });
  } finally {
    await h.context.close();
  }
}

fs.mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
fs.copyFileSync('extension/icons/icon-128.png', path.join(OUT, 'icon-128.png'));
const standin = await startStandin({ profile: 'fast' });
try {
  standin.control.credits({ gift: 100_000 });
  for (const lang of ['zh', 'en']) await scenes(standin, lang);
  await promo(standin);
} finally {
  await standin.close();
}
console.log(`written: ${path.relative(process.cwd(), OUT)}/screenshots/*.png, promo-440x280.png, icon-128.png`);
