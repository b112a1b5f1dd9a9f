// The checks the real service applies before it looks at a body: signature, anti-bot token, session,
// client versions. Each failure is the `ret` the real service answers with (protocol §5.2).
import crypto from 'node:crypto';
import { nowSeconds, sessionOf } from './state.mjs';

export const ANTI_BOT_PATHS = [
  '/mweb/v1/aigc_draft/generate',
  '/mweb/v1/get_history_by_ids',
  '/mweb/v1/get_history_queue_info',
  '/mweb/v1/get_asset_list',
];
const MAX_CLOCK_SKEW_S = 600;

export const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
export const expectedSign = (path, deviceTime, appvr) => md5(`9e2c|${path.slice(-7)}|7|${appvr}|${deviceTime}||11ac`);

/** a_bogus as the page's anti-bot script makes it: tied to the path, the msToken and the body. */
export async function aBogus(secret, path, msToken, body) {
  return crypto.createHash('sha256').update(`${secret}\n${path}\n${msToken}\n${body}`).digest('base64url').slice(0, 48);
}

/** "8.10.0" > "8.4.0"; missing parts count as 0. */
export function compareVersions(a, b) {
  const pa = String(a)
    .split('.')
    .map((x) => Number.parseInt(x, 10) || 0);
  const pb = String(b)
    .split('.')
    .map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

const refuse = (ret, errmsg) => ({ ret: String(ret), errmsg });

/**
 * @returns {Promise<{ret:string, errmsg:string} | {session: object}>} a refusal, or the caller's session
 */
export async function checkRequest(state, req, { path, query, body, cookies }) {
  const h = req.headers;
  const isMweb = path.startsWith('/mweb/');
  if (isMweb && (query.get('aid') !== '513695' || query.get('device_platform') !== 'web'))
    return refuse(1000, 'invalid parameter: aid / device_platform');
  if (h.appid !== '513695' || h.pf !== '7' || !h.appvr || !h['device-time'] || h['sign-ver'] !== '1')
    return refuse(1000, 'invalid parameter: missing client headers');
  const deviceTime = Number(h['device-time']);
  if (!Number.isInteger(deviceTime) || Math.abs(deviceTime - Math.floor(Date.now() / 1000)) > MAX_CLOCK_SKEW_S)
    return refuse(1014, 'sign error: device-time');
  if (h.sign !== expectedSign(path, h['device-time'], h.appvr)) return refuse(1014, 'sign error');

  if (ANTI_BOT_PATHS.includes(path)) {
    const msToken = query.get('msToken') ?? '';
    const bogus = query.get('a_bogus') ?? '';
    if (msToken.length < 100 || bogus !== (await aBogus(state.secret, path, msToken, body)))
      return refuse(4013, '生成失败，疑似存在异常行为');
  }

  const session = sessionOf(state, cookies);
  if (!session) return refuse(1015, 'login required');

  if (compareVersions(h.appvr, state.versions.appvr) < 0) return refuse(3018, 'permission denied');
  if (isMweb && query.has('da_version') && compareVersions(query.get('da_version'), state.versions.daVersion) < 0)
    return refuse(3018, 'permission denied');
  return { session, serverTime: nowSeconds(state) };
}
