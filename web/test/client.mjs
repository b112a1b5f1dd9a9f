// A test client for the stand-in: HTTPS to 127.0.0.1 with the Jimeng host name, a cookie jar, and requests
// built by hand from the seed capture (never from our core), optionally signed like the page's SDK.
import https from 'node:https';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { aBogus, expectedSign } from '../checks.mjs';

export const seedBody = () =>
  JSON.parse(fs.readFileSync(new URL('../../wasm/tests/samples/seed_generate_request.json', import.meta.url), 'utf8'));

export function request(port, { method = 'GET', path, headers = {}, body, host = 'jimeng.jianying.com' }) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        servername: host,
        rejectUnauthorized: false,
        headers: { host, ...headers, ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            buffer: Buffer.concat(chunks),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject); // an answer cut mid-body
        res.on('aborted', () => reject(new Error('answer cut off')));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export class Client {
  constructor(standin) {
    this.s = standin;
    this.cookies = {};
    this.versions = { appvr: '8.4.0', daVersion: '3.3.9', webVersion: '7.5.0' };
  }
  cookieHeader() {
    return Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  async login() {
    const r = await request(this.s.port, { path: '/login?auto=1' });
    for (const c of [].concat(r.headers['set-cookie'] ?? [])) {
      const [kv] = c.split(';');
      const [k, v] = kv.split('=');
      this.cookies[k] = v;
    }
    return r;
  }
  query(full, extra = {}) {
    const q = new URLSearchParams({
      aid: '513695',
      device_platform: 'web',
      region: 'cn',
      webId: this.cookies._tea_web_id ?? '',
      da_version: this.versions.daVersion,
    });
    if (full) {
      q.set('os', 'windows');
      q.set('web_component_open_flag', '1');
    }
    q.set('web_version', this.versions.webVersion);
    q.set('aigc_features', 'app_lip_sync');
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q;
  }
  /** POSTs like the web app: signed headers, the page's query, the SDK's tokens unless told not to. */
  async post(path, body, { bogus = true, sign, deviceTime, noQuery = path.startsWith('/commerce'), raw } = {}) {
    const text = raw ?? JSON.stringify(body);
    const time = String(deviceTime ?? Math.floor(Date.now() / 1000));
    const q = noQuery ? new URLSearchParams() : this.query(path.endsWith('/generate'));
    if (bogus && !noQuery) {
      const msToken = crypto.randomBytes(81).toString('base64url');
      q.set('msToken', msToken);
      q.set('a_bogus', await aBogus(this.s.state.secret, path, msToken, text));
    }
    const headers = {
      'content-type': 'application/json',
      appid: '513695',
      appvr: this.versions.appvr,
      pf: '7',
      'app-sdk-version': '48.0.0',
      lan: 'zh-Hans',
      loc: 'cn',
      'device-time': time,
      sign: sign ?? expectedSign(path, time, this.versions.appvr),
      'sign-ver': '1',
      tdid: '',
      cookie: this.cookieHeader(),
    };
    const r = await request(this.s.port, {
      method: 'POST',
      path: `${path}${q.size ? `?${q}` : ''}`,
      headers,
      body: text,
    });
    try {
      r.json = JSON.parse(r.text);
    } catch {
      r.json = null;
    }
    return r;
  }
  async submit(mutate = () => {}) {
    const body = seedBody();
    body.submit_id = crypto.randomUUID();
    const original = body.draft_content;
    const draft = JSON.parse(original);
    mutate(body, draft, draft.component_list[0]);
    if (body.draft_content === original) body.draft_content = JSON.stringify(draft); // unless the test replaced it
    const r = await this.post('/mweb/v1/aigc_draft/generate', body);
    return { ...r, submitId: body.submit_id };
  }
  poll(ids) {
    return this.post('/mweb/v1/get_history_by_ids', { submit_ids: ids });
  }
}
