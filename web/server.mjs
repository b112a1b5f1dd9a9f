// The Jimeng stand-in: an HTTPS server that plays jimeng.jianying.com (pages, anti-bot script, API) and the
// image CDN, for the demo and the end-to-end tests. Written from shared/protocol.md, never from our core.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { API } from './api.mjs';
import { certificate } from './cert.mjs';
import { ANTI_BOT_PATHS, checkRequest } from './checks.mjs';
import { controls } from './control.mjs';
import { otherSite, otherSiteImage, streamEndless } from './other-sites.mjs';
import { errorPage, loginPage, SITE_CSS, workspacePage } from './pages.mjs';
import { makePng } from './png.mjs';
import { CORS, IMAGEX_HOSTS, imagexRequest } from './imagex.mjs';
import { createState, newSession, nowSeconds, sessionOf, takeFault } from './state.mjs';
import { taskOfImageUri, verifyImageUrl } from './tasks.mjs';
import { VIDEO_HOST, checkVideoUrl } from './video-tasks.mjs';
import { rangeOf, videoFile } from './mp4.mjs';
import {
  DREAMINA_HOSTS,
  DREAMINA_PAGE_HOST,
  DREAMINA_VIDEO_HOST,
  SDK_PATHS,
  apiHost,
  checkDreamina,
  cors,
  imageCluster,
  pageConfig,
} from './dreamina.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAX_BODY = 10 << 20;
const NO_SIGN_PATHS = new Set(['/passport/account/info/v2']);

const parseCookies = (header = '') =>
  Object.fromEntries(
    header
      .split(';')
      .map((c) => c.trim().split('='))
      .filter(([k]) => k)
      .map(([k, ...v]) => [k, decodeURIComponent(v.join('='))]),
  );

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}
const sendJson = (res, obj, status = 200) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(obj));
const html = (res, status, body, headers) => send(res, status, 'text/html; charset=utf-8', body, headers);

function readBytes(req, max = MAX_BODY) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > max) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
const readBody = async (req) => (await readBytes(req)).toString('utf8');

