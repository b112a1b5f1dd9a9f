// The protocol core's JavaScript surface (hand-written; wasm/bindings/embind.cpp is the other half).
// Every function takes and returns JSON text; every answer is an envelope {"ok":true,…} or
// {"ok":false,"error":CoreError}. Called with the arguments declared here (an argument marked `?` may be
// left out), no function throws or aborts, whatever their values. Embind checks the argument count itself:
// a call with more or fewer arguments than declared throws a TypeError before reaching the core.
// tests/node/boundary.test.mjs compares this file's names and argument counts with the module's.

export type ErrorKind =
  | 'invalid_input' | 'login_required' | 'insufficient_credits' | 'rate_limited' | 'risk_control'
  | 'content_rejected' | 'version_outdated' | 'bad_request' | 'server_error' | 'malformed_response';
export type RetryHint = 'never' | 'later' | 'after_login' | 'after_refresh' | 'once';  // once: a code the protocol does not list

export interface CoreError {
  kind: ErrorKind;
  retry: RetryHint;
  /** The service's code ("1015") or a symbolic one ("prompt_empty", "http_502", "not_json_html"). */
  code: string;
  message: string;
  /** For invalid_input: the input key at fault ("prompt", "count", "session.daVersion", …). */
  field?: string;
  /** Set by the worker on a reference's refusal: which reference (0-based) it was. */
  index?: number;
}
export type Answer<T> = ({ ok: true } & T) | { ok: false; error: CoreError };

/** Values learned from the page; absent ones fall back to the core's defaults. Without `site` (or 'jimeng')
 *  the Dreamina keys are ignored. On Dreamina (protocol §9) they are the page's own: apiOrigin, region, loc and
 *  did are required (session_incomplete otherwise), commerceOrigin for the credit calls; nothing is guessed. */
export interface Session {
  site?: 'jimeng' | 'dreamina';
  webId?: string; daVersion?: string; webVersion?: string; appVersion?: string;
  apiOrigin?: string;                  // https://mweb-api-sg.capcut.com: the account's cluster, as the page calls it
  commerceOrigin?: string;             // https://commerce-api-sg.capcut.com
  region?: string;                     // the cluster: "SG", "US"
  loc?: string;                        // the account's country
  storeCountry?: string;               // its lower-case store country (default: loc)
  lan?: string;                        // the page's UI language, e.g. zh-Hant-TW (default en)
  did?: string;                        // the page's device id (digits)
}
/** Every builder needs the caller's clock; the core has none. */
export interface Clocked { now: number /* ms, as Date.now() */; session?: Session }

export interface GenerateInput extends Clocked {
  prompt: string;                      // trimmed; 1..800 characters
  negativePrompt?: string;
  model?: string;                      // model key, default high_aes_general_v40
  ratio?: string | number;             // "16:9" or 1..8, default 1:1
  intelligentRatio?: boolean;          // 4.x/5.x models only
  resolution?: string;                 // "1k" | "2k" | "4k", as the model offers
  count?: number;                      // within the model's counts
  seed?: number;                       // 0..2147483647 (Dreamina: 0..4294967295); random (from entropy) when absent
  sampleStrength?: number;             // 0..1, default 0.5
  workspaceId?: number;                // Dreamina's extend.workspace_id (default 0)
  submitId?: string;                   // a uuid; made from entropy when absent
  entropy: string;                     // ≥ 32 hex digits of fresh randomness
  models?: Array<ModelInfo | VideoModelInfo>;  // the live catalogue (parseModelConfig); built-in when absent
  /** A Seedance video (protocol §7.2) instead of images, also made when `model` is a video model's key. No
   * frames and no references: text-to-video; firstFrame (and lastFrame): 首尾帧; references: 全能参考. Refusals
   * name the field: video.durationS / ratio / video.resolution (not offered), video.references
   * (references_too_many, frames_with_references, omni_unsupported), video.lastFrame (last_frame_without_first). */
  video?: VideoSettings;
  /** Reference images (protocol §4.3): 1 to the model's inputImageLimit; a blend draft. Refusals:
   * references_unsupported, references_too_many, reference_invalid, reference_strength_invalid. */
  references?: Array<string | Reference>;
  /** 超清 / 智能超清 of one finished image (§4.5) instead of a generation; prompt and references are then
   * not read. Refusals: upscale_not_finished, upscale_already_4k, upscale_kind_invalid, upscale_kind_unsupported. */
  upscale?: UpscaleRequest;
}

