// @ts-check
// Fills a page's marked elements with the browser's language (zh_CN or en) from _locales.
import { t } from './job-text.js';

export { t };

export function localise(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]'))
    el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(/** @type {HTMLElement} */ (el).dataset.i18nPlaceholder ?? ''));
  for (const el of root.querySelectorAll('[data-i18n-label]'))
    el.setAttribute('aria-label', t(/** @type {HTMLElement} */ (el).dataset.i18nLabel ?? ''));
  for (const el of root.querySelectorAll('[data-i18n-title]'))
    el.setAttribute('title', t(/** @type {HTMLElement} */ (el).dataset.i18nTitle ?? ''));
  document.documentElement.lang = chrome.i18n.getUILanguage();
}
