// @ts-check
// Dreamina's AIGC rules (protocol §9.5): before a first Dreamina video the user is asked once, here, in words of
// our own; the consent goes to Dreamina only when they agree, and a "not now" sends nothing.
import { Ui } from '../shared/messages.js';
import { el } from '../shared/dom.js';
import { t } from '../shared/i18n.js';
import { ask } from '../shared/send.js';

/** @returns {Promise<boolean>} whether the user agreed and Dreamina took it */
export function askConsent() {
  return new Promise((resolve) => {
    const agree = el('button', { type: 'button', className: 'primary', textContent: t('consentAgree') });
    const later = el('button', { type: 'button', textContent: t('consentNotNow') });
    const dialog = /** @type {HTMLDialogElement} */ (
      el(
        'dialog',
        { className: 'consent', ariaLabel: t('consentTitle') },
        el('h2', { textContent: t('consentTitle') }),
        el('p', { textContent: t('consentBody') }),
        el('p', { className: 'actions' }, agree, later),
      )
    );
    const done = (/** @type {boolean} */ ok) => {
      dialog.close();
      dialog.remove();
      resolve(ok);
    };
    later.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', () => done(false));
    agree.addEventListener('click', async () => {
      agree.disabled = true;
      done((await ask({ type: Ui.consent })).ok);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