export interface VideoSettings {
  durationS?: number;                  // within the model's durations, default 5
  resolution?: string;                 // "720p", as the model offers; default its first
  firstFrame?: ImageRef; lastFrame?: ImageRef;
  references?: ImageRef[];             // 全能参考: up to the model's maxImages
}
/** An uploaded image or one of our results, with its size (the video draft carries it). */
export interface ImageRef { uri: string; width: number; height: number; format?: string }
/** A video model of the catalogue (protocol §7.4); Seedance 2.0 built in. */
export interface VideoModelInfo {
  kind: 'video'; key: string; name: string;
  durations: number[]; ratios: string[]; resolutions: string[];
  inputModes: Array<'prompt' | 'first_frame' | 'end_frame' | 'unified_edit'>;
  maxImages: number; maxMaterials: number;
  benefitType: string; benefitTypes: Record<string, string>;  // by resolution, where it differs
}

/** An uploaded image's uri (CommitImageUpload) or one of our results' uri. */
export interface Reference { uri: string; url?: string /* reported in metrics_extra; the uri when absent */; strength?: number /* 0..1, 0.5 */ }
export interface UpscaleRequest {
  kind?: 'normal_hd' | 'pro_hd';       // default normal_hd (超清); pro_hd (智能超清) where the model offers it
  source: {
    state: string;                     // the parent job's phase: only "done" is upscaled
    uri: string; width: number; height: number; model: string;
    submitId?: string; index?: number; prompt?: string; ratio?: number; seed?: number;
  };
}

export interface Request {
  method: 'POST';
  path: string;
  url: string;                         // absolute, with the query string
  query: Record<string, string>;
  headers: Record<string, string>;     // incl. sign and device-time
  referrer: string;
  body: string;                        // JSON text
}

export interface Job {
  submitId: string; prompt: string; negativePrompt: string; model: string; modelName: string;
  ratio: number; ratioLabel: string; intelligentRatio: boolean; resolution: string;
  width: number; height: number; count: number; seed: number; sampleStrength: number;
  references?: Array<{ uri: string; strength: number }>;  // a blend job
  upscale?: 'normal_hd' | 'pro_hd';                        // an upscale job, and the image it came from:
  parent?: { submitId: string; index: number; uri: string };
  /** A video job: its mode, length and the images it starts from. */
  kind?: 'video'; mode?: 'text' | 'frames' | 'omni'; durationS?: number;
  firstFrame?: ImageRef; lastFrame?: ImageRef; videoReferences?: ImageRef[];
}

export interface ModelInfo {
  key: string; name: string; counts: number[]; intelligentRatio: boolean;
  inputImageLimit: number;             // reference images it takes; 0: text only
  proHd: boolean;                      // offers 智能超清 besides 超清
  /** resolution → ratio code ("1".."8") → size */
  resolutions: Record<string, Record<string, { width: number; height: number }>>;
}

export interface Image {
  url: string; width: number; height: number; format: string;
  uri: string;                         // for get_image_by_uri re-signing
  preview: string;
  expiresAt: number;                   // unix seconds from x-expires; 0 when unknown
}

export interface Task {
  state: 'queued' | 'generating' | 'done' | 'failed';
  status: number; submitId: string; historyId: string;
  total: number; finished: number; images: Image[];
  queue?: { position: number; length: number };
  pollIntervalSeconds?: number; timeoutSeconds?: number; cost?: number;
  error?: CoreError;                   // when failed; retry is always "never"
  missing?: true;                      // asked for but not listed by the service yet
  kind?: 'video';                      // a video task: its files are in `videos`
  videos?: Video[];
  queueSeconds?: number;               // the service's estimate of the wait in its queue (forecast_queue_cost)
}

/** A finished video (protocol §7.3); the clean file when one is offered (§7.6). */
export interface Video {
  url: string; cover: string; width: number; height: number; durationMs: number;
  vid: string;                         // for re-signing
  itemId?: string;                     // history's item id (digits): Dreamina's download asks for the file by it
  watermarked: boolean;                // only a watermarked file was offered
  expiresAt: number;                   // unix seconds; 0 when unknown
  refused?: 'url_not_media_host';
}

/** A page of past work and where the walk goes next: on (`more`), finished (`end`), at the last complete walk's
 *  start (`reached`), or nowhere: the service says there is more but its cursor does not move (`stalled`, with
 *  the error to show). */
