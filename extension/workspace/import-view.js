// @ts-check
// The workspace's "从即梦导入 / Import from Jimeng" (or from Dreamina): starts (or continues) the worker's walk of
// the account's past work on one site and shows it from the stored state (background/archive/archive-import.js): records
// imported, the date reached, why it paused; Cancel stops it. The walk goes on without this page. The site is the
// one the workspace's site filter names, else the one new jobs go to.
import { Ui } from '../shared/messages.js';
import { describeError, t } from '../shared/job-text.js';
import { send } from '../shared/send.js';
import { storedSite } from '../state/site-choice.js';
import * as facts from '../state/facts.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
/** @type {import('../shared/site.js').SiteId} */
let site = 'jimeng';

/** @param {any} s the stored import state */
function show(s) {
  const bar = $('import-bar');
  bar.hidden = !s || s.state === 'cancelled';
  if (!s) return;
  bar.dataset.state = s.state;
  const day = s.reachedMs ? new Date(s.reachedMs).toLocaleDateString() : '';
  const count = t('importCount', s.imported, s.known);
  // The paused line's template ends the sentence: the reason's own full stop is dropped.
  $('import-text').textContent =
    s.state === 'running'
      ? `${t('importRunning')} ${count}${day ? ` · ${t('importReached', day)}` : ''}`
      : s.state === 'paused'
        ? `${t('importPaused', s.reason ? describeError(s.reason, site).replace(/[。.]$/, '') : '')} ${count}`
        : s.state === 'done'
          ? `${t('importDone')} ${count}`
          : '';
  // Indeterminate while it runs: how many records an account has is not known until the last page.
  const progress = $('import-progress');
  if (s.state === 'running') progress.removeAttribute('value');
  else progress.value = 1;
  progress.max = 1;
  progress.ariaLabel = $('import-text').textContent;
  $('import-cancel').hidden = s.state !== 'running' && s.state !== 'paused';
  $('import-start').textContent = s.state === 'paused' ? t('importContinue') : startLabel();
}
const startLabel = () => t(site === 'dreamina' ? 'importStartDreamina' : 'importStart');

/** The site the buttons act on, and its walk shown. */
async function follow() {
  const filter = $('site')?.value;
  site = filter === 'jimeng' || filter === 'dreamina' ? filter : ((await storedSite()) ?? 'jimeng');
  $('import-start').textContent = startLabel();
  $('import-bar').ariaLabel = startLabel();
  show(await facts.get('archiveImport', site));
}

export async function setUpImport() {
  $('import-start').addEventListener('click', () =>
    send({ type: Ui.archiveImport, command: 'start', site }, { busy: $('import-start') }),
  );
  $('import-cancel').addEventListener('click', () =>
    send({ type: Ui.archiveImport, command: 'cancel', site }, { busy: $('import-cancel') }),
  );
  $('import-sync').addEventListener('change', () =>
    send({ type: Ui.archiveImport, command: 'sync', on: $('import-sync').checked }),
  );
  for (const each of /** @type {const} */ (['jimeng', 'dreamina']))
    facts.watch(
      'archiveImport',
      (s) => {
        if (site === each) show(s);
      },
      each,
    );
  $('site')?.addEventListener('change', () => follow());
  $('import-sync').checked = !!(await facts.get('archiveSync'));
  await follow();
}
