// @ts-check
// After an update (never after an install, which opens the welcome page), the popup says in one line what is
// new in this version, once: the worker notes the update (worker.js, onInstalled), the first popup shows it.
import { t } from '../shared/i18n.js';
import * as facts from '../state/facts.js';

export async function showWhatsNew() {
  const note = /** @type {{version: string, shown: boolean} | undefined} */ (await facts.get('whatsNew'));
  if (!note || note.shown || note.version !== chrome.runtime.getManifest().version) return;
  await facts.set('whatsNew', { ...note, shown: true });
  const line = /** @type {HTMLElement} */ (document.getElementById('whats-new'));
  /** @type {HTMLElement} */ (document.getElementById('whats-new-text')).textContent =
    `${t('whatsNew', note.version)} ${t('whatsNewHighlights')}`;
  line.hidden = false;
  /** @type {HTMLElement} */ (document.getElementById('whats-new-close')).addEventListener('click', () => {
    line.hidden = true;
  });
}
