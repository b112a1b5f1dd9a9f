// @ts-check
// The toolbar popup: header (session, credits), compose form, live job list.
import { Ui, View } from '../shared/messages.js';
import { watchWorker } from '../shared/watch-port.js';
import { newestJobs, openBatches, openJobs } from '../shared/job-store.js';
import { reusePrompt, reuseSettings, setUpCompose, useModels } from './compose.js';
import { localise, t } from '../shared/i18n.js';
import { describeError } from '../shared/job-text.js';
import { ask, setStatusLine } from '../shared/send.js';
import { RECENT_FINISHED, applyChanges, focusJob as markFocus, showJobs } from './jobs-view.js';
import { setUpSettings, takeHandOvers } from './settings-view.js';
import { createBatchList } from '../shared/batch-view.js';
import { catalogueForView } from '../shared/catalogue-cache.js';
import { showWhatsNew } from './whats-new.js';
import * as facts from '../state/facts.js';
import { followTodaysCredits, showTodaysCredits } from './todays-credits-view.js';

localise();
setStatusLine(document.getElementById('action-error'));
showWhatsNew();

const SESSION_TEXT = {
  connecting: 'sessionNoTab',
  ready: 'sessionReady',
  logged_out: 'sessionLoggedOut',
  unavailable: 'sessionUnavailable',
};
/**
 * The session line: "connecting" only while the worker is finding (or adding, or opening) a Jimeng page;
 * when none can be had it says so, with why, and offers to try again.
 */
async function refreshStatus() {
  const session = /** @type {HTMLElement} */ (document.getElementById('session'));
  const retry = /** @type {HTMLButtonElement} */ (document.getElementById('session-retry'));
  const show = (/** @type {keyof SESSION_TEXT} */ state, /** @type {any} */ error = null) => {
    session.dataset.state = state;
    session.textContent = t(SESSION_TEXT[state]);
    session.title = error ? describeError(error) : '';
    retry.hidden = state !== 'unavailable';
  };
  show('connecting');
  retry.onclick = () => refreshStatus();
  const status = await ask({ type: Ui.getStatus });
  render('ok' in status ? { session: 'unavailable', credit: null, error: status.error } : status);
  /** The header for a status (again when the site switch changes it). @param {any} s */
  function render(s) {
    show(s.session in SESSION_TEXT ? s.session : 'unavailable', s.error);
    if (s.session === 'unavailable' && s.error)
      session.textContent = t('sessionUnavailableWhy', describeError(s.error, s.site));
    if (s.session === 'ready' && s.site === 'dreamina') session.textContent = t('sessionReadyDreamina');
    showSite(s, render);
    showCredit(s.credit);
    showTodaysCredits(s.site === 'dreamina' ? 'dreamina' : 'jimeng', s.credit);
  }
}

/** Which site (and Dreamina cluster) new jobs spend on, e.g. "Dreamina · SG ·"; a switch once both sites were seen. */
function showSite(
  /** @type {{site?: string, cluster?: string, sites?: string[]}} */ status,
  /** @type {(s: any) => void} */ render,
) {
  const name = /** @type {HTMLElement} */ (document.getElementById('site-name'));
  const label = /** @type {HTMLElement} */ (document.getElementById('site-switch-label'));
  const select = /** @type {HTMLSelectElement} */ (document.getElementById('site-switch'));
  const both = (status.sites ?? []).length > 1;
  label.hidden = !both;
  select.value = status.site ?? 'jimeng';
  name.textContent =
    [both ? '' : t(status.site === 'dreamina' ? 'siteDreamina' : 'siteJimeng'), status.cluster ?? '']
      .filter(Boolean)
      .join(' · ') + ' ·';
  select.onchange = async () => {
    const chosen = await ask({ type: Ui.chooseSite, site: select.value });
    render('ok' in chosen ? { session: 'unavailable', credit: null, error: chosen.error } : chosen);
    // The form offers the chosen site's models (its stored catalogue, else the worker's answer).
    useModels((await catalogueForView(askModels)).models);
  };
}

