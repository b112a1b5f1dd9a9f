// @ts-check
// The service worker: routes messages to small handlers. It may be stopped at any moment, so it keeps
// nothing in memory that storage does not also hold. Listeners are registered synchronously at start-up.
import { BRIDGE_PORT, Ui, WATCH_PORT } from '../shared/messages.js';
import { attachBridge, bridgeEvents } from './bridges.js';
import { catalogue } from './catalogue.js';
import { allJobs, updateJobs } from './jobs.js';
import { ALARM, refreshCredit, wake, watch } from './scheduler.js';
import { createJob, sendSubmit } from './submit.js';

async function submit(input, origin) {
  const created = await createJob(input, origin);
  if (created.ok) sendSubmit(created.job.submitId).finally(() => wake());
  return created;
}

/** @type {Record<string, (msg: any, sender: chrome.runtime.MessageSender) => Promise<any>>} */
const handlers = {
  [Ui.getStatus]: async () => {
    const credit = await refreshCredit();
    const session = credit.ok ? 'ready' : credit.error.kind === 'login_required' ? 'logged_out' : 'unavailable';
    return { session, credit: credit.ok ? credit.credit : null, error: credit.ok ? null : credit.error };
  },
  [Ui.models]: () => catalogue(),
  [Ui.submit]: (msg) => submit(msg.input ?? {}, { from: 'popup' }),
  [Ui.retry]: async (msg) => {
    const old = (await allJobs())[msg.submitId];
    if (!old) return { ok: false, error: { kind: 'invalid_input', code: 'no_job', message: 'no such job', retry: 'never' } };
    return submit(old.input, old.origin);  // a new submit_id: the failed generation stays as it was
  },
  [Ui.remove]: async (msg) => {
    await updateJobs((jobs) => { delete jobs[msg.submitId]; });
    return { ok: true };
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
  else if (port.name === WATCH_PORT && port.sender?.id === chrome.runtime.id) watch(port);
});

chrome.alarms.onAlarm.addListener((alarm) => { if (alarm.name === ALARM) wake(); });
chrome.runtime.onStartup.addListener(() => wake());  // after a browser restart: alarms need not survive it
bridgeEvents.addEventListener('ready', () => wake());
wake();  // a restarted worker picks up where the last one stopped
