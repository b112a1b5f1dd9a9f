// Sites other than Jimeng, for the "generate from selection" flow and the security suite: an ordinary
// article (blog.example), a page with aggressive global CSS, a page whose text looks like markup, and a
// hostile origin (evil.example) that tries to drive the extension's bridge. The article has a photo for
// "generate from this image" (a teal picture: a blend made from it is teal).
import { makePng } from './png.mjs';

export const PHOTO_COLOUR = [30, 160, 150];
let photo;
const ARTICLE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>山间小记</title>
<style>body{font:17px/1.8 "Noto Serif CJK SC",serif;max-width:680px;margin:40px auto;color:#222}h1{font-size:28px}</style></head>
<body><article><h1>山间小记</h1>
<p id="scene">清晨的雾气漫过山谷，一只橘猫蹲在木窗台上，望着远处被朝阳染成金色的雪山。</p>
<figure><img id="photo" src="/media/lake.png" alt="湖面" width="320" height="200"></figure>
<p id="second">傍晚，湖面倒映着晚霞，几只白鹭掠过芦苇丛，水波一圈圈荡开。</p>
<p id="long">${'很长的段落'.repeat(200)}</p>
</article></body></html>`;

// Every rule a careless or hostile site might ship, applied to everything with !important.
const AGGRESSIVE = `<!doctype html><html><head><meta charset="utf-8"><title>aggressive css</title><style>
*,*::before,*::after{margin:13px!important;padding:7px!important;font-size:31px!important;color:red!important;background:yellow!important;
  line-height:3!important;border:3px dashed blue!important;box-sizing:content-box!important;position:relative!important;
  display:block!important;width:auto!important;height:auto!important;transform:rotate(1deg)!important;z-index:1!important;opacity:.9!important}
div{display:none!important;visibility:hidden!important}html>*:last-child{outline:9px solid green!important}
html{font-size:48px!important}head,style,title,script{display:none!important}
</style></head><body><h1 id="title">页面标题</h1><p id="text">选中这段文字生成图片：金色的麦田与远山</p>
<section id="box"><p>第二段</p></section></body></html>`;

const MARKUP_TEXT = `<!doctype html><html><head><meta charset="utf-8"><title>markup as text</title></head><body>
<p id="markup">&lt;img src=x onerror="document.title='pwned'"&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;粗体&lt;/b&gt; \u202Egnp.exe</p>
</body></html>`;

let poster;
/** The article's photo (a PNG), a 21 MB poster (a PNG's first bytes, then padding: over the upload limit), or null. */
export function otherSiteImage(host, path) {
  if (!host.startsWith('blog.example')) return null;
  if (path === '/media/poster.png')
    return (poster ??= Buffer.concat([makePng(320, 200, 1, 0, [PHOTO_COLOUR]), Buffer.alloc(21 << 20)]));
  if (path !== '/media/lake.png') return null;
  photo ??= makePng(320, 200, 1, 0, [PHOTO_COLOUR]);
  return photo;
}

/** An image of 80 MB sent in 1 MB pieces without a length, as fast as it is read: `state.streamedBytes` says
 *  how much a reader took before it stopped (a reader that checks the size stops near 20 MB). */
export async function streamEndless(res, state) {
  state.streamedBytes = 0;
  res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
  const head = makePng(320, 200, 1, 0, [PHOTO_COLOUR]);
  const piece = Buffer.alloc(1 << 20);
  for (let sent = 0; sent < 80 << 20 && !res.destroyed; sent += piece.length) {
    const chunk = sent === 0 ? Buffer.concat([head, piece.subarray(head.length)]) : piece;
    if (!res.write(chunk))
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    if (!res.destroyed) state.streamedBytes += chunk.length;
  }
  res.end();
}

export function otherSite(host, path) {
  if (host.startsWith('blog.example')) {
    if (path === '/aggressive-css') return AGGRESSIVE;
    if (path === '/markup') return MARKUP_TEXT;
    return ARTICLE;
  }
  return null;
}
