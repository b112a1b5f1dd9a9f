// The Jimeng stand-in: an HTTPS server that plays jimeng.jianying.com (pages, anti-bot script, API) and the
// image CDN, for the demo and the end-to-end tests. Written from shared/protocol.md, never from our core.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API } from './api.mjs';
import { certificate } from './cert.mjs';
import { ANTI_BOT_PATHS } from './checks.mjs';
import { controls } from './control.mjs';
import { otherSite, otherSiteImage, streamEndless } from './other-sites.mjs';
import { errorPage, loginPage, SITE_CSS, workspacePage } from './pages.mjs';
import { CORS, IMAGEX_HOSTS, imagexRequest } from './imagex.mjs';
import { createState, sessionOf } from './state.mjs';
import { VIDEO_HOST } from './video-tasks.mjs';
import { html, parseCookies, readBody, readBytes, send, sendJson } from './http.mjs';
import { mediaAndLogin } from './media.mjs';
import { apiRoute } from './api-route.mjs';
import {
  DREAMINA_HOSTS,
  DREAMINA_PAGE_HOST,
  DREAMINA_VIDEO_HOST,
  SDK_PATHS,
  apiHost,
  cors,
  imageCluster,
  pageConfig,
} from './dreamina.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

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

  const api = apiRoute(state);
  const { image, video, login } = mediaAndLogin(state);

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