export interface AssetPage {
  records: AssetRecord[]; nextCursor: number; hasMore: boolean;
  walk: 'more' | 'end' | 'reached' | 'stalled'; stalled?: CoreError;
}
/** One asset of the account's past work (protocol §8): its task as parseHistory reads it, and the settings it
 *  was made with (from its draft_content, else the item's aigc_image_params). An asset type we cannot read is
 *  kept with `unreadable`, its id and type only. */
export interface AssetRecord {
  assetId: string; assetType: number;
  createdMs?: number;                  // when it was made (ms)
  generateType?: number;               // 1 image, 10 video (the service's generate_type)
  task?: Task;
  job?: Partial<Job> & { kind: 'image' | 'video'; submitId: string };
  unreadable?: true;
}

/** Optional second argument of every parser, as an object or as its JSON text. */
export interface ParseContext {
  status?: number;                     // the HTTP status
  submitIds?: string[];                // ids asked for: unlisted ones come back `missing`
  historyIds?: string[];               // the same, for a poll by history id
  site?: 'jimeng' | 'dreamina';        // Dreamina: a 1015 is the wrong cluster (version_outdated, after_refresh)
  /** parseHistory: when each job was created (ms, caller's clock). An unlisted task is given up (failed,
   *  code "timeout") once the service's `systime` is past its 24 h lifetime; listed running tasks are given
   *  up when `systime - created_time` exceeds their polling_config.timeout_seconds. */
  createdAt?: Record<string, number>;
  /** parseAssetList: the cursor the page was asked from, and where an incremental walk may stop (ms) */
  cursor?: number; stopAtMs?: number;
}
/** The body as text, as bytes, or as the number of bytes just written into `inputBuffer`'s view. */
type Body = string | Uint8Array | ArrayBuffer | number;

/** File names for a finished job's images (template expanded, safe on every OS) and stale URLs. */
export interface DownloadInput {
  now: number;                         // ms: judges which links are stale
  madeAt?: number;                     // ms: when the work was made, for {date} and {time} (else now)
  tzOffsetMinutes?: number;            // minutes east of UTC for {date}/{time}, e.g. 480 for Beijing
  /** default "jimeng/{date}/{prompt}-{seed}-{index}.{ext}"; also {time} {count} {model} {id} {width} {height}
   *  {batch} {row}, {kind} (image | video) and {duration} (a video's seconds, "5s"; empty for images) */
  template?: string;
  /** the job's site (default jimeng): on Dreamina every video is `resign` (fetched as its page does, §9.6) */
  site?: 'jimeng' | 'dreamina';
  job: Partial<Job>;
  images?: Image[];
  /** A video job's files instead of images: ext mp4; resign (the link expires soon) means poll the task again. */
  videos?: Video[];
}
export interface PlannedFile {
  index: number;                       // 1-based
  name: string;                        // relative path with "/" separators, for chrome.downloads
  url: string; uri: string;
  resign: boolean;                     // the URL expires within 5 minutes: re-sign via get_image_by_uri first
}

/**
 * A batch from pasted lines (one prompt a line), a CSV (a header row; columns prompt, negative_prompt, model,
 * ratio, resolution, count, seed, strength, or their Chinese names) or a JSON list (prompts or inputs).
 * `{a|b|c}` in a prompt makes one job per choice; several groups multiply; `repeat` makes N of each with
 * fresh seeds (a fixed seed counts up). Each row's cells override `defaults` (the form).
 */
export interface BatchInput {
  format?: 'lines' | 'csv' | 'json';   // default lines
  text: string;
  defaults?: Partial<Omit<GenerateInput, 'now' | 'entropy'>>;
  repeat?: number;                     // 1..100
  cap?: number;                        // rows made at most, 1..1000, default 500
  now: number;
  entropy: string;                     // each row's submit_id and seed derive from it: the preview is what runs
  models?: ModelInfo[];
  prices?: PriceTable;                 // learnPrices' table: with it, each valid row's credits and an estimate
  balance?: number;                    // the account's credits, to compare the estimate against
  /** Video rows (CSV kind, duration, first_frame, last_frame, references) name their images: each name → the
   *  image (a file picked with the batch, uploaded; or one of our results). The answer's `images` lists every
   *  name the rows use, so the caller can supply what it can and expand again. */
  images?: Record<string, ImageRef>;
}
/** What each model · resolution · count cost when the account last paid for it (ledger time, seconds). */
export type PriceTable = Record<string, { credits: number; at: number }>;  // key "model|resolution|count"
export interface PricesInput {
  prices?: PriceTable;                 // the table so far
  records?: { amount: number; createTime: number; submitId: string }[];  // parseCreditHistory's records
  jobs?: { submitId: string; model: string; resolution: string; count: number }[];  // ours, for those submit_ids
  learnedUpTo?: number;                // the newest ledger time seen before
}
/** A batch's cost: `credits` sums the priced rows; rows of an unknown price are counted in `unpriced`. A row
 *  is priced by its own key, else by its model and resolution's newest per-image price times its count. */
