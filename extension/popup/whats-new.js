// @ts-check
// After an update (never after an install, which opens the welcome page), the popup says in one line what is
// new in this version, once: the worker notes the update (worker.js, onInstalled), the first popup shows it.
import { t } from '../shared/i18n.js';

const KEY = 'whatsNew';

export async function showWhatsNew() {
  const note = /** @type {{version: string, shown: boolean} | undefined} */ ((await chrome.storage.local.get(KEY))[KEY]);
  if (!note || note.shown || note.version !== chrome.runtime.getManifest().version) return;
  await chrome.storage.local.set({ [KEY]: { ...note, shown: true } });
  const line = /** @type {HTMLElement} */ (document.getElementById('whats-new'));
  /** @type {HTMLElement} */ (document.getElementById('whats-new-text')).textContent = `${t('whatsNew', note.version)} ${t('whatsNewHighlights')}`;
  line.hidden = false;
  /** @type {HTMLElement} */ (document.getElementById('whats-new-close')).addEventListener('click', () => { line.hidden = true; });
}
