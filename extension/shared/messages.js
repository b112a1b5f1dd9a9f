// @ts-check
// Every message type, declared once. Bridge messages travel page (MAIN) ⇄ relay (isolated) ⇄ worker;
// UI messages travel popup/tracker → worker.
export const BRIDGE_PORT = 'jimeng-bridge';
export const WATCH_PORT = 'jimeng-watch'; // open while a popup shows jobs: the engine polls fast
export const TRACKER_PORT = 'jimeng-tracker'; // the in-page tracker (also makes the engine poll fast)

export const Bridge = Object.freeze({
  session: 'bridge:session', // MAIN → worker: values learned from the page's own requests
  ready: 'bridge:ready', // MAIN → worker: the page's anti-bot script has hooked fetch
  fetch: 'bridge:fetch', // worker → MAIN: run this request through the page's fetch
  response: 'bridge:response', // MAIN → worker: its answer {id, status, body} or {id, error}
  reconnect: 'bridge:reconnect', // worker → relay (tabs.sendMessage): a restarted worker asks for the bridge
});

export const Ui = Object.freeze({
  getStatus: 'ui:get-status', // → {session, credit, site, cluster, sites}: the site new jobs spend on, and the sites seen
  chooseSite: 'ui:choose-site', // {site: jimeng | dreamina} → the same as getStatus, for that site
  consent: 'ui:consent', // → {ok}: the user agreed to Dreamina's AIGC rules in our dialog; sent to Dreamina once
  sessionCheck: 'ui:session-check', // → {session: ready | logged_out | no_page | unavailable}: asks through an open Jimeng page only, never opens one
  models: 'ui:models', // → {models, live}
  submit: 'ui:submit', // {input (references: [{fileId} | {uri}]; video: {durationS, firstFrame…} for a video)} → {ok, job} | {ok:false, error}
  upscale: 'ui:upscale', // {submitId, index, kind?: normal_hd | pro_hd} → {ok, job}: a 4096-px child job
  animate: 'ui:animate', // {submitId, index} → {ok, job}: a video with that image as its first frame (动起来)
  animateMany: 'ui:animate-many', // {items: [{submitId, index}]} → {ok, batch}: 动起来 for each, as one batch
  retry: 'ui:retry', // {submitId} → a new job with the failed one's input
  remove: 'ui:remove', // {submitId}
  download: 'ui:download', // {submitId} → downloads the job's originals
  openImage: 'ui:open-image', // {submitId, index} → opens that original (re-signed first when stale)
  settings: 'ui:settings', // {settings?} → the settings after applying the given ones
  favourite: 'ui:favourite', // {submitIds, favourite} (workspace)
  removeMany: 'ui:remove-many', // {submitIds} → {removed}: finished jobs only
  downloadImages: 'ui:download-images', // {items: [{submitId, indices?}]} → {files}
  exportRows: 'ui:export-rows', // {submitIds} → {rows}: one per image, with the file name a download would use
  freshPreviews: 'ui:fresh-previews', // {items: [{submitId, uri}]} → re-signed preview links, also stored
  batchPreview: 'ui:batch-preview', // {input: BatchInput w/o now, entropy, models} → the core's rows, with the now/entropy to start them
  batchStart: 'ui:batch-start', // {input (as previewed, with now and entropy), validOnly, concurrency, gapMs, name, startAt?} → {ok, batch}
  batchCommand: 'ui:batch-command', // {batchId, command: pause | resume | cancel}
  batches: 'ui:batches', // → {batches}: the open ones and the newest few
  batchDownload: 'ui:batch-download', // {batchId} → downloads every finished row's originals ({batch} and {row} in names)
  batchFailed: 'ui:batch-failed', // {batchId} → {rows}: the failed rows as batch CSV columns (note: why), to export
  batchRequeue: 'ui:batch-requeue', // {batchId} → {ok, batch}: the failed rows as a new batch, same pace
  downloads: 'ui:downloads', // {command: enqueue (items | submitIds | neither: everything; scope: 'new' skips files saved before) | pause | resume | cancel | retry | failures} (storage.local downloadRun shows the run)
  archiveImport: 'ui:archive-import', // {command: start | cancel | sync, on?, site?} → the site's import state (storage.local archiveImport[:dreamina] shows its progress)
});

