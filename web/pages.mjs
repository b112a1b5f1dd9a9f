// The HTML pages: the image workspace, the login page, logout. The workspace embeds the versions its
// bundle was "built" with, as the real app's bundle does, and loads the anti-bot script first.
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const shell = (title, body, head = '', lang = 'zh-CN') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/static/site.css">${head}</head>
<body>${body}</body></html>`;

/** `site`: Dreamina's page configuration (web/dreamina.mjs pageConfig): its SDK, its API hosts, English. */
export function workspacePage(state, session, site = null) {
  if (site) return dreaminaWorkspace(session, site);
  const config = { versions: state.versions, webId: session?.webId ?? '', pagePollMs: state.timings.pagePollMs };
  const head = `<script src="/static/sdk.js"></script><script src="/static/md5.js"></script>
<script>window.__JIMENG_CONFIG__ = ${JSON.stringify(config).replace(/</g, '\\u003c')};</script><script src="/static/app.js" defer></script>`;
  const account = session
    ? `<span id="user" data-logged-in="true">即梦用户</span> <a href="/logout">退出登录</a>`
    : `<span id="user" data-logged-in="false">未登录</span> <a id="login-link" href="/login">登录</a>`;
  return shell(
    '即梦AI - 图片生成',
    `
<header class="top"><div class="brand">即梦 <b>AI</b></div><nav>${account} · 积分 <span id="credits">–</span></nav></header>
<main class="workspace">
  <aside class="side"><a class="active" href="/ai-tool/generate?type=image">图片生成</a><a href="#">视频生成</a><a href="#">数字人</a><a href="#">智能画布</a></aside>
  <section class="canvas">
    <h1>图片生成</h1>
    <div class="prompt-box"><textarea id="prompt" placeholder="请描述你想生成的图片" maxlength="800"></textarea>
      <div class="row"><span class="model">图片 4.0 · 1:1 · 2K</span><button id="generate" type="button">立即生成</button></div></div>
    <p id="status" class="muted">${session ? '准备就绪' : '登录后即可生成图片'}</p>
    <div id="gallery" class="gallery"></div>
  </section>
</main>`,
    head,
  );
}

function dreaminaWorkspace(session, config) {
  const head = `<script src="/static/dreamina-sdk.js"></script><script src="/static/md5.js"></script>
<script>window.__JIMENG_CONFIG__ = ${JSON.stringify(config).replace(/</g, '\\u003c')};</script><script src="/static/app.js" defer></script>`;
  const account = session
    ? `<span id="user" data-logged-in="true">Dreamina user</span>`
    : `<span id="user" data-logged-in="false">Not signed in</span> <a id="login-link" href="/login">Sign in</a>`;
  return shell(
    'Dreamina - AI Image Generator',
    `
<header class="top"><div class="brand">Dreamina <b>AI</b></div><nav>${account} · Credits <span id="credits">–</span></nav></header>
<main class="workspace"><section class="canvas"><h1>AI Image</h1>
  <div class="prompt-box"><textarea id="prompt" placeholder="Describe the image you want" maxlength="800"></textarea></div>
  <p id="status" class="muted">${session ? 'Ready' : 'Sign in to generate'}</p></section></main>`,
    head,
    'en',
  );
}

export function loginPage(redirect) {
  return shell(
    '登录 - 即梦AI',
    `
<main class="login"><div class="card"><h1>登录即梦</h1><p class="muted">使用抖音扫码或手机号登录（演示站点：一键登录）</p>
<a id="login" class="button" href="/login/submit?redirect=${encodeURIComponent(redirect)}">一键登录</a></div></main>`,
  );
}

export function errorPage(status, text) {
  return shell(`${status}`, `<main class="login"><div class="card"><h1>${status}</h1><p>${esc(text)}</p></div></main>`);
}

export const SITE_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#0e0f12;color:#e8e8ea}
a{color:#7aa7ff}.top{display:flex;justify-content:space-between;align-items:center;padding:12px 20px;border-bottom:1px solid #22242a}
.brand{font-size:18px}.brand b{color:#7aa7ff}.workspace{display:flex;min-height:calc(100vh - 50px)}
.side{width:160px;padding:16px;border-right:1px solid #22242a;display:flex;flex-direction:column;gap:8px}.side a{color:#aaa;text-decoration:none}
.side a.active{color:#fff}.canvas{flex:1;padding:24px}.prompt-box{background:#181a1f;border-radius:12px;padding:12px;max-width:760px}
textarea{width:100%;min-height:90px;background:transparent;border:0;color:inherit;font:inherit;resize:vertical}
.row{display:flex;justify-content:space-between;align-items:center}button,.button{background:#3b6cff;color:#fff;border:0;border-radius:8px;padding:8px 16px;text-decoration:none;display:inline-block}
.muted{color:#888}.gallery{display:grid;grid-template-columns:repeat(auto-fill,160px);gap:8px}.gallery img{width:160px;height:160px;object-fit:cover;border-radius:8px}
.login{display:flex;justify-content:center;padding-top:15vh}.card{background:#181a1f;padding:32px;border-radius:16px;text-align:center}`;
