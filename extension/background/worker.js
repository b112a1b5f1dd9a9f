// @ts-check
// The service worker: routes messages to small handlers. It may be stopped at any moment, so it keeps
// nothing in memory that storage does not also hold. Listeners are registered synchronously at start-up.
import { BRIDGE_PORT, Ui } from '../shared/messages.js';
import { attachBridge } from './bridges.js';
import { call } from './core-instance.js';

/** @type {Record<string, (msg: any, sender: chrome.runtime.MessageSender) => Promise<any>>} */
const handlers = {
  [Ui.getStatus]: async () => {
    const credit = await call('buildCredit', 'parseCredit');
    const session = credit.ok ? 'ready' : credit.error.kind === 'login_required' ? 'logged_out' : 'unavailable';
    return { session, credit: credit.ok ? credit.credit : null, error: credit.ok ? null : credit.error };
  },
};

/** UI messages come only from our own extension pages (the popup, also when opened in a tab), never from
 * content scripts, whose sender URL is the web page's, or from other extensions. */
const fromOurPages = (sender) => sender.id === chrome.runtime.id && sender.url?.startsWith(chrome.runtime.getURL(''));

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = handlers[msg?.type];
  if (!handler || !fromOurPages(sender)) return false;
  handler(msg, sender).then(sendResponse, (e) => sendResponse({ ok: false, error: { kind: 'server_error', code: 'internal', message: String(e), retry: 'later' } }));
  return true;
});

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === BRIDGE_PORT) attachBridge(port);
});
