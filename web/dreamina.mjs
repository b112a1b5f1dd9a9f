// Dreamina (shared/protocol.md §9): the page on dreamina.capcut.com, and its API on the account's cluster, same-site
// but cross-origin (cookies on .capcut.com, CORS with credentials). What it checks before a body is read:
// the cluster (another cluster's host answers 1015), the app headers the page sends (without them 3018 with
// fail_code 1017), and on the paths the page's security SDK signs, its msToken, X-Bogus and X-Gnarly as the
// last three parameters (without them -6 "shark not pass"). Written from the protocol, never from our core.
import crypto from 'node:crypto';
import { compareVersions, expectedSign } from './checks.mjs';
import { nowSeconds } from './state.mjs';

export const DREAMINA_PAGE_HOST = 'dreamina.capcut.com';
export const DREAMINA_PAGE = `https://${DREAMINA_PAGE_HOST}`;
export const DREAMINA_AID = 513641;
/** §9.1: each cluster's hosts. The region is what the page's query says. */
export const CLUSTERS = {
  SG: {
    region: 'SG',
    api: 'mweb-api-sg.capcut.com',
    commerce: 'commerce-api-sg.capcut.com',
    image: 'p16-dreamina-sign-sg.ibyteimg.com',
  },
  US: {
    region: 'US',
    api: 'dreamina-api.us.capcut.com',
    commerce: 'commerce.us.capcut.com',
    image: 'p16-dreamina-sign-useast.ibyteimg.com',
  },
};
/** §9.6: the CDN host of the files get_local_item_list names (captured on SG; the US one is not known: the same here). */
export const DREAMINA_VIDEO_HOST = 'v16-cc.capcut.com';
export const DREAMINA_HOSTS = [
  DREAMINA_PAGE_HOST,
  DREAMINA_VIDEO_HOST,
  ...Object.values(CLUSTERS).flatMap((c) => [c.api, c.commerce, c.image]),
];
/** §9.2: the paths the page's SDK signs. */
export const SDK_PATHS = [
  '/mweb/v1/aigc_draft/generate',
  '/mweb/v1/get_local_item_list',
  '/commerce/v1/benefits/benefit_metadata',
  '/mweb/v1/batch_get_user_benefit',
];
const SDK_PARAMS = ['msToken', 'X-Bogus', 'X-Gnarly'];
const MAX_CLOCK_SKEW_S = 600;

/** The cluster and kind of an API host, or null for any other host. */
export function apiHost(host) {
  for (const [name, c] of Object.entries(CLUSTERS)) {
    if (host === c.api) return { cluster: name, kind: 'mweb' };
    if (host === c.commerce) return { cluster: name, kind: 'commerce' };
  }
  return null;
}
export const imageCluster = (host) => Object.keys(CLUSTERS).find((name) => CLUSTERS[name].image === host) ?? null;

/** The page's SDK's signature: tied to the path, the msToken and the body (the server can check it, nobody else can make it). */
export function xBogus(secret, path, msToken, body) {
  return crypto
    .createHash('sha256')
    .update(`dreamina\n${secret}\n${path}\n${msToken}\n${body}`)
    .digest('base64url')
    .slice(0, 28);
}

/** CORS for the page's calls to its API hosts, preflight included (the app headers make every call preflighted). */
export function cors(req) {
  return req.headers.origin === DREAMINA_PAGE
    ? {
        'access-control-allow-origin': DREAMINA_PAGE,
        'access-control-allow-credentials': 'true',
        vary: 'origin',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '600',
      }
    : {};
}

const refuse = (ret, errmsg, data = null) => ({ ret: String(ret), errmsg, data });

/**
 * A Dreamina API call's checks, in the service's order. `account` is the Dreamina account the cookies belong to.
 * @returns {{ret, errmsg, data}} a refusal, or null
 */
export function checkDreamina(state, req, { host, path, query, rawQuery, body, account }) {
  const h = req.headers;
  if (!account) return refuse(1015, 'login error');
  if (host.cluster !== account.cluster) return refuse(1015, 'login error'); // the wrong cluster looks like a dead session
  if (SDK_PATHS.includes(path)) {
    const names = [...new URLSearchParams(rawQuery).keys()];
    const last = names.slice(-3);
    const msToken = query.get('msToken') ?? '';
    if (
      last.join() !== SDK_PARAMS.join() ||
      msToken.length < 100 ||
      query.get('X-Bogus') !== xBogus(state.secret, path, msToken, body) ||
      !(query.get('X-Gnarly') ?? '').length
    )
      return refuse(-6, 'shark not pass reject', {
        fail_starling_message: "Couldn't generate due to unusual activity",
      });
  }
  const commerce = host.kind === 'commerce';
  const appHeaders = [
    'appid',
    'appvr',
    'pf',
    'sign',
    'sign-ver',
    'device-time',
    'did',
    'lan',
    'store-country-code',
    'store-country-code-src',
  ].concat(commerce ? [] : ['loc', 'app-sdk-version']);
  if (
    appHeaders.some((name) => !h[name]) ||
    h.appid !== String(DREAMINA_AID) ||
    h['store-country-code-src'] !== 'uid' ||
    !/^\d{10,32}$/.test(h.did)
  )
    return refuse(3018, 'permission denied', { fail_code: '1017' });
  const deviceTime = Number(h['device-time']);
  if (!Number.isInteger(deviceTime) || Math.abs(deviceTime - Math.floor(Date.now() / 1000)) > MAX_CLOCK_SKEW_S)
    return refuse(1014, 'sign error: device-time');
  if (h.sign !== expectedSign(path, h['device-time'], h.appvr)) return refuse(1014, 'sign error');
  if (!commerce && (query.get('aid') !== String(DREAMINA_AID) || query.has('webId')))
    return refuse(1000, 'invalid parameter: aid');
  if (!commerce && query.has('region') && query.get('region') !== CLUSTERS[account.cluster].region)
    return refuse(1000, 'invalid parameter: region');
  if (commerce && rawQuery) return refuse(1000, 'invalid parameter: commerce calls carry no query');
  if (h['store-country-code'] !== account.country.toLowerCase())
    return refuse(3018, 'permission denied', { fail_code: '1017' });
  // A new page release (as on Jimeng): calls from an older app or da_version are refused until the page is loaded again.
  if (
    compareVersions(h.appvr, state.versions.appvr) < 0 ||
    (query.has('da_version') && compareVersions(query.get('da_version'), state.versions.daVersion) < 0)
  )
    return refuse(3018, 'permission denied');
  return null;
}

/** The Dreamina page's configuration, as its bundle holds it: where its API is, who the device and account are. */
export function pageConfig(state, account) {
  const c = CLUSTERS[account?.cluster ?? 'SG'];
  return {
    site: 'dreamina',
    aid: DREAMINA_AID,
    apiOrigin: `https://${c.api}`,
    commerceOrigin: `https://${c.commerce}`,
    region: c.region,
    loc: account?.country ?? 'SG',
    lan: 'en',
    did: state.dreamina.did,
    versions: state.versions,
    pagePollMs: state.timings.pagePollMs,
    now: nowSeconds(state),
  };
}