export interface BatchEstimate {
  credits: number; priced: number; unpriced: number;
  balance?: number; short?: boolean;   // with `balance`: whether the priced rows alone cost more than it
}
export interface BatchRow {
  row: number;                         // the line (lines), the record with the header as row 1 (csv), the item (json)
  variant: number; repeat: number;     // 1-based
  prompt: string;
  job?: Job;                           // what would be sent
  credits?: number;                    // its price, when BatchInput.prices knew it
  error?: CoreError & { column?: string };  // why not: the field, and the CSV column as the file names it
}

/**
 * The job engine's decisions (`step`): what it knows, one event and the caller's clock in; the changes to
 * store and the actions to perform out. It remembers nothing between calls: the caller stores the changes.
 */
export interface EngineJob {
  submitId: string;
  phase: 'submitting' | 'queued' | 'generating' | 'done' | 'failed';
  createdAt?: number; batchId?: string; row?: number;
  attemptAt?: number;                  // a submit left and is not settled: never sent again while its answer is awaited
  submitLost?: { at: number; why: string };  // its answer will not come: looked up, then resent once at most
  attempts?: number; resends?: number; unknownRetried?: boolean;
  nextAttemptAt?: number; missingPolls?: number; versionRetried?: boolean; needsLogin?: boolean;
  model?: string;                      // a 1310 (the model's lane is full) holds this model's jobs only
  kind?: 'image' | 'video';            // a video in the queue is looked at on its own cadence:
  queueSeconds?: number; queueSeenAt?: number; pollIntervalSeconds?: number;  // the estimate, when read, the interval
  [other: string]: unknown;            // the extension's own fields are ignored
}
export interface EngineBatch {
  id: string;
  state?: 'running' | 'paused' | 'cancelled' | 'ended';
  concurrency?: number;                // tasks in flight at most, 1..5 (default 2)
  gapMs?: number; spreadMs?: number;   // the pause between submits, plus up to spreadMs from the event's entropy
  nextSubmitAt?: number; announced?: boolean;
  pause?: CoreError | { kind: 'paused'; code: 'user'; message: string; retry: 'never' };
}
export interface EngineState {
  jobs?: EngineJob[];                  // the unfinished jobs
  batches?: EngineBatch[];             // every batch not yet ended and announced
  engine?: EngineOwnState;             // the engine's own small state, as its last answer gave it
}
/** Any event may say whether a view is on screen (polls are faster then) and carry fresh entropy (the
 *  spread of a batch's pauses). */
export type EngineEvent = { watched?: boolean; entropy?: number } & (
  | { type: 'tick' | 'submit' }
  // once, first, from each new worker: submits sent by an earlier one will get no answer
  | { type: 'workerStarted' }
  | { type: 'submitted'; submitId: string; result: Answer<{ task: Task }> }   // parseGenerate's answer
  // why: timeout | network | tab_gone (may have reached Jimeng), or not_sent (never left: error says why)
  | { type: 'submitLost'; submitId: string; why: string; error?: CoreError }
  // sentAt: the poll action's own, echoed back
  | { type: 'polled'; submitIds: string[]; sentAt?: number; result: Answer<{ tasks: Record<string, Task> }> }
  // Jimeng's own list named these tasks (an import page): an open job takes its task as from a poll; a job the
  // engine ended without knowing (outcome_unknown, timeout, too_many_attempts: pass its `error`) heals
  | { type: 'seen'; tasks: Record<string, Task> }
  | { type: 'pollLost' | 'login' | 'versionsRefreshed' }
  | { type: 'credit'; total: number }
  | { type: 'notified' | 'pause' | 'resume' | 'cancel'; batchId: string });