/** "All work" opens the workspace in a tab; the side panel button opens it beside the current page. */
function setUpWorkspaceLinks() {
  const url = chrome.runtime.getURL('workspace/workspace.html');
  document.getElementById('all-work')?.addEventListener('click', () => chrome.tabs.create({ url }));
  document.getElementById('batch')?.addEventListener('click', () => chrome.tabs.create({ url: `${url}#batch` }));
  document.getElementById('side-panel')?.addEventListener('click', async () => {
    const win = await chrome.windows.getCurrent();
    if (win.id !== undefined) await chrome.sidePanel.open({ windowId: win.id });
    if (!(await chrome.tabs.getCurrent())) window.close(); // the toolbar popup steps aside; a popup tab stays
  });
}

function showCredit(/** @type {any} */ credit) {
  const el = /** @type {HTMLElement} */ (document.getElementById('credit'));
  el.textContent = credit ? String(credit.total) : '–';
  el.setAttribute('aria-label', `${t('credits')} ${el.textContent}`);
}

/** The worker's catalogue (none when it could not answer: the form keeps what it has). */
function askModels() {
  return ask({ type: Ui.models }).then((r) => ('ok' in r ? { models: [] } : r));
}

/** Settles once the form is usable (or after 400 ms): only then is the worker woken, when it was stopped. Its
 *  start-up (compiling the core) would otherwise compete with the popup's own for the same CPU. */
/** @type {() => void} */
let formUsable = () => {};
const workerWanted = new Promise((resolve) => {
  formUsable = () => resolve(undefined);
  setTimeout(formUsable, 400);
});
/** The model catalogue, read once (the stored one without waiting for the worker): the form's options, and
 *  which models offer 智能超清. */
const catalogue = catalogueForView(askModels, workerWanted);
/** proHd: the models that offer 智能超清, so only their images get the button. */
const handlers = { onReuse: reusePrompt, proHd: new Set() };
const batchList = createBatchList(/** @type {HTMLElement} */ (document.getElementById('batch-list')), {
  compact: true,
});

/** The store's unfinished jobs and newest finished ones: what the popup lists, however large the history. */
async function loadJobs(after = Promise.resolve()) {
  const [open, newest, batches, models] = await Promise.all([
    openJobs(),
    newestJobs(RECENT_FINISHED),
    openBatches(),
    catalogue.then(
      (c) => c.models,
      () => [],
    ),
    after,
  ]);
  for (const m of models) if ('proHd' in m && m.proHd) handlers.proHd.add(m.key);
  // A batch is one line here (its rows are in the workspace): the open rows only feed its counts.
  batchList.setBatches(batches.filter((b) => b.state !== 'ended'));
  batchList.rowsChanged(open);
  showJobs([...new Map([...newest, ...open].map((j) => [j.submitId, j])).values()], handlers);
  performance.mark('jimeng:jobs-shown'); // read by npm run bench:scale
}

/**
 * While the popup is open the engine polls fast and sends the jobs that change; the port also restarts a
 * worker that was stopped. A reconnect reloads the list, as changes made meanwhile were not sent to us.
 */
function watchJobs() {
  watchWorker(
    (msg) => {
      if (msg?.type === View.jobsChanged) {
        batchList.rowsChanged(msg.changed);
        applyChanges(msg, handlers);
      }
      if (msg?.type === View.batchesChanged) batchList.setBatches(msg.batches);
    },
    () => loadJobs(),
  );
}

facts.watch('credit', showCredit);
followTodaysCredits();
/** Fills the prompt handed over from a page selection at once; scrolls to the job a notification pointed at. */
async function applyHandOvers(/** @type {Promise<unknown>} */ jobsShown) {
  const { draftPrompt, draftInput, focusJob } = await takeHandOvers();
  if (draftPrompt) reusePrompt({ prompt: draftPrompt });
  if (draftInput) {
    await composeReady;
    reuseSettings(draftInput);
  }
  await jobsShown;
  if (focusJob) markFocus(focusJob);
}

setUpSettings();
const composeReady = setUpCompose(catalogue);
composeReady.finally(formUsable);
setUpWorkspaceLinks();
// The list is read at once but drawn once the form is usable: Generate never waits for the history. A form
// that waits long on the worker (it may be starting, or its Jimeng page reconnecting) does not hold the list.
const jobsShown = loadJobs(workerWanted);
applyHandOvers(jobsShown);
// Then the worker: the session line, and the changes from now on (read once more from the store, for any
// change made between the first reading and the line being open).
workerWanted.then(() => {
  watchJobs();
  refreshStatus();
  jobsShown.then(() => loadJobs());
});