export async function startStandin(options = {}) {
  const state = createState(options);
  const control = controls(state);
  const sdkTemplate = fs.readFileSync(path.join(here, 'public/sdk.js.tmpl'), 'utf8');
  const dreaminaSdk = fs.readFileSync(path.join(here, 'public/dreamina-sdk.js.tmpl'), 'utf8');
  const statics = {
    '/static/md5.js': () => fs.readFileSync(path.join(here, 'public/md5.js'), 'utf8'),
    '/static/app.js': () => fs.readFileSync(path.join(here, 'public/app.js'), 'utf8'),
    '/static/sdk.js': () =>
      sdkTemplate
        .replace('__SECRET__', state.secret)
        .replace('__PATHS__', JSON.stringify(ANTI_BOT_PATHS))
        .replace('__DELAY__', String(state.timings.antiBotDelayMs)),
    '/static/dreamina-sdk.js': () =>
      dreaminaSdk
        .replace('__SECRET__', state.secret)
        .replace('__PATHS__', JSON.stringify(SDK_PATHS))
        .replace('__DELAY__', String(state.timings.antiBotDelayMs)),
  };
  const pngCache = new Map();

  /** `dreamina`: the API host's {cluster, kind} when the call is Dreamina's (web/dreamina.mjs). */
  async function api(req, res, url, dreamina = null) {
    if (dreamina) for (const [k, v] of Object.entries(cors(req))) res.setHeader(k, v);
    const rawBody = await readBody(req);
    const cookies = parseCookies(req.headers.cookie);
    const record = {
      time: Date.now(),
      host: String(req.headers.host ?? '').split(':')[0],
      site: dreamina ? 'dreamina' : 'jimeng',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      search: url.search,
      headers: { ...req.headers },
      body: rawBody,
      ret: null,
    };
    state.requests.push(record);
    const fault = takeFault(state, url.pathname);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.drop) {
      record.ret = 'dropped';
      return req.socket.destroy();
    }
    if (fault?.ret !== undefined) {
      record.ret = String(fault.ret);
      return sendJson(res, {
        ret: String(fault.ret),
        errmsg: fault.errmsg ?? 'injected',
        systime: String(nowSeconds(state)),
        data: null,
      });
    }
    if (fault?.html) {
      record.ret = 'html';
      return html(res, 200, errorPage('访问受限', '请稍后再试'));
    }
    if (fault?.status) {
      record.ret = `http_${fault.status}`;
      return html(res, fault.status, errorPage(fault.status, 'Bad Gateway'));
    }

    const answer = await handle(req, url, rawBody, cookies, dreamina);
    record.ret = answer.ret;
    // Processed (a submit's task created and charged), then the answer held: a slow answer, not a lost one.
    if (fault?.holdMs) await new Promise((r) => setTimeout(r, fault.holdMs));
    // `replace: [from, to]`: the answer's text rewritten (e.g. image addresses on a host that is not Jimeng's).
    const text = fault?.replace
      ? JSON.stringify(answer).replaceAll(fault.replace[0], fault.replace[1])
      : JSON.stringify(answer);
    if (fault?.dropAfter) {
      // Processed, then the answer is lost mid-body. (Closing before any byte would make the browser resend
      // the POST by itself on a fresh connection, which is a different fault: `drop`.)
      record.ret += ' (answer dropped)';
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      res.write(text.slice(0, 20));
      return setTimeout(() => req.socket.destroy(), 20);
    }
    record.answeredAt = Date.now();
    if (fault?.truncate)
      return send(res, 200, 'application/json; charset=utf-8', text.slice(0, Math.floor(text.length / 2)));
    return send(res, 200, 'application/json; charset=utf-8', text);
  }

  async function handle(req, url, rawBody, cookies, dreamina) {
    const envelope = (ret, errmsg, data = null) => ({
      ret,
      errmsg,
      systime: String(nowSeconds(state)),
      logid: crypto.randomBytes(12).toString('hex').toUpperCase(),
      data,
    });
    const handler = API[url.pathname];
    let body = null;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return envelope('1002', 'common error: body is not JSON');
      }
    }
    const site = dreamina ? 'dreamina' : 'jimeng';
    if (NO_SIGN_PATHS.has(url.pathname)) {
      if (!sessionOf(state, cookies, site)) return envelope('1015', 'login required');
    } else if (dreamina) {
      const account = sessionOf(state, cookies, 'dreamina') ? state.dreamina : null;
      const refused = checkDreamina(state, req, {
        host: dreamina,
        path: url.pathname,
        query: url.searchParams,
        rawQuery: url.search.slice(1),
        body: rawBody,
        account,
      });
      if (refused) return envelope(refused.ret, refused.errmsg, refused.data);
    } else {
      const checked = await checkRequest(state, req, {
        path: url.pathname,
        query: url.searchParams,
        body: rawBody,
        cookies,
      });
      if (checked.ret)
        return envelope(checked.ret, checked.errmsg, checked.ret === '3018' ? { aigc_data: null } : null);
    }
    const out = handler(state, { body, rawBody, query: url.searchParams, site });
    if (out.refusal) return envelope(out.refusal.ret, out.refusal.errmsg, null);
    // Dreamina's commerce answers carry their data as JSON text beside an RSA sign, and (here) no `data` (§9.6).
    if (dreamina?.kind === 'commerce')
      return {
        ret: '0',
        errmsg: 'success',
        systime: String(Date.now()),
        log_id: crypto.randomBytes(12).toString('hex'),
        response: JSON.stringify(out.data),
        sign: crypto.randomBytes(128).toString('base64'),
      };
    return envelope('0', 'success', out.data);
  }

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

  async function route(req, res) {
    const url = new URL(req.url, 'https://jimeng.jianying.com');
    const p = url.pathname;
    const host = String(req.headers.host ?? '').split(':')[0];
    if (!p.startsWith('/__standin/'))
      state.hits.push({
        time: Date.now(),
        host,
        path: p,
        query: url.search,
        session: /(^|;\s*)(sessionid|sid_tt)=/.test(req.headers.cookie ?? ''),
        sign: 'sign' in req.headers,
      });
    if (IMAGEX_HOSTS.includes(host)) {
      const answer = imagexRequest(state, req, url, await readBytes(req, 64 << 20));
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      return send(
        res,
        answer.status,
        typeof answer.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
        body,
        CORS,
      );
    }
    if (host === VIDEO_HOST || host === DREAMINA_VIDEO_HOST) return video(req, res, url);
    const dreaminaApi = apiHost(host);
    if (dreaminaApi) {
      if (req.method === 'OPTIONS') return send(res, 204, 'text/plain', '', cors(req));
      if (req.method !== 'POST' || !API[p])
        return send(res, 404, 'application/json', JSON.stringify({ ret: '1000', errmsg: 'unknown api' }), cors(req));
      return api(req, res, url, dreaminaApi);
    }
    if (imageCluster(host)) return image(res, url);
    if (host === DREAMINA_PAGE_HOST) return dreaminaPage(req, res, url);
    if (req.method === 'POST' && p.startsWith('/__standin/')) {
      const action = control[p.slice('/__standin/'.length)];
      if (!action || req.headers['x-standin-control'] !== '1') return sendJson(res, { error: 'no such control' }, 404);
      const body = await readBody(req);
      return sendJson(res, await action(body ? JSON.parse(body) : {}));
    }
    if (p.startsWith('/tos-cn-i-')) return image(res, url);
    if (req.headers.host?.startsWith('evil.example'))
      return html(res, 200, '<!doctype html><title>evil</title><p>another site</p>');
    if (host.startsWith('blog.example') && p === '/media/endless.png') return streamEndless(res, state);
    const photo = otherSiteImage(host, p);
    if (photo) return send(res, 200, 'image/png', photo);
    const other = otherSite(req.headers.host ?? '', p);
    if (other) return html(res, 200, other);
    if (req.method === 'POST' && (API[p] || p.startsWith('/mweb/') || p.startsWith('/commerce/'))) {
      if (!API[p]) return sendJson(res, { ret: '1000', errmsg: 'unknown api', data: null }, 404);
      return api(req, res, url);
    }
    if (req.method !== 'GET') return html(res, 405, errorPage(405, 'method not allowed'));
    if (statics[p]) return send(res, 200, 'text/javascript; charset=utf-8', statics[p]());
    if (p === '/static/site.css') return send(res, 200, 'text/css; charset=utf-8', SITE_CSS);
    const session = sessionOf(state, parseCookies(req.headers.cookie));
    if (p === '/' || p === '/ai-tool/generate' || p.startsWith('/ai-tool/'))
      return html(res, 200, workspacePage(state, session));
    if (p === '/login')
      return url.searchParams.has('auto')
        ? login(res, url)
        : html(res, 200, loginPage(url.searchParams.get('redirect') ?? ''));
    if (p === '/login/submit') return login(res, url);
    if (p === '/logout') {
      const s = parseCookies(req.headers.cookie).sessionid;
      if (state.sessions.has(s)) state.sessions.get(s).valid = false;
      res.writeHead(302, {
        location: '/ai-tool/generate',
        'set-cookie': [
          'sessionid=; Path=/; Max-Age=0',
          'sessionid_ss=; Path=/; Max-Age=0',
          'sid_tt=; Path=/; Max-Age=0',
        ],
      });
      return res.end();
    }
    return html(res, 404, errorPage(404, '页面不存在'));
  }

  /** dreamina.capcut.com: its workspace, login, its passport call and its scripts. */
  function dreaminaPage(req, res, url) {
    const p = url.pathname;
    const session = sessionOf(state, parseCookies(req.headers.cookie), 'dreamina');
    if (req.method === 'POST' && p === '/passport/account/info/v2')
      return api(req, res, url, { cluster: state.dreamina.cluster, kind: 'page' });
    if (req.method !== 'GET') return html(res, 405, errorPage(405, 'method not allowed'));
    if (statics[p]) return send(res, 200, 'text/javascript; charset=utf-8', statics[p]());
    if (p === '/static/site.css') return send(res, 200, 'text/css; charset=utf-8', SITE_CSS);
    if (p === '/login' || p === '/login/submit') return login(res, url, 'dreamina');
    if (p === '/' || p.startsWith('/ai-tool/'))
      return html(res, 200, workspacePage(state, session, pageConfig(state, state.dreamina)));
    return html(res, 404, errorPage(404, 'Page not found'));
  }

  const server = https.createServer(certificate(options.certDir ?? path.join(here, '.certs')), (req, res) => {
    route(req, res).catch((e) => {
      if (!res.headersSent) html(res, 500, errorPage(500, e.message));
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    state,
    control,
    hostRules: [
      'jimeng.jianying.com',
      ...DREAMINA_HOSTS,
      ...IMAGEX_HOSTS,
      'p3-dreamina-sign.byteimg.com',
      'evil.example',
      'blog.example',
      VIDEO_HOST,
    ]
      .map((h) => `MAP ${h} 127.0.0.1:${port}`)
      .join(','),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
