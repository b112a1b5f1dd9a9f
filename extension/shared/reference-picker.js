// @ts-check
// Reference images in a compose form: added by the file picker, dropped on the form, or pasted; shown as
// thumbnails in order, each with a remove button. The list lives in storage.session (shared/references.js),
// so "use as reference" in any view and a right-click on a page image land in the same form, and a popup that
// closes keeps it. Files are judged by their bytes in the worker; here only the count is shown.
import { el } from './dom.js';
import { t } from './job-text.js';
import { DRAFT_REFERENCES, deleteFiles, draftReferences, getFile, putFile, setDraftReferences } from './references.js';
import * as facts from '../state/facts.js';

/** Images among dropped or pasted items; other files too, so the core can say what is wrong with them. */
const filesOf = (/** @type {DataTransfer | null} */ data) => [...(data?.files ?? [])];

/**
 * @param {{list: HTMLElement, add: HTMLButtonElement, input: HTMLInputElement, dropTarget: HTMLElement,
 *   pasteTarget: HTMLElement, count: HTMLElement, limit: () => number, key?: import('./references.js').ReferenceList, single?: boolean}} parts
 * @returns {{references: () => Promise<import('./references.js').DraftReference[]>, clear: () => Promise<void>, render: () => Promise<void>}}
 */
export function setUpReferencePicker({
  list,
  add,
  input,
  dropTarget,
  pasteTarget,
  count,
  limit,
  key = DRAFT_REFERENCES,
  single = false,
}) {
  /** @type {string[]} object URLs of the thumbnails shown, revoked when redrawn */
  let urls = [];
  let drawing = 0; // renders overlap (each storage change starts one): only the newest draws
  const addFiles = async (/** @type {File[]} */ files) => {
    if (!files.length) return;
    if (single) files = files.slice(0, 1);
    const ids = await Promise.all(files.map((f) => putFile(f, f.name)));
    const before = await draftReferences(key);
    // A single picker (a video's first or last frame) holds one image: a new one takes the old one's place.
    await setDraftReferences(
      [...(single ? [] : before), ...ids.map((fileId, i) => ({ fileId, name: files[i].name }))],
      key,
    );
    if (single) await deleteFiles(before.flatMap((r) => (r.fileId ? [r.fileId] : [])));
  };
  const render = async () => {
    const mine = ++drawing;
    const refs = await draftReferences(key);
    /** @type {string[]} */
    const made = [];
    const items = await Promise.all(
      refs.map(async (r, i) => {
        let src = r.preview ?? '';
        if (r.fileId) {
          const blob = await getFile(r.fileId);
          if (blob) {
            src = URL.createObjectURL(blob);
            made.push(src);
          }
        }
        const remove = el('button', {
          type: 'button',
          className: 'remove',
          textContent: '×',
          ariaLabel: t('referenceRemove', i + 1),
        });
        // Removed by what it is, not where it was drawn: the list may have changed since (another view added one).
        const same = (/** @type {import('./references.js').DraftReference} */ x) =>
          r.fileId ? x.fileId === r.fileId : !x.fileId && x.uri === r.uri;
        remove.addEventListener('click', async () => {
          const list = await draftReferences(key);
          if (!list.some(same)) return;
          await setDraftReferences(
            list.filter((x) => !same(x)),
            key,
          );
          if (r.fileId) await deleteFiles([r.fileId]);
        });
        return el(
          'li',
          { title: r.name ?? '' },
          el('img', { src, alt: t('referenceAlt', i + 1), referrerPolicy: 'no-referrer' }),
          remove,
        );
      }),
    );
    if (mine !== drawing) {
      for (const u of made) URL.revokeObjectURL(u);
      return;
    }
    for (const u of urls) URL.revokeObjectURL(u);
    urls = made;
    list.replaceChildren(...items);
    count.textContent = refs.length ? t('referenceCount', refs.length, limit()) : '';
  };
  add.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    addFiles([...(input.files ?? [])]).then(() => {
      input.value = '';
    });
  });
  dropTarget.addEventListener('dragover', (e) => {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    dropTarget.classList.add('dropping');
  });
  dropTarget.addEventListener('dragleave', () => dropTarget.classList.remove('dropping'));
  dropTarget.addEventListener('drop', (e) => {
    dropTarget.classList.remove('dropping');
    const files = filesOf(e.dataTransfer);
    if (!files.length) return;
    e.preventDefault();
    addFiles(files);
  });
  pasteTarget.addEventListener('paste', (e) => {
    const files = filesOf(/** @type {ClipboardEvent} */ (e).clipboardData);
    if (!files.length) return; // text pastes as usual
    e.preventDefault();
    addFiles(files);
  });
  facts.watch(key, () => render());
  render();
  const clear = async () => {
    const list = await draftReferences(key);
    await setDraftReferences([], key);
    await deleteFiles(list.flatMap((r) => (r.fileId ? [r.fileId] : [])));
  };
  return { references: () => draftReferences(key), clear, render };
}
