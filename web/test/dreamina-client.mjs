// The Dreamina stand-in for the node tests (dreamina*.test.mjs): one per file, logged in to Dreamina before each
// test; the page's app headers and SDK parameters (shared/protocol.md §9) made by hand.
import { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startStandin } from '../server.mjs';
import { request, seedBody } from './client.mjs';
import { expectedSign } from '../checks.mjs';
import { xBogus } from '../dreamina.mjs';

/** The running stand-in and the Dreamina session cookie of the current test. */
export const standin = { s: /** @type {any} */ (null), cookie: '' };

/** Registers the hooks: one stand-in for the file, reset and logged in to Dreamina before each test. */
export function useDreaminaStandin() {
  before(async () => {
    standin.s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
  });
  after(() => standin.s.close());
  beforeEach(async () => {
    standin.s.control.reset();
    const r = await request(standin.s.port, { host: 'dreamina.capcut.com', path: '/login?auto=1' });
    const cookies = [].concat(r.headers['set-cookie'] ?? []);
    assert.ok(
      cookies.every((c) => c.includes('Domain=.capcut.com')),
      'the session cookie is on .capcut.com, for the API hosts',
    );
    standin.cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  });
}

export const appHeaders = (path, { commerce = false } = {}) => {
  const time = String(Math.floor(Date.now() / 1000));
  const h = {
    appid: '513641',
    appvr: '8.4.0',
    pf: '7',
    sign: expectedSign(path, time, '8.4.0'),
    'sign-ver': '1',
    'device-time': time,
    tdid: '',
    'content-type': 'application/json',
    did: '7488306417429124625',
    lan: commerce ? 'EN' : 'en',
    'store-country-code': 'sg',
    'store-country-code-src': 'uid',
  };
  return commerce ? h : { ...h, 'app-sdk-version': '48.0.0', loc: 'SG' };
};
export const GENERATE_QUERY =
  'aid=513641&device_platform=web&region=SG&da_version=3.3.9&os=windows&web_component_open_flag=1&commerce_with_input_video=1&web_version=7.5.0&aigc_features=app_lip_sync';

/** The SG page's image submit, from the Jimeng capture turned into §9.5's image form. */
export function imageBody() {
  const body = seedBody();
  body.submit_id = crypto.randomUUID();
  body.http_common_info = { aid: 513641 };
  body.extend = { root_model: body.extend.root_model, workspace_id: 0 };
  const metrics = JSON.parse(body.metrics_extra);
  delete metrics.sceneOptions;
  body.metrics_extra = JSON.stringify(metrics);
  return body;
}

export async function post(host, path, body, { query = '', sdk = true, headers = appHeaders(path) } = {}) {
  const text = JSON.stringify(body);
  let search = query;
  if (sdk) {
    const msToken = crypto.randomBytes(81).toString('base64url');
    search += `&msToken=${msToken}&X-Bogus=${encodeURIComponent(xBogus(standin.s.state.secret, path, msToken, text))}&X-Gnarly=${crypto.randomBytes(20).toString('hex')}`;
  }
  const r = await request(standin.s.port, {
    method: 'POST',
    host,
    path: `${path}${search ? `?${search.replace(/^&/, '')}` : ''}`,
    body: text,
    headers: { ...headers, cookie: standin.cookie, origin: 'https://dreamina.capcut.com' },
  });
  return { ...r, json: JSON.parse(r.text) };
}
