// Session bridge, page side (MAIN world, document_start). It (1) watches the page's own API calls to learn
// webId / da_version / web_version / appvr (on Dreamina also its API and commerce hosts, the cluster's region
// and the did, lan, loc and store-country-code headers its calls carry: protocol §9), (2) tells when the page's anti-bot script has taken over
// window.fetch, and (3) runs the worker's requests through that fetch, so they carry msToken/a_bogus and
// the page's cookies. It talks only over a MessagePort handed over before any page script runs: page code
// never sees the port, so it can neither drive this bridge nor read its answers.
// (A classic script: the message names mirror extension/shared/messages.js, checked by a node test; the sites come
// from shared/site.js, inlined by the build.)
import { SITES } from '../shared/site.js';
(() => {
  const MSG = { session: 'bridge:session', ready: 'bridge:ready', fetch: 'bridge:fetch', response: 'bridge:response' };
  const HELLO = 'jimeng-helper:hello',
    RELAY_UP = 'jimeng-helper:relay-up';
  const API_PATH = /^\/(mweb\/|commerce\/|passport\/account\/info\/v2$)/; // the passport path only says who is logged in
  // Dreamina's API is on the account's cluster, other hosts of its own domain (same-site, cross-origin).
  const DREAMINA = location.origin === SITES.dreamina.origin;
  /** @param {URL} u */
  const isApi = (u) =>
    API_PATH.test(u.pathname) &&
    (u.origin === location.origin ||
      (DREAMINA && u.protocol === 'https:' && !u.port && u.hostname.endsWith(SITES.dreamina.apiHostSuffix)));
  const ours = new WeakSet(); // init objects of our own requests: not learned from
  /** @type {MessagePort | null} */
  let port = null;
  /** @type {Record<string, string>} */
  let learned = {};

  // (1) Learn from the page's requests. The anti-bot script wraps whatever fetch it finds, so it wraps this.
  const pageFetch = window.fetch;
  /** @this {unknown} @param {RequestInfo | URL} input @param {RequestInit=} init */
  const observer = function fetch(input, init) {
    try {
      if (!init || !ours.has(init))
        learn(typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url, init?.headers);
    } catch {
      /* never break the page */
    }
    return Reflect.apply(pageFetch, this, arguments); // every argument, exactly as the page passed them
  };
  window.fetch = observer;
  const xhrOpen = XMLHttpRequest.prototype.open,
    xhrHeader = XMLHttpRequest.prototype.setRequestHeader;
  XMLHttpRequest.prototype.open = function (/** @type {string} */ method, /** @type {string | URL} */ url) {
    try {
      learn(String(url), null);
    } catch {
      /* ignore */
    }
    return Reflect.apply(xhrOpen, this, arguments);
  };
  XMLHttpRequest.prototype.setRequestHeader = function (/** @type {string} */ name, /** @type {string} */ value) {
    try {
      if (String(name).toLowerCase() === 'appvr') update({ appVersion: String(value) });
    } catch {
      /* ignore */
    }
    return Reflect.apply(xhrHeader, this, arguments);
  };

  /** @param {string | undefined} url @param {HeadersInit | null | undefined} headers */
  function learn(url, headers) {
    if (!url) return;
    const u = new URL(url, location.href);
    if (!isApi(u)) return;
    /** @type {Record<string, string>} */
    const found = {};
    const param = (/** @type {string} */ name) => u.searchParams.get(name) ?? '';
    const header = (/** @type {string} */ name) =>
      String(
        (headers instanceof Headers
          ? headers.get(name)
          : /** @type {Record<string, string> | null | undefined} */ (headers)?.[name]) ?? '',
      );
    if (param('webId')) found.webId = param('webId');
    if (param('da_version')) found.daVersion = param('da_version');
    if (param('web_version')) found.webVersion = param('web_version');
    if (header('appvr')) found.appVersion = header('appvr');
    if (DREAMINA && u.origin !== location.origin) {
      const mweb = u.pathname.startsWith('/mweb/');
      found[mweb ? 'apiOrigin' : 'commerceOrigin'] = u.origin;
      if (mweb && param('region')) found.region = param('region');
      // The commerce calls upper-case `lan` and send no `loc`: the mweb calls say them as the page has them.
      for (const [name, key] of [
        ['did', 'did'],
        ['store-country-code', 'storeCountry'],
      ].concat(
        mweb
          ? [
              ['lan', 'lan'],
              ['loc', 'loc'],
            ]
          : [],
      ))
        if (header(name)) found[key] = header(name);
    }
    update(found);
  }
  /** @param {Record<string, string>} found */
  function update(found) {
    const next = { ...learned, ...found };
    if (JSON.stringify(next) === JSON.stringify(learned)) return;
    learned = next;
    port?.postMessage({ type: MSG.session, session: learned, observedAt: Date.now() });
  }

  // (2) The anti-bot hook is in place once window.fetch is no longer our observer. (This script runs only at
  // document_start, before the page's scripts: tabs open before an install are used without it, late-bridge.js.)
  const hooked = () => window.fetch !== observer;
  /** @param {number} timeoutMs @returns {Promise<boolean>} */
  function whenHooked(timeoutMs) {
    return new Promise((resolve) => {
      const start = Date.now();
      const check = () => {
        if (hooked() || Date.now() - start > timeoutMs) resolve(hooked());
        else setTimeout(check, 50);
      };
      check();
    });
  }

  // (3) Run a request through the page's fetch.
  /** @param {{id: string, request: {url: string, method: string, headers: Record<string, string>, body: string, referrer: string}}} message */
  async function run({ id, request }) {
    const answer = /** @type {MessagePort} */ (port);
    try {
      // Only the site's own API (this page's origin; on Dreamina its cluster's hosts): the session never goes anywhere else.
      const target = new URL(request.url, location.href);
      if (!isApi(target) || request.method !== 'POST') throw new Error('refused: not an API request of this site');
      await whenHooked(10_000);
      const init = {
        method: request.method,
        headers: request.headers,
        body: request.body,
        credentials: /** @type {RequestCredentials} */ ('include'),
        referrer: request.referrer,
      };
      ours.add(init);
      const res = await window.fetch(request.url, init);
      // The body travels as bytes, never decoded to text: the core parses bytes (the manifest's
      // structured-clone messaging carries them to the worker), and a string would cost a decode here
      // and an encode there.
      const body = await res.arrayBuffer();
      answer.postMessage({ type: MSG.response, id, status: res.status, body }, [body]);
    } catch (/** @type {any} */ e) {
      answer.postMessage({ type: MSG.response, id, error: String(e?.message ?? e) });
    }
  }

  /** @param {MessagePort} p */
  function accept(p) {
    port = p;
    p.onmessage = (e) => {
      if (e.data?.type === MSG.fetch) run(e.data);
    };
    if (Object.keys(learned).length) p.postMessage({ type: MSG.session, session: learned, observedAt: Date.now() });
    // `page`: which load of the page this is (a relay replays this message to a restarted worker; a login loads anew).
    whenHooked(60_000).then((ok) => {
      if (ok) p.postMessage({ type: MSG.ready, page: performance.timeOrigin });
    });
  }

  // The handshake happens synchronously at document_start, before any page script runs: whichever side
  // runs second completes it, and each side takes part exactly once, so a page script arriving later finds
  // no one listening.
  let offered = false;
  function offer() {
    if (offered) return;
    offered = true;
    window.removeEventListener(RELAY_UP, offer);
    const channel = new MessageChannel();
    accept(channel.port1);
    window.dispatchEvent(new MessageEvent(HELLO, { ports: [channel.port2] }));
  }
  window.addEventListener(RELAY_UP, offer);
  if (document.documentElement?.dataset.jimengHelperRelay === 'up') offer();
})();
