// @ts-check
/** chrome.i18n with the key as a last resort, so a missing string shows something rather than nothing. */
export const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || subs[0] || key;

export function localise(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(/** @type {HTMLElement} */ (el).dataset.i18nPlaceholder ?? ''));
  document.documentElement.lang = chrome.i18n.getUILanguage();
}
