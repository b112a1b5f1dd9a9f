// @ts-check
// The download manager's shell: originals saved a few at a time from a line in IndexedDB (shared/download-store.js),
// so a stopped worker or a browser restart goes on where it was. Every decision is download-step.js's; this file
// only performs its actions (the store, chrome.downloads, `linksFor`) and feeds back what they answer. Writes are
// made in turn before anything starts; the network is never waited on in turn, so Pause and Cancel answer at once.
import {
  activeFiles,
  changeAllIn,
  claimFiles,
  getFiles,
  readRun,
  removeFiles,
  writeFiles,
} from '../../shared/download-store.js';
import { downloadStep, forgetUnlessSaved, initialState } from './download-step.js';
import { createRunPublisher } from './download-run.js';
import { itemOf, lookUp, makeLinks, readLine } from './download-reads.js';
import * as facts from '../../state/facts.js';
import { serial as inTurn } from '../../state/serial.js';
export { DOWNLOAD_ALARM } from './download-run.js';

/** @typedef {import('../../shared/download-store.js').FileEntry} FileEntry */
/** @typedef {import('./download-model.js').Link} Link */
/** @typedef {import('./download-model.js').Item} Item */
/** @typedef {import('./download-model.js').DownloadEvent} DownloadEvent */
/** @typedef {import('./download-model.js').DownloadAction} DownloadAction */
/** @typedef {{submitId: string, files: {uri: string, index: number, video: boolean, label?: string}[]}} JobFiles */

/**
 * @param {{ linksFor: (files: FileEntry[]) => Promise<Map<string, Link>>, now?: () => number }} deps
 *   linksFor: a fresh link and file name for each file, or why there is none (stopRun: nothing can be fetched now,
 *   e.g. no Jimeng page to re-sign through: the run pauses with that reason instead of failing every file)
 */
