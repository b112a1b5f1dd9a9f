// @ts-check
// Right-click "generate from selection" and the keyboard shortcuts. Native menus cannot be clicked from
// tests, so the handlers are plain functions the worker also exposes to its own console (self.jimeng).
import { composeDefaults } from '../shared/settings.js';
import { t } from '../shared/job-text.js';
import { startJob } from './jobs/engine.js';
import { addNotice, showTracker } from './pages/trackers.js';
import { generateFromImage } from './jobs/image-jobs.js';
import * as facts from '../state/facts.js';

const GENERATE = 'jimeng-generate';
const PRESETS_MENU = 'jimeng-presets';
const EDIT = 'jimeng-edit';
const FROM_IMAGE = 'jimeng-image';
/** A few one-click variations on the user's defaults. */
const PRESETS = Object.freeze({
  preset_square4: { ratio: '1:1', count: 4 },
  preset_wide1: { ratio: '16:9', count: 1 },
  preset_tall1: { ratio: '9:16', count: 1 },
});
const PAGES = ['http://*/*', 'https://*/*'];
export const SELECTION_COMMAND = 'generate-selection';

/** Menus live in the browser across worker restarts: made once per install/update. */
export function createMenus() {
  chrome.contextMenus.removeAll(() => {
    const common = {
      contexts: /** @type {[chrome.contextMenus.ContextType]} */ (['selection']),
      documentUrlPatterns: PAGES,
    };
    chrome.contextMenus.create({ id: GENERATE, title: t('menuGenerate'), ...common });
    chrome.contextMenus.create({ id: PRESETS_MENU, title: t('menuPresets'), ...common });
    for (const id of Object.keys(PRESETS))
      chrome.contextMenus.create({ id, parentId: PRESETS_MENU, title: t(`menu_${id}`), ...common });
    chrome.contextMenus.create({ id: EDIT, title: t('menuEdit'), ...common });
    chrome.contextMenus.create({
      id: FROM_IMAGE,
      title: t('menuFromImage'),
      contexts: ['image'],
      documentUrlPatterns: PAGES,
    });
  });
}

/** Selections arrive with the page's line breaks and indentation: one line, single spaces. */
export const collapseSelection = (/** @type {unknown} */ text) =>
  String(text ?? '')
    .replace(/[\s\u3000]+/gu, ' ')
    .trim();

/**
 * Submits a selection with the popup's last settings (and a preset, if one was picked), then shows the
 * in-page tracker, which also carries the error when the core refused the prompt (nothing is sent then).
 * @param {string} text @param {chrome.tabs.Tab | undefined} tab @param {object} preset
 */
export async function generateFromSelection(text, tab, preset = {}) {
  const prompt = collapseSelection(text);
  const origin = { from: 'menu', tabId: tab?.id, url: tab?.url };
  const created = prompt
    ? await startJob({ ...(await composeDefaults()), ...preset, prompt }, origin)
    : {
        ok: false,
        error: { kind: 'invalid_input', code: 'prompt_empty', message: t('selectionEmpty'), retry: 'never' },
      };
  if (tab?.id !== undefined) {
    const error = 'error' in created ? created.error : undefined;
    if (error) await addNotice(tab.id, t(`err_${error.kind}`, error.message));
    const shown = await showTracker(tab.id);
    if (!shown && error)
      chrome.notifications.create({
        type: 'basic',
        iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
        title: t('notifyNotSent'),
        message: t(`err_${error.kind}`, error.message),
      });
  }
  return created;
}

/** "Edit in popup first": the selection waits in session storage until the popup opens and takes it. */
async function editInPopup(/** @type {string} */ text) {
  await facts.set('draftPrompt', collapseSelection(text));
  await openPopup();
}

/** The toolbar popup, or a tab of it where the browser will not open the popup (no focused window). */
async function openPopup() {
  try {
    await chrome.action.openPopup();
  } catch {
    await chrome.tabs.create({ url: chrome.runtime.getURL('popup/popup.html') });
  }
}

/** @param {chrome.contextMenus.OnClickData} info @param {chrome.tabs.Tab=} tab */
export function onMenuClick(info, tab) {
  if (info.menuItemId === EDIT) return editInPopup(info.selectionText ?? '');
  if (info.menuItemId === FROM_IMAGE) return generateFromImage(info.srcUrl ?? '', tab, openPopup);
  return generateFromSelection(
    info.selectionText ?? '',
    tab,
    PRESETS[/** @type {keyof typeof PRESETS} */ (info.menuItemId)] ?? {},
  );
}

/** The shortcut grants activeTab like a menu click does: read the selection, then generate from it. */
export async function onCommand(/** @type {string} */ command, /** @type {chrome.tabs.Tab | undefined} */ tab) {
  if (command !== SELECTION_COMMAND || tab?.id === undefined) return null;
  let text;
  try {
    const [result] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => String(getSelection() ?? ''),
    });
    text = result?.result ?? '';
  } catch {
    return null; // a page we may not read (chrome://, the web store)
  }
  return generateFromSelection(text, tab);
}