export type EngineAction =
  | { type: 'submit'; submitId: string; timeoutMs: number }   // wait for the answer this long before calling it lost
  // historyIds {historyId: submitId}: jobs Jimeng listed without a submit_id, asked for by history id (with
  // historyContext); their answers come back as `polled` under their submitIds
  | { type: 'poll'; submitIds: string[]; sentAt: number; context: ParseContext; historyIds?: Record<string, string>; historyContext?: ParseContext & { historyIds: string[] } }
  | { type: 'refreshVersions' | 'refreshCredits' }
  | { type: 'notify'; batchId: string }
  | { type: 'wait'; ms: number };       // absent: nothing is open, no timer is needed
/** Opaque to callers: stored and handed back as the last answer gave it. `models` holds a model's wait and
 *  learned lane limit after a 1310. */
export type EngineOwnState = Record<string, number | boolean | Record<string, unknown>>;
export interface EngineChange { set: Record<string, unknown>; unset: string[] }
export interface EngineAnswer {
  jobs: (EngineChange & { submitId: string })[];
  batches: (EngineChange & { id: string })[];
  engine: EngineOwnState;
  actions: EngineAction[];
}

/** A parse context as JSON text or as an object; absent, null or any other value counts as none. */
type Context = string | ParseContext;

/**
 * Limits, as the module applies them:
 * - builders and planDownloads refuse input JSON over 1 MiB (invalid_input, code "input_too_large");
 * - parsers refuse a body over 64 MiB (malformed_response, code "body_too_large");
 * - any text or bytes over 256 MiB are refused before they are copied in (code "too_large");
 * - an input that is not text (or, for parsers, bytes or a byte count) counts as empty, and so does a
 *   left-out builder input: builders then answer invalid_input (e.g. "now_missing").
 */
/** Temporary ImageX credentials from get_upload_token (protocol §4.4), about an hour long. */
export interface UploadCredentials { accessKeyId: string; secretAccessKey: string; sessionToken: string; serviceId: string; uploadDomain?: string }
/** Where ApplyImageUpload says the bytes go. */
export interface UploadAddress { storeUri: string; auth: string; uploadHost: string; sessionKey: string }
/** An ImageX request: fetch it as is, with `credentials: 'omit'` (no cookie goes to ImageX). */
export interface ImageXRequest { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; credentials: 'omit'; body?: string }
/** checkImage's verdict on a file's bytes (never its name). Refusals: image_empty, image_too_large (over
 *  `maxBytes`, default 20 MiB), image_not_image, image_type_unsupported (GIF, BMP, TIFF, HEIC, AVIF), image_broken. */
export interface ImageCheck {
  format: 'png' | 'jpeg' | 'webp'; mime: string; width: number; height: number; bytes: number;
  sha256: string;                      // hex: the upload cache's key
  crc32: string;                       // 8 lowercase hex digits, as Content-CRC32
}

