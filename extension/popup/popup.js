// @ts-check
// The toolbar popup: header (session, credits), compose form, live job list.
import { Ui, WATCH_PORT } from '../shared/messages.js';
import { reusePrompt, setUpCompose } from './compose.js';
import { localise, t } from './i18n.js';
import { showJobs } from './jobs-view.js';
import { setUpSettings, takeHandOvers } from './settings-view.js';

localise();

async function refreshStatus() {
  const status = await chrome.runtime.sendMessage({ type: Ui.getStatus });
  const session = /** @type {HTMLElement} */ (document.getElementById('session'));
  session.dataset.state = status.session;
  session.textContent = t(status.session === 'ready' ? 'sessionReady' : status.session === 'logged_out' ? 'sessionLoggedOut' : 'sessionNoTab');
  showCredit(status.credit);
}

function showCredit(credit) {
  const el = /** @type {HTMLElement} */ (document.getElementById('credit'));
  el.textContent = credit ? String(credit.total) : '–';
  el.setAttribute('aria-label', `${t('credits')} ${el.textContent}`);
}

/** While the popup is open the engine polls fast; the port also restarts a worker that was stopped. */
function watchJobs() {
  chrome.runtime.connect({ name: WATCH_PORT }).onDisconnect.addListener(() => setTimeout(watchJobs, 500));
}

const handlers = { onReuse: reusePrompt };
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes.jobs) showJobs(changes.jobs.newValue, handlers);
  if (changes.credit) showCredit(changes.credit.newValue);
});
/** Fills the prompt handed over from a page selection at once; scrolls to the job a notification pointed at. */
async function applyHandOvers(jobsShown) {
  const { draftPrompt, focusJob } = await takeHandOvers();
  if (draftPrompt) reusePrompt({ prompt: draftPrompt });
  await jobsShown;
  const item = focusJob && document.querySelector(`.job[data-submit-id="${CSS.escape(focusJob)}"]`);
  if (item) { item.classList.add('focus'); item.scrollIntoView({ block: 'nearest' }); }
}

watchJobs();
refreshStatus();
setUpSettings();
setUpCompose();
applyHandOvers(chrome.storage.local.get('jobs').then(({ jobs }) => showJobs(jobs, handlers)));
