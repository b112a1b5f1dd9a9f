// The stand-in's API calls: each recorded, a fault injected when the test asked for one (a delay, a drop, an
// error code, a page of HTML, a gateway error, an answer held, cut or rewritten), the site's checks applied
// (Jimeng's signature and anti-bot parameters, Dreamina's SDK parameters and app headers), then the handler's
// answer in the site's envelope.
import crypto from 'node:crypto';
import { API } from './api.mjs';
import { checkRequest } from './checks.mjs';
import { errorPage } from './pages.mjs';
import { nowSeconds, sessionOf, takeFault } from './state.mjs';
import { html, parseCookies, readBody, send, sendJson } from './http.mjs';
import { checkDreamina, cors } from './dreamina.mjs';

const NO_SIGN_PATHS = new Set(['/passport/account/info/v2']);

/** @param {any} state the stand-in's state */
export function apiRoute(state) {
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
  return api;
}
