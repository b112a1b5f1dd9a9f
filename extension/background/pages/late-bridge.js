// @ts-check
// Jimeng tabs that were open before this extension was installed or updated. Chrome put no content script in
// them, and one put in now would meet the page's scripts already running: a handshake between our two worlds
// goes through the page's own DOM, where any page script may listen. So these tabs get no bridge script at all:
// each request runs as one chrome.scripting call in the page's world (through its fetch, which the anti-bot
// script has hooked), and its answer comes back as that call's result. Nothing is dispatched on the page, and
// nothing stays in it between requests. The session values are read from the page's own requests (resource
// timing), and the tab counts as ready once its fetch is hooked.

/**
 * Runs in the page (MAIN world): the page's hooked fetch, and what its own API requests show of its session.
 * Self-contained: executeScript sends only its text.
 * @returns {{hooked: boolean, session: Record<string, string>, page: number}}
 */
function probePage() {
  const isNative = /\[native code\]/.test(Function.prototype.toString.call(window.fetch));
  /** @type {Record<string, string>} */
  const session = {};
  for (const entry of performance.getEntriesByType('resource')) {
    const u = new URL(entry.name);
    if (u.origin !== location.origin || !/^\/(mweb|commerce)\//.test(u.pathname)) continue;
    for (const [param, key] of [
      ['webId', 'webId'],
      ['da_version', 'daVersion'],
      ['web_version', 'webVersion'],
    ])
      if (u.searchParams.get(param)) session[key] = /** @type {string} */ (u.searchParams.get(param));
  }
  // A page up for a while has its hook in place even where it passes for native code.
  return { hooked: !isNative || performance.now() > 15_000, session, page: performance.timeOrigin };
}

/**
 * Runs in the page (MAIN world): one request through the page's fetch, on its own origin and API paths only;
 * the body comes back as base64 (a scripting result is JSON).
 * @param {{url: string, method: string, headers: Record<string, string>, body: string, referrer: string}} request
 * @returns {Promise<{status: number, base64: string} | {error: string}>}
 */
async function fetchInPage(request) {
  try {
    const target = new URL(request.url, location.href);
    if (
      target.origin !== location.origin ||
      !/^\/(mweb\/|commerce\/|passport\/account\/info\/v2$)/.test(target.pathname) ||
      request.method !== 'POST'
    )
      return { error: 'refused: not a Jimeng API request' };
    const res = await window.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      credentials: 'include',
      referrer: request.referrer,
    });
    return { status: res.status, base64: new Uint8Array(await res.arrayBuffer()).toBase64() };
  } catch (/** @type {any} */ e) {
    return { error: String(e?.message ?? e) };
  }
}

/** Whether the tab's page has its fetch hooked, and the session values its requests show. @param {number} tabId */
export async function probeLateTab(tabId) {
  const [r] = await chrome.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: probePage });
  return /** @type {{hooked: boolean, session: Record<string, string>, page: number} | undefined} */ (r?.result);
}

/**
 * A request through a late tab's page. A tab that went away (or navigated off Jimeng) rejects with
 * `bridge_gone`; a failure of the fetch itself with `network`.
 * @param {number} tabId @param {{url: string, method: string, headers: Record<string, string>, body: string, referrer: string}} request
 * @returns {Promise<{status: number, body: ArrayBuffer}>}
 */
export async function fetchThroughLateTab(tabId, request) {
  // A tab that has left Jimeng since is not asked at all (its page is another site's now).
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  if (!tab?.url || new URL(tab.url).origin !== new URL(request.url).origin)
    throw Object.assign(new Error('the Jimeng tab went away'), { code: 'bridge_gone', notSent: true });
  let result;
  try {
    [{ result }] = await chrome.scripting.executeScript({
      target: { tabId },
      world: 'MAIN',
      func: fetchInPage,
      args: [request],
    });
  } catch (e) {
    throw Object.assign(new Error(`the Jimeng tab went away: ${String(/** @type {any} */ (e)?.message ?? e)}`), {
      code: 'bridge_gone',
    });
  }
  if (!result || 'error' in result)
    throw Object.assign(new Error(result?.error ?? 'no answer from the page'), { code: 'network' });
  return { status: result.status, body: Uint8Array.fromBase64(result.base64).buffer };
}