export interface JimengCoreModule {
  buildGenerate(input?: string): string;        // Answer<{ request: Request; job: Job }>
  buildHistory(input?: string): string;         // Answer<{ request }>; input {submitIds: string[]} | {historyIds}
  buildQueueInfo(input?: string): string;       // Answer<{ request }>; input {now, session?, historyIds: string[]}
  buildPostStep(input?: string): string;        // Answer<{ request; job: PostStepJob }>; input PostStepInput
  buildConsent(input?: string): string;         // Answer<{ request }>: Dreamina's AIGC consent (update_settings); input {now, session}
  buildCredit(input?: string): string;          // Answer<{ request }>
  buildCreditHistory(input?: string): string;   // Answer<{ request }>; input {count?, cursor?, spendingOnly?}
  buildModelConfig(input?: string): string;     // Answer<{ request }>
  buildVideoModelConfig(input?: string): string;  // Answer<{ request }>: the video catalogue (§7.4)
  buildAssetList(input?: string): string;       // Answer<{ request }>: past work (§8); input {now, session?, count? 1..100 (20), cursor? (0, then nextCursor)}
  buildImageResign(input?: string): string;     // Answer<{ request }>; input {uris: string[]}
  buildLocalItemList(input?: string): string;   // Answer<{ request }>: a Dreamina video's file (§9.6); input {now, session, itemIds: string[]}
  buildCreditReceive(input?: string): string;   // Answer<{ request }>: today's free credits (§11); input {now, session?, timeZone}
  planDownloads(input?: string): string;        // Answer<{ files: PlannedFile[] }>; input DownloadInput
  /** Answer<{ rows: BatchRow[]; total: number; cap: number; capped: boolean; valid: number; invalid: number;
   *  estimate?: BatchEstimate }>; input BatchInput. `total` counts every row the input makes; only the first
   *  `cap` are made. `estimate` is there when the input gave `prices`. */
  expandBatch(input?: string): string;
  /** Answer<{ prices: PriceTable; learned: number; learnedUpTo: number; caughtUp: boolean }>; input PricesInput.
   *  caughtUp: the records reached a charge at or before the input learnedUpTo (older pages are known). At most 200
   *  keys are kept, the least recently charged dropped first. */
  learnPrices(input?: string): string;
  buildAccount(input?: string): string;         // Answer<{ request }>: who is logged in (passport info); input {now, session?}
  buildUploadToken(input?: string): string;     // Answer<{ request }> to Jimeng; input {now, session?}
  /** Answer<{ request: ImageXRequest }>; input {credentials: UploadCredentials, fileSize (1 byte to 64 MiB), now, entropy} */
  buildApplyUpload(input?: string): string;
  /** Answer<{ request: ImageXRequest }>; input {credentials: UploadCredentials, sessionKey, now} */
  buildCommitUpload(input?: string): string;
  /** Answer<{ request: ImageXRequest; crc32: string }>; input {upload: UploadAddress}. The body to send is `bytes`. */
  buildUploadPut(bytes: Body, input?: string): string;
  /** Answer<{ image: ImageCheck }>; input {maxBytes?} */
  checkImage(bytes: Body, input?: string): string;
  /** Answer<EngineAnswer>. `state` and `event` as JSON text or objects (up to 8 MiB each); `now` in ms. */
  step(state: string | EngineState, event: string | EngineEvent, now: number): string;
  parseGenerate(body: Body, context?: Context): string;      // Answer<{ task: Task }>
  parseHistory(body: Body, context?: Context): string;       // Answer<{ tasks: Record<string, Task> }>
  parseAccount(body: Body, context?: Context): string;       // Answer<{ account: {userId} }>
  parseCredit(body: Body, context?: Context): string;        // Answer<{ credit: {gift, purchase, vip, total} }>
  parseConsent(body: Body, context?: Context): string;       // Answer<{ consented: true }>
  parseCreditHistory(body: Body, context?: Context): string; // Answer<{ records, cursor, hasMore }>
  parseModelConfig(body: Body, context?: Context): string;   // Answer<{ models: ModelInfo[] }>
  parseVideoModelConfig(body: Body, context?: Context): string;  // Answer<{ models: VideoModelInfo[] }>
  parseAssetList(body: Body, context?: Context): string;  // Answer<AssetPage>
  parseLocalItemList(body: Body, context?: Context): string;  // Answer<{ videos: Record<itemId, Video> }>
  parseCreditReceive(body: Body, context?: Context): string;  // Answer<CreditReceive>; context {dayEndsAt?}
  parseImageResign(body: Body, context?: Context): string;   // Answer<{ images: Record<uri, url> }>
  parseUploadToken(body: Body, context?: Context): string;   // Answer<{ credentials: UploadCredentials }>
  /** Answer<{ upload: UploadAddress }>. ImageX's own errors: imagex_credentials_expired (retry after_refresh: new
   *  credentials), imagex_signature_rejected (never), imagex_<Code> (later). */
  parseApplyUpload(body: Body, context?: Context): string;
  parseUploadPut(body: Body, context?: Context): string;     // Answer<{ crc32 }>; upload_crc_mismatch, upload_failed
  /** Answer<{ image: {uri, width, height, format, size} }>; image_rejected when ImageX did not take it */
  parseCommitUpload(body: Body, context?: Context): string;
  /** The core's reusable input buffer, grown to `size` bytes (kept contents; 0 bytes past 256 MiB): write a
   *  body into it (TextEncoder.encodeInto) and pass the byte count as a parser's body. The view is valid
   *  until the next call into the core. */
  inputBuffer(size: number): Uint8Array;
  builtinModels(): string;                                  // Answer<{ models: (ModelInfo | VideoModelInfo)[] }>: images, then Seedance 2.0
  sites(): string;                                          // Answer<SiteTable>
  /** Lowercase hex md5 of protocol §3.1 (all three arguments are required). */
  sign(path: string, deviceTime: number, appVersion: string): string;
  version(): string;
}

