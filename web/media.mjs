// The stand-in's media and login: generated images (signed links, checked; each size made once and kept),
// generated videos (byte ranges, the plan's watermark), and the login that sets a site's session cookies.
import { errorPage } from './pages.mjs';
import { makePng } from './png.mjs';
import { html, send } from './http.mjs';
import { newSession, nowSeconds } from './state.mjs';
import { taskOfImageUri, verifyImageUrl } from './tasks.mjs';
import { checkVideoUrl } from './video-tasks.mjs';
import { rangeOf, videoFile } from './mp4.mjs';

/** @param {any} state the stand-in's state */
export function mediaAndLogin(state) {
  const pngCache = new Map();
  async function image(res, url) {
    const m = /^\/((?:tos-cn-i-|tos-alisg-i-)[^/]+\/[^~]+)~tplv-[^-]+-(.+)\.png$/.exec(url.pathname);
    if (!m) return html(res, 404, errorPage(404, 'not found'));
    const [, uri, variant] = m;
    // Full-size answers only (what downloads fetch): previews stay quick.
    if (state.mediaDelayMs && !variant.includes('aigc_resize:'))
      await new Promise((r) => setTimeout(r, state.mediaDelayMs));
    const expires = Number(url.searchParams.get('x-expires'));
    if (
      !verifyImageUrl(state, uri, variant, url.searchParams.get('x-expires'), url.searchParams.get('x-signature') ?? '')
    )
      return send(res, 403, 'text/plain', 'signature mismatch');
    if (expires < nowSeconds(state)) return send(res, 403, 'text/plain', 'url expired');
    const found = taskOfImageUri(state, uri);
    if (!found) return send(res, 404, 'text/plain', 'no such image');
    const { task, index } = found;
    const size = /aigc_resize:(\d+):/.exec(variant);
    const scale = size ? Math.min(1, Number(size[1]) / Math.max(task.width, task.height)) : 1;
    const w = Math.max(1, Math.round(task.width * scale)),
      h = Math.max(1, Math.round(task.height * scale));
    const key = `${uri}|${w}x${h}`;
    if (!pngCache.has(key)) pngCache.set(key, makePng(w, h, task.seed, task.sourceIndex ?? index, task.colours));
    return send(res, 200, 'image/png', pngCache.get(key), {
      'cache-control': 'private, max-age=3600',
      'access-control-allow-origin': '*',
    });
  }

  async function video(req, res, url) {
    if (state.mediaDelayMs) await new Promise((r) => setTimeout(r, state.mediaDelayMs));
    const found = checkVideoUrl(state, url);
    if (!found.task) return send(res, found.status, 'text/plain', found.why);
    const { width, height, durationS } = found.task;
    const part = rangeOf(
      await videoFile({ width, height, durationS, watermarked: found.watermarked }),
      req.headers.range,
    );
    res.writeHead(part.status, {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=3600',
      'access-control-allow-origin': '*',
      ...part.headers,
    });
    return res.end(req.method === 'HEAD' ? undefined : part.body);
  }

  function login(res, url, site = 'jimeng') {
    const { sessionid, webId } = newSession(state, site);
    // Dreamina's cookies are on .capcut.com: its API hosts are same-site with its page (§9.1).
    const attrs = `Path=/; Secure; SameSite=Lax; Max-Age=5184000${site === 'dreamina' ? '; Domain=.capcut.com' : ''}`;
    const cookies = [
      `sessionid=${sessionid}; ${attrs}; HttpOnly`,
      `sessionid_ss=${sessionid}; ${attrs}; HttpOnly`,
      `sid_tt=${sessionid}; ${attrs}; HttpOnly`,
      `sid_guard=${sessionid}%7C${nowSeconds(state)}%7C5184000; ${attrs}; HttpOnly`,
      `_tea_web_id=${webId}; ${attrs}`,
    ];
    const target = url.searchParams.get('redirect') || '/ai-tool/generate?type=image';
    res.writeHead(302, { location: target.startsWith('/') ? target : '/ai-tool/generate', 'set-cookie': cookies });
    res.end();
  }
  return { image, video, login };
}
