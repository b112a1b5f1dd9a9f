// @ts-check
// The one place JavaScript meets the wasm core: creates the module once and turns its JSON-text surface
// into plain objects. Bodies go in as bytes: Embind's string copy costs about 10 ms per MB. Text is encoded
// straight into the core's input buffer (encodeInto), which also skips the fresh buffer TextEncoder.encode
// allocates per call, the larger part of its cost. Types: wasm/jimeng-core.d.ts.

/** @typedef {import('../../wasm/jimeng-core').JimengCoreModule} JimengCoreModule */

const encoder = new TextEncoder();

/** The largest input JSON a builder takes (wasm/jimeng-core.d.ts, checked by tests/node/boundary.test.mjs):
 *  a view refuses a file larger than this as the core would, without reading it in. */
export const CORE_INPUT_LIMIT_BYTES = 1 << 20;

/**
 * Writes `text` as UTF-8 into the core's input buffer and returns the byte count, which the parsers accept
 * in place of a body. Sized for mostly-ASCII text first; the rest goes in after one growth.
 * @param {JimengCoreModule} raw @param {string} text
 */
function writeInput(raw, text) {
  const { read, written } = encoder.encodeInto(text, raw.inputBuffer(text.length + 64));
  if (read === text.length) return written;
  const rest = text.slice(read);
  // Growing keeps the bytes written so far; a fresh view is needed, as growth detaches the old one.
  return written + encoder.encodeInto(rest, raw.inputBuffer(written + rest.length * 3).subarray(written)).written;
}

/**
 * @param {JimengCoreModule} raw
 * @returns {import('../../wasm/jimeng-core').JimengCore}
 */
export function wrapCore(raw) {
  /** @param {(input: string) => string} fn */
  const build = (fn) => (/** @type {object} */ input) => JSON.parse(fn.call(raw, JSON.stringify(input ?? {})));
  /** @param {(body: any, context?: string) => string} fn */
  const parse = (fn) => (/** @type {string | Uint8Array | ArrayBuffer} */ body, /** @type {object=} */ context) =>
    JSON.parse(
      fn.call(raw, typeof body === 'string' ? writeInput(raw, body) : body, context ? JSON.stringify(context) : ''),
    );
  return Object.freeze({
    buildGenerate: build(raw.buildGenerate),
    buildHistory: build(raw.buildHistory),
    buildQueueInfo: build(raw.buildQueueInfo),
    buildPostStep: build(raw.buildPostStep),
    buildConsent: build(raw.buildConsent),
    buildAccount: build(raw.buildAccount),
    buildCredit: build(raw.buildCredit),
    buildCreditHistory: build(raw.buildCreditHistory),
    buildModelConfig: build(raw.buildModelConfig),
    buildVideoModelConfig: build(raw.buildVideoModelConfig),
    buildAssetList: build(raw.buildAssetList),
    buildImageResign: build(raw.buildImageResign),
    buildLocalItemList: build(raw.buildLocalItemList),
    buildCreditReceive: build(raw.buildCreditReceive),
    planDownloads: build(raw.planDownloads),
    expandBatch: build(raw.expandBatch),
    learnPrices: build(raw.learnPrices),
    buildUploadToken: build(raw.buildUploadToken),
    buildApplyUpload: build(raw.buildApplyUpload),
    buildCommitUpload: build(raw.buildCommitUpload),
    /** (bytes, input): the request that uploads `bytes`, with their CRC-32 @param {Uint8Array | ArrayBuffer} bytes @param {object} input */
    buildUploadPut: (/** @type {Uint8Array} */ bytes, /** @type {object=} */ input) =>
      JSON.parse(raw.buildUploadPut(bytes, JSON.stringify(input ?? {}))),
    /** What an image file is, from its bytes, with its SHA-256 and CRC-32 @param {Uint8Array | ArrayBuffer} bytes @param {object=} input */
    checkImage: (/** @type {Uint8Array} */ bytes, /** @type {object=} */ input) =>
      JSON.parse(raw.checkImage(bytes, JSON.stringify(input ?? {}))),
    /** @param {import('../../wasm/jimeng-core').EngineState} state @param {import('../../wasm/jimeng-core').EngineEvent} event @param {number} now */
    step: (state, event, now) => JSON.parse(raw.step(JSON.stringify(state), JSON.stringify(event), now)),
    parseGenerate: parse(raw.parseGenerate),
    parseHistory: parse(raw.parseHistory),
    parseAccount: parse(raw.parseAccount),
    parseCredit: parse(raw.parseCredit),
    parseConsent: parse(raw.parseConsent),
    parseCreditHistory: parse(raw.parseCreditHistory),
    parseModelConfig: parse(raw.parseModelConfig),
    parseVideoModelConfig: parse(raw.parseVideoModelConfig),
    parseAssetList: parse(raw.parseAssetList),
    parseImageResign: parse(raw.parseImageResign),
    parseLocalItemList: parse(raw.parseLocalItemList),
    parseCreditReceive: parse(raw.parseCreditReceive),
    parseUploadToken: parse(raw.parseUploadToken),
    parseApplyUpload: parse(raw.parseApplyUpload),
    parseUploadPut: parse(raw.parseUploadPut),
    parseCommitUpload: parse(raw.parseCommitUpload),
    builtinModels: () => JSON.parse(raw.builtinModels()).models,
    sites: () => JSON.parse(raw.sites()),
    sign: (/** @type {string} */ path, /** @type {number} */ deviceTime, /** @type {string} */ appVersion) =>
      raw.sign(path, deviceTime, appVersion),
    version: () => raw.version(),
  });
}

/** @typedef {import('../../wasm/jimeng-core').JimengCore} Core */

/** @type {Promise<Core> | undefined} */
let pending;

/**
 * Creates the core once per JavaScript realm (service worker, popup, node test).
 * @param {(options?: object) => Promise<JimengCoreModule>} factory the generated createJimengCore
 * @param {object=} options e.g. { wasmBinary } in node
 */
export function loadCore(factory, options) {
  pending ??= factory(options).then(wrapCore);
  return pending;
}

/** 32 hex digits of fresh randomness for the core's ids and seeds. */
export function freshEntropy() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
