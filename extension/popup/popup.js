// @ts-check
// The toolbar popup. For now: the header (session state and credit balance).
import { Ui, WATCH_PORT } from '../shared/messages.js';

const t = (key) => chrome.i18n.getMessage(key) || key;
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
document.documentElement.lang = chrome.i18n.getUILanguage();

async function refreshStatus() {
  const status = await chrome.runtime.sendMessage({ type: Ui.getStatus });
  const session = /** @type {HTMLElement} */ (document.getElementById('session'));
  session.dataset.state = status.session;
  session.textContent = t(status.session === 'ready' ? 'sessionReady' : status.session === 'logged_out' ? 'sessionLoggedOut' : 'sessionNoTab');
  const credit = /** @type {HTMLElement} */ (document.getElementById('credit'));
  credit.textContent = status.credit ? String(status.credit.total) : '–';
  credit.setAttribute('aria-label', `${t('credits')} ${credit.textContent}`);
}

/** While the popup is open the engine polls fast; the port also restarts a worker that was stopped. */
function watchJobs() {
  chrome.runtime.connect({ name: WATCH_PORT }).onDisconnect.addListener(() => setTimeout(watchJobs, 500));
}

watchJobs();
refreshStatus();