/**
 * What each UI message carries (besides `type`) and what it is answered, declared once: send() and ask() (shared/
 * send.js) are typed from it, and the worker's router answers every message with its own answer or a Refused (an
 * unknown sender, a thrown error, a full disk). A view reads an answer's data only after `ok` says it is not a
 * refusal; an answer without `ok` (status, models) is its data.
 * @typedef {import('../../wasm/jimeng-core').CoreError} CoreError
 * @typedef {{ ok: false, error: CoreError, busy?: true }} Refused
 * @typedef {{ ok: true, [field: string]: any }} Done  a success: its fields depend on the message
 * @typedef {{ ok: true, job: any, existing?: boolean }} JobMade  a job made (or found made already: `existing`)
 * @typedef {{ session: 'connecting' | 'ready' | 'logged_out' | 'unavailable', credit: any, error?: CoreError | null, site?: string,
 *   cluster?: string, sites?: string[] }} Status
 * @typedef {{
 *   'ui:get-status': [{}, Status],
 *   'ui:choose-site': [{ site: string }, Status],
 *   'ui:consent': [{}, Done],
 *   'ui:session-check': [{}, { session: string }],
 *   'ui:models': [{}, { models: any[], live: boolean }],
 *   'ui:submit': [{ input: Record<string, any> }, JobMade],
 *   'ui:upscale': [{ submitId: string, index: number, kind?: 'normal_hd' | 'pro_hd' }, JobMade],
 *   'ui:animate': [{ submitId: string, index: number, from?: 'popup' | 'workspace' }, JobMade],
 *   'ui:animate-many': [{ items: { submitId: string, index: number }[] }, { ok: true, batch: any, existing?: boolean }],
 *   'ui:retry': [{ submitId: string }, JobMade],
 *   'ui:remove': [{ submitId: string }, Done],
 *   'ui:download': [{ submitId: string }, { ok: true, files: { name: string, downloadId: number }[] }],
 *   'ui:open-image': [{ submitId: string, index: number }, { ok: true, url: string }],
 *   'ui:settings': [{ settings?: Record<string, unknown> }, { ok: true, settings: import('./settings.js').Settings }],
 *   'ui:favourite': [{ submitIds: string[], favourite: boolean }, Done],
 *   'ui:remove-many': [{ submitIds: string[] }, { ok: true, removed: string[] }],
 *   'ui:download-images': [{ items: { submitId: string, indices?: number[] }[] }, { ok: true, files: { name: string, downloadId: number }[] }],
 *   'ui:export-rows': [{ submitIds: string[] }, { ok: true, rows: ({ image: number | '', submit_id: string } & Record<string, any>)[] }],
 *   'ui:fresh-previews': [{ items: { submitId: string, uri: string }[] }, { ok: true, urls: Record<string, string> }],
 *   'ui:batch-preview': [{ input: Record<string, any> }, Done],
 *   'ui:batch-start': [{ input: Record<string, any>, validOnly: boolean, concurrency: number, gapMs: number, name?: string, startAt?: number }, { ok: true, batch: any }],
 *   'ui:batch-command': [{ batchId: string, command: 'pause' | 'resume' | 'cancel' }, Done],
 *   'ui:batches': [{}, { ok: true, batches: any[] }],
 *   'ui:batch-download': [{ batchId: string }, { ok: true, files: number }],
 *   'ui:batch-failed': [{ batchId: string }, { ok: true, rows: Record<string, string>[] }],
 *   'ui:batch-requeue': [{ batchId: string }, { ok: true, batch: any, existing?: boolean }],
 *   'ui:downloads': [{ command: 'enqueue' | 'pause' | 'resume' | 'cancel' | 'retry' | 'failures', items?: { submitId: string, indices?: number[] }[],
 *     submitIds?: string[], scope?: 'new' }, Done],
 *   'ui:archive-import': [{ command: 'start' | 'cancel' | 'sync', on?: boolean, site?: string }, Record<string, any> | null],
 * }} UiMessages
 * @typedef {keyof UiMessages} UiType
 * @typedef {{ [T in UiType]: { type: T } & UiMessages[T][0] }[UiType]} UiMessage  the union, discriminated by `type`
 * @typedef {{ [T in UiType]: UiMessages[T][1] | Refused }} UiAnswers
 */

export const View = Object.freeze({
  jobsChanged: 'view:jobs-changed', // worker → popup/workspace (watch port): {changed: Job[], removed: string[]}
  batchesChanged: 'view:batches-changed', // worker → popup/workspace (watch port): {batches: Batch[]}
  visible: 'view:visible', // popup/workspace → worker (watch port): {visible} whether the view is on screen
});

export const Tracker = Object.freeze({
  view: 'tracker:view', // worker → tracker: {collapsed, jobs, notices}
  dismiss: 'tracker:dismiss', // tracker → worker: {submitId} (a finished job) or {noticeId}
  download: 'tracker:download', // tracker → worker: {submitId}
  openImage: 'tracker:open-image', // tracker → worker: {submitId, index}
  upscale: 'tracker:upscale', // tracker → worker: {submitId, index}
  animate: 'tracker:animate', // tracker → worker: {submitId, index}
  openVideo: 'tracker:open-video', // tracker → worker: {submitId}: plays it in a tab of ours
  collapse: 'tracker:collapse', // tracker → worker: {collapsed}
  visible: 'tracker:visible', // tracker → worker: {visible} whether its tab is on screen (fast polling)
});
