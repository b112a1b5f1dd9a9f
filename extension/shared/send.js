// @ts-check
// The one way a view asks the worker for something. The control that asked is busy until the answer is in
// (a second click, or Ctrl+Enter, does nothing meanwhile), and every failure is said in words
// (describeError) on the view's status line, which the next operation clears: nothing stays on screen
// after its operation ended, and no answer is dropped unseen.
import { describeError, t } from './job-text.js';
import { button, el } from './dom.js';

/** @type {HTMLElement | null} the view's line for failures (role=alert), set once by each view */
let statusLine = null;
export function setStatusLine(/** @type {HTMLElement | null} */ line) {
  statusLine = line;
}

/** Says `text` on the status line; an empty text clears it. */
export function say(/** @type {string} */ text) {
  if (!statusLine) return;
  statusLine.textContent = text;
  statusLine.hidden = !text;
}

/** @typedef {import('./messages.js').UiType} UiType */
/** @typedef {import('./messages.js').UiMessages} UiMessages */
/** @typedef {import('./messages.js').UiAnswers} UiAnswers */
/** @typedef {import('./messages.js').Refused} Refused */

/** A failure of the messaging itself (the worker could not be reached), shaped like the core's errors. @returns {Refused} */
const unreachable = (/** @type {unknown} */ e) => ({
  ok: false,
  error: {
    kind: 'server_error',
    code: 'internal',
    message: String(/** @type {any} */ (e)?.message ?? e),
    retry: 'later',
  },
});

/**
 * Asks the worker, typed by the message (shared/messages.js's UiMessages); an unreachable worker answers as a
 * refusal, so the caller's one check of `ok` covers it.
 * @template {UiType} T @param {{ type: T } & UiMessages[T][0]} msg @returns {Promise<UiAnswers[T]>}
 */
export function ask(msg) {
  return chrome.runtime.sendMessage(msg).catch(unreachable);
}

/**
 * @template {UiType} T
 * @param {{ type: T } & UiMessages[T][0]} msg
 * @param {{busy?: HTMLButtonElement | null, quiet?: boolean}} [options]  busy: disabled until the answer is in;
 *   quiet: the caller shows failures itself (next to a field)
 * @returns {Promise<UiAnswers[T]>} the worker's answer; a refusal with `busy` when `busy` was already busy
 */
export async function send(msg, { busy = null, quiet = false } = {}) {
  if (busy?.disabled)
    return /** @type {UiAnswers[T]} */ ({
      ok: false,
      busy: true,
      error: { kind: 'invalid_input', code: 'busy', message: 'already asked', retry: 'never' },
    });
  if (busy) {
    busy.disabled = true;
    busy.setAttribute('aria-busy', 'true');
  }
  if (!quiet) say('');
  try {
    /** @type {any} */
    const answer = await ask(msg);
    if (!quiet && answer?.ok === false && answer.error) say(describeError(answer.error));
    if (!quiet && answer?.ok && answer.existing && answer.job) showExisting(answer.job);
    return answer;
  } finally {
    if (busy) {
      busy.disabled = false;
      busy.removeAttribute('aria-busy');
    }
  }
}

/**
 * An action that found its job already made (running or done) sends nothing: the view says so and shows that
 * job where it lists it.
 * @param {{submitId: string}} job
 */
function showExisting(job) {
  const text = t('existingJob');
  say(text);
  const item = document.querySelector(`[data-submit-id="${CSS.escape(job.submitId)}"]`);
  if (!item) return;
  // Said at the job too: the status line may be scrolled out of sight once the job is shown.
  const note =
    item.querySelector('.existing-note') ?? item.insertBefore(el('p', { className: 'existing-note' }), item.firstChild);
  note.textContent = text;
  item.classList.add('flash');
  item.scrollIntoView({ block: 'nearest' });
}

/**
 * A button that sends a message when clicked, busy until the answer is in (its answer is said, not read).
 * @param {string} label @param {() => import('./messages.js').UiMessage} message @param {Record<string, any>} [props]
 */
export function sendButton(label, message, props = {}) {
  const b = button(label, () => send(/** @type {any} */ (message()), { busy: b }), props);
  return b;
}