export function createDownloadQueue({ linksFor, now = Date.now }) {
  const serial = inTurn((e) => console.warn('download queue', e));
  const publish = createRunPublisher();
  let state = initialState();
  /** @type {unknown} */
  let shown;
  let pending = 0; // actions out on the network or in the browser, their answers not yet fed back

  /** One event decided and its writes made, in turn with every other; answers the command. @param {DownloadEvent} event */
  const dispatch = (event) => serial(() => apply(event));
  async function apply(/** @type {DownloadEvent} */ event) {
    if (!state.loaded && event.type !== 'woke') {
      await apply(await wakeEvent());
      if (event.type === 'tick') return undefined; // waking looked everything up already
    }
    const { state: next, actions, answer } = downloadStep(state, event, now());
    state = next;
    perform(actions);
    if (state.run && state.run !== shown) {
      shown = state.run;
      await publish(state.run);
    }
    return answer;
  }

  /** A new worker: the run and the files marked downloading, read once; a missing session mark is a new browser session. */
  async function wakeEvent() {
    const restarted = !(await facts.get('downloadQueueSession'));
    await facts.set('downloadQueueSession', true);
    return /** @type {DownloadEvent} */ ({
      type: 'woke',
      run: await readRun(),
      active: await activeFiles(),
      restarted,
    });
  }

  /** Writes first, in order; then what goes out, its answer fed back as an event. @param {DownloadAction[]} actions */
  function perform(actions) {
    // Launches first: each is of a file claimed ahead, on disk already, so no write of this event holds it up.
    for (const a of actions) if (a.do === 'download') launch(a);
    for (let k = 0; k < actions.length; k++) {
      const a = actions[k];
      const next = actions[k + 1];
      // The file that ended and the next claimed ahead: written in one transaction.
      if (a.do === 'write' && next?.do === 'claim') {
        inOrder(() => claim(next.files, a));
        k++;
      } else if (a.do === 'write') inOrder(() => writeFiles(a.files, a.run));
      else if (a.do === 'remove') inOrder(() => removeFiles(a.uris, a.run));
      else if (a.do === 'dropLine') inOrder(() => changeAllIn('waiting', forgetUnlessSaved));
      else if (a.do === 'dropFailed') inOrder(() => changeAllIn('failed', forgetUnlessSaved));
      else if (a.do === 'claim') inOrder(() => claim(a.files));
      else if (a.do === 'readLine') inOrder(() => readLine(a.version, a.count));
      else if (a.do === 'browser') for (const id of a.ids) chrome.downloads[a.what](id).catch(() => {});
      else if (a.do === 'makeLinks') out(makeLinks(linksFor, a.files));
      else if (a.do === 'lookUp') out(lookUp(a.file, a.unseen));
    }
  }

  /** The store's reads and writes, in the order the step asked for them, each after the one before has committed,
   *  and never waited on in turn (what depends on one comes back as its event: a claim's answer, a read line). */
  let stored = Promise.resolve();
  function inOrder(/** @type {() => Promise<unknown>} */ work) {
    const done = stored.then(work);
    stored = done.then(
      () => {},
      (e) => console.warn('download store', e),
    );
    out(done.then((e) => (e && typeof e === 'object' && 'type' in e ? /** @type {DownloadEvent} */ (e) : undefined)));
  }

  /**
   * Marks files downloading only if still waiting at the same try (whatever else started one meanwhile, it starts
   * once), `first` written in the same transaction; the step is told which were claimed. @param {FileEntry[]} files
   * @param {{files: FileEntry[], run?: import('../../shared/download-store.js').DownloadRun}} [first]
   */
  async function claim(files, first) {
    const claimed = new Set((await claimFiles(files, first)).map((f) => f.uri));
    const uris = files.map((f) => f.uri);
    return /** @type {DownloadEvent} */ ({
      type: 'claimed',
      uris: uris.filter((u) => claimed.has(u)),
      unclaimed: uris.filter((u) => !claimed.has(u)),
    });
  }

  /** An action's answer, whenever it comes, is the next event. @param {Promise<DownloadEvent | undefined>} answer */
  function out(answer) {
    pending++;
    answer
      .then(
        (e) => e && dispatch(e),
        (e) => console.warn('download queue', e),
      )
      .finally(() => pending--);
  }

  /** The browser gives a download its id once the host answers: that wait holds no one else. */
  function launch(/** @type {Extract<DownloadAction, {do: 'download'}>} */ a) {
    const { file, launchId } = a;
    out(
      chrome.downloads.download({ url: a.url, filename: a.name, conflictAction: 'uniquify', saveAs: false }).then(
        (id) => /** @type {DownloadEvent} */ ({ type: 'started', uri: file.uri, launchId, id }),
        (e) =>
          /** @type {DownloadEvent} */ ({ type: 'refused', uri: file.uri, launchId, why: String(e?.message ?? e) }),
      ),
    );
  }

  /**
   * Puts files in line. A file already waiting or downloading is not added twice; with `onlyNew`, neither is one
   * saved before. A run that had ended starts afresh (its failures are dropped: asked again, they are in line).
   * @param {JobFiles[]} jobs @param {{onlyNew?: boolean}} [o]
   */
  async function enqueue(jobs, { onlyNew = false } = {}) {
    const files = jobs.flatMap((j) =>
      j.files.map((f) => /** @type {FileEntry} */ ({ ...f, submitId: j.submitId, state: 'waiting', seq: 0, tries: 0 })),
    );
    let added = 0,
      skipped = 0;
    for (let start = 0; start < files.length; start += 500) {
      const part = files.slice(start, start + 500);
      // What the store says once the writes asked for so far are in (a read never overtakes them).
      const r = await serial(async () => {
        await stored;
        return apply({ type: 'enqueue', files: part, known: await getFiles(part.map((f) => f.uri)), onlyNew });
      });
      added += r.added;
      skipped += r.skipped;
    }
    return { ok: true, added, skipped, run: await status() };
  }

  /** chrome.downloads.onChanged: an ended download is looked up and its end fed to the step. */
  function onChanged(/** @type {chrome.downloads.DownloadDelta} */ delta) {
    const s = delta.state?.current;
    if (s !== 'complete' && s !== 'interrupted') return Promise.resolve();
    pending++;
    return chrome.downloads
      .search({ id: delta.id })
      .then(([d]) => d && dispatch({ type: 'ended', item: itemOf(d) }))
      .finally(() => pending--);
  }

  /** Every failed file back in line with a new link, and the run going on with them. */
  const retryFailed = async () => {
    const count = await serial(async () => {
      await stored;
      const n = await changeAllIn('failed', (f) => ({
        ...f,
        state: 'waiting',
        tries: 0,
        resign: true,
        error: undefined,
      }));
      return apply({ type: 'requeued', count: n });
    });
    return { ok: true, retried: count };
  };

  /** A user's command is answered once what it changed is in the store (a view may read it next). */
  const command = (/** @type {DownloadEvent} */ event) => dispatch(event).then((run) => stored.then(() => run));
  const status = () =>
    serial(async () => {
      if (!state.loaded) await apply({ type: 'poke' });
      await stored;
      return state.run;
    });

  /** Resolves once nothing is pending (for tests and benchmarks: every action's answer has been fed back). */
  async function idle() {
    for (let seen; seen !== serial.settled() || pending > 0;) {
      seen = serial.settled();
      await seen;
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  return {
    enqueue,
    onChanged,
    retryFailed,
    idle,
    status,
    /** After a worker start or an alarm: the files downloading looked up, the line gone on with. */
    reconcile: () => dispatch({ type: 'tick' }),
    pump: () => dispatch({ type: 'poke' }),
    pause: () => command({ type: 'pause' }),
    resume: () => command({ type: 'resume' }),
    cancel: () => command({ type: 'cancel' }),
  };
}
