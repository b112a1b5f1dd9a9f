// The stand-in workspace's own script: like the real app it talks to the API on load and then now and
// then, with its bundle's versions in the query and headers, through the (hooked) window.fetch. On Dreamina
// (config.site) it calls its cluster's API hosts with Dreamina's app headers (protocol §9.3, §9.4).
(() => {
  const config = window.__JIMENG_CONFIG__;
  const { versions } = config;
  const dreamina = config.site === 'dreamina';
  const query = (full) => {
    const q = new URLSearchParams({
      aid: dreamina ? String(config.aid) : '513695',
      device_platform: 'web',
      region: dreamina ? config.region : 'cn',
    });
    if (config.webId && !dreamina) q.set('webId', config.webId);
    q.set('da_version', versions.daVersion);
    if (full) {
      q.set('os', 'windows');
      q.set('web_component_open_flag', '1');
    }
    q.set('web_version', versions.webVersion);
    q.set('aigc_features', 'app_lip_sync');
    return q.toString();
  };
  function headersOf(path, commerce) {
    const time = String(Math.floor(Date.now() / 1000));
    const sign = window.__jimengMd5(`9e2c|${path.slice(-7)}|7|${versions.appvr}|${time}||11ac`);
    if (!dreamina)
      return {
        accept: 'application/json, text/plain, */*',
        'content-type': 'application/json',
        appid: '513695',
        appvr: versions.appvr,
        pf: '7',
        'app-sdk-version': '48.0.0',
        lan: 'zh-Hans',
        loc: 'cn',
        'device-time': time,
        'sign-ver': '1',
        tdid: '',
        sign,
      };
    const h = {
      appid: String(config.aid),
      appvr: versions.appvr,
      pf: '7',
      sign,
      'sign-ver': '1',
      'device-time': time,
      tdid: '',
      'content-type': 'application/json',
      did: config.did,
      lan: commerce ? config.lan.toUpperCase() : config.lan,
      'store-country-code': config.loc.toLowerCase(),
      'store-country-code-src': 'uid',
    };
    if (!commerce) Object.assign(h, { 'app-sdk-version': '48.0.0', loc: config.loc });
    return h;
  }
  function call(path, body, { full = false, withQuery = true } = {}) {
    const commerce = path.startsWith('/commerce/');
    const origin = dreamina ? (commerce ? config.commerceOrigin : config.apiOrigin) : '';
    const url = `${origin}${path}${withQuery && !(dreamina && commerce) ? `?${query(full)}` : ''}`;
    return window
      .fetch(url, {
        method: 'POST',
        headers: headersOf(path, commerce),
        body: JSON.stringify(body),
        credentials: 'include',
      })
      .then((r) => r.json());
  }
  async function refreshCredits() {
    const r = await call('/commerce/v1/benefits/user_credit', {}, { withQuery: false });
    const el = document.getElementById('credits');
    const data = r.data ?? (typeof r.response === 'string' ? JSON.parse(r.response) : null);
    if (r.ret === '0' && data) el.textContent = Object.values(data.credit).reduce((a, b) => a + b, 0);
  }
  const start = () => {
    call('/mweb/v1/get_common_config', {}).catch(() => {});
    refreshCredits().catch(() => {});
    setInterval(() => call('/mweb/v1/get_unread_count', {}).catch(() => {}), config.pagePollMs);
  };
  window.__jimengApp = { call, refreshCredits };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
