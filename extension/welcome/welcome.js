// @ts-check
// The first-run guide, opened once when the extension is installed: what it does, a live check that turns
// green once a logged-in Jimeng page is seen (asked of the worker, which opens no tab for it), the shortcuts
// and menus, where data is kept, and the privacy statement (PRIVACY.md, the same text).
import { localise, t } from '../shared/i18n.js';
import { Ui } from '../shared/messages.js';
import { SITES } from '../shared/site.js';
import { ask } from '../shared/send.js';

const JIMENG = SITES.jimeng.page;
const CHECK_EVERY_MS = 2_000;
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
localise();

const TEXT = /** @type {const} */ ({
  checking: 'welcomeChecking',
  ready: 'welcomeReady',
  no_page: 'welcomeNoPage',
  logged_out: 'welcomeLoggedOut',
  unavailable: 'welcomeUnavailable',
});
/** @param {keyof typeof TEXT} state */
function show(state) {
  const line = $('login-state');
  line.dataset.state = state;
  line.textContent = t(TEXT[state]);
}

/** Asks until the session is seen; then stops (nothing polls once it is green). Only while the page is shown. */
async function check() {
  if (document.visibilityState === 'visible') {
    const r = await ask({ type: Ui.sessionCheck });
    const state = /** @type {keyof typeof TEXT} */ ('session' in r && r.session in TEXT ? r.session : 'unavailable');
    show(state);
    if (state === 'ready') return;
  }
  setTimeout(check, CHECK_EVERY_MS);
}

show('checking');
$('open-jimeng').addEventListener('click', () => chrome.tabs.create({ url: JIMENG }));
$('open-workspace').addEventListener('click', () =>
  chrome.tabs.create({ url: chrome.runtime.getURL('workspace/workspace.html') }),
);
check();