/** Input every builder of a request takes: the caller's clock, and for most its entropy. */
type BuilderInput = Clocked & { entropy?: string; [key: string]: unknown };
/** A parse context as an object (the wrapped API serialises it). */
type Bytes = string | Uint8Array | ArrayBuffer;
/** giftExpiresAt (ms): when the soonest gift grant ends, when the answer says. */
export interface CreditAnswer { credit: { gift: number; purchase: number; vip: number; total: number; giftExpiresAt?: number } }
export type PostStepTool = 'upscale' | 'proUpscale' | 'outpaint' | 'detailFix' | 'soundEffect' | 'interpolate';
/** The finished source as history gave it; ids as digit strings (item ids exceed 2^53). */
export interface PostStepSource {
  submitId: string; historyId: string; itemId: string; model: string;
  draftContent: string;                // its draft_content JSON text: the main component is replayed from it
  video?: { vid: string; width: number; height: number; durationMs: number };
  image?: { uri: string; width: number; height: number };
}
export interface PostStepInput {
  now: number; entropy: string; session?: Session; tool: PostStepTool; source: PostStepSource; submitId?: string;
  /** proUpscale {resolution: '2k'|'4k'}; outpaint {ratio} or {top, bottom, left, right} (fractions), count 1..4 (4);
   *  interpolate {fps: 30|60 (60)} */
  settings?: { ratio?: string; top?: number; bottom?: number; left?: number; right?: number; count?: number; resolution?: string; fps?: number };
}
export interface PostStepJob {
  submitId: string; kind: 'image' | 'video'; tool: PostStepTool; model: string; prompt: string; count: number; fps?: number;
  parent: { submitId: string; historyId: string; itemId: string };
}
export interface SiteTable { sites: { id: 'jimeng' | 'dreamina'; aid: number; page: string }[]; mediaHostSuffixes: string[]; uploadHostSuffixes: string[] }
/** A daily claim (§11): received is false when today's were claimed already (quota 0). expiresAt: ms, 0 unknown. */
export interface CreditReceive { received: boolean; quota: number; expiresAt: number }
export interface CreditRecord { amount: number; createTime: number; submitId: string; [key: string]: unknown }

/**
 * The object-level API every caller uses: extension/shared/core.js's wrapCore turns JimengCoreModule's JSON
 * text into these objects (inputs are serialised, answers parsed; bodies go in as bytes). Each answer is an
 * Answer<…>: check `ok` before reading the rest. tests/node/boundary.test.mjs checks wrapCore's keys against it.
 */
