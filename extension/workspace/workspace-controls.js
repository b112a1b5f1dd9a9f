// @ts-check
// The workspace's controls: the filter bar (read after a 120 ms typing pause) and the selection bar's actions.
import { queueDownloads } from './download-view.js';
import { animateSelected, deleteSelected, exportSelected, selectedByJob } from './selection-actions.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {{ setFilter: (filter: import('./filters.js').Filter) => void, selectAll: () => void, clearSelection: () => void,
 *   selection: Set<string>, showSelection: () => void }} workspace
 */
export function setUpControls({ setFilter, selectAll, clearSelection, selection, showSelection }) {
  const read = () =>
    /** @type {import('./filters.js').Filter} */ ({
      query: $('q').value,
      favourite: $('favourite').checked,
      ...Object.fromEntries(
        ['state', 'model', 'from', 'to', 'sort', 'kind', 'source', 'site'].map((id) => [id, $(id).value]),
      ),
    });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  $('filters').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => setFilter(read()), 120);
  });
  $('filters').addEventListener('submit', (/** @type {Event} */ e) => e.preventDefault());
  const actions = {
    'select-all': selectAll,
    'download-selected': () =>
      queueDownloads(
        { items: [...selectedByJob(selection)].map(([submitId, indices]) => ({ submitId, indices })) },
        $('download-selected'),
      ),
    'delete-selected': () => deleteSelected(selection, showSelection),
    'animate-selected': () => animateSelected(selection),
    'export-json': () => exportSelected(selection, 'json'),
    'export-csv': () => exportSelected(selection, 'csv'),
    'clear-selection': clearSelection,
  };
  for (const [id, run] of Object.entries(actions)) $(id).addEventListener('click', run);
}