export interface JimengCore {
  buildGenerate(input: Partial<GenerateInput> & BuilderInput): Answer<{ request: Request; job: Job }>;
  buildHistory(input: BuilderInput & ({ submitIds: string[] } | { historyIds: string[] })): Answer<{ request: Request }>;
  buildQueueInfo(input: BuilderInput & { historyIds: string[] }): Answer<{ request: Request }>;
  /** An edit of finished work (protocol §10). Refusals name `tool`, `source.<key>` or `settings.<key>`. */
  buildPostStep(input: PostStepInput): Answer<{ request: Request; job: PostStepJob }>;
  /** Dreamina's AIGC consent (protocol §9.5): built only once the user agreed in our UI. */
  buildConsent(input: BuilderInput): Answer<{ request: Request }>;
  buildCredit(input: BuilderInput): Answer<{ request: Request }>;
  buildCreditHistory(input: BuilderInput & { count?: number; cursor?: string | number; spendingOnly?: boolean }): Answer<{ request: Request }>;
  buildModelConfig(input: BuilderInput): Answer<{ request: Request }>;
  buildVideoModelConfig(input: BuilderInput): Answer<{ request: Request }>;
  buildAssetList(input: BuilderInput & { count?: number; cursor?: number | string }): Answer<{ request: Request }>;
  buildImageResign(input: BuilderInput & { uris: string[] }): Answer<{ request: Request }>;
  /** Dreamina's video download (protocol §9.6): the files of these items (history's item ids, digits), up to 200. */
  buildLocalItemList(input: BuilderInput & { itemIds: string[] }): Answer<{ request: Request }>;
  /** Today's free credits (protocol §11), for the day of `timeZone` (an IANA name), in which they also expire. */
  buildCreditReceive(input: BuilderInput & { timeZone: string }): Answer<{ request: Request }>;
  planDownloads(input: DownloadInput): Answer<{ files: PlannedFile[] }>;
  expandBatch(input: Partial<BatchInput>): Answer<{ rows: BatchRow[]; total: number; cap: number; capped: boolean; valid: number; invalid: number; estimate?: BatchEstimate; images: string[] }>;
  learnPrices(input: PricesInput): Answer<{ prices: PriceTable; learned: number; learnedUpTo: number; caughtUp: boolean }>;
  buildUploadToken(input: BuilderInput): Answer<{ request: Request }>;
  buildAccount(input: BuilderInput): Answer<{ request: Request }>;
  buildApplyUpload(input: { credentials: UploadCredentials; fileSize: number; now: number; entropy: string; session?: Session }): Answer<{ request: ImageXRequest }>;
  buildCommitUpload(input: { credentials: UploadCredentials; sessionKey: string; now: number; session?: Session }): Answer<{ request: ImageXRequest }>;
  /** On Dreamina `userId` (the account's) goes as x-storage-u. */
  buildUploadPut(bytes: Uint8Array | ArrayBuffer, input: { upload: UploadAddress; session?: Session; userId?: string }): Answer<{ request: ImageXRequest; crc32: string }>;
  checkImage(bytes: Uint8Array | ArrayBuffer, input?: { maxBytes?: number }): Answer<{ image: ImageCheck }>;
  step(state: EngineState, event: EngineEvent, now: number): Answer<EngineAnswer>;
  parseGenerate(body: Bytes, context?: ParseContext): Answer<{ task: Task }>;
  parseHistory(body: Bytes, context?: ParseContext): Answer<{ tasks: Record<string, Task> }>;
  parseAccount(body: Bytes, context?: ParseContext): Answer<{ account: { userId: string } }>;
  parseCredit(body: Bytes, context?: ParseContext): Answer<CreditAnswer>;
  parseConsent(body: Bytes, context?: ParseContext): Answer<{ consented: true }>;
  parseCreditHistory(body: Bytes, context?: ParseContext): Answer<{ records: CreditRecord[]; cursor: string | number; hasMore: boolean }>;
  parseModelConfig(body: Bytes, context?: ParseContext): Answer<{ models: ModelInfo[] }>;
  parseVideoModelConfig(body: Bytes, context?: ParseContext): Answer<{ models: VideoModelInfo[] }>;
  parseAssetList(body: Bytes, context?: ParseContext): Answer<AssetPage>;
  /** Each listed item's file, keyed by item id; an item with no file yet is absent. */
  parseLocalItemList(body: Bytes, context?: ParseContext): Answer<{ videos: Record<string, Video> }>;
  /** `dayEndsAt` (ms): the end of the claim's day in its zone, for an answer that does not say when they expire. */
  parseCreditReceive(body: Bytes, context?: ParseContext & { dayEndsAt?: number }): Answer<CreditReceive>;
  parseImageResign(body: Bytes, context?: ParseContext): Answer<{ images: Record<string, string> }>;
  parseUploadToken(body: Bytes, context?: ParseContext): Answer<{ credentials: UploadCredentials }>;
  parseApplyUpload(body: Bytes, context?: ParseContext): Answer<{ upload: UploadAddress }>;
  parseUploadPut(body: Bytes, context?: ParseContext): Answer<{ crc32: string }>;
  parseCommitUpload(body: Bytes, context?: ParseContext): Answer<{ image: { uri: string; width: number; height: number; format: string; size: number } }>;
  /** The built-in catalogue (the fallback when the live one is unknown). */
  builtinModels(): (ModelInfo | VideoModelInfo)[];
  /** The sites and the one list of media host suffixes (the extension's CSP is made from it). */
  sites(): Answer<SiteTable>;
  sign(path: string, deviceTime: number, appVersion: string): string;
  version(): string;
}
/** A builder of the wrapped API, by name (the worker's generic request path takes one with its parser). */
export type CoreBuilder = { [K in keyof JimengCore]: K extends `build${string}` ? K : never }[keyof JimengCore];
export type CoreParser = { [K in keyof JimengCore]: K extends `parse${string}` ? K : never }[keyof JimengCore];

export default function createJimengCore(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Emscripten's hook: instantiate with `imports`, hand the result to `receive`, return `{}`. */
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void) => object;
}): Promise<JimengCoreModule>;
