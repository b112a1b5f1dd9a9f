// @ts-check
// The one place JavaScript meets the wasm core: creates the module once and turns its JSON-text surface
// into plain objects. Bodies go in as bytes (TextEncoder for strings): Embind's string copy costs about
// 10 ms per MB, one TypedArray.set a small fraction of that. Types: wasm/jimeng-core.d.ts.

/** @typedef {import('../../wasm/jimeng-core').JimengCoreModule} JimengCoreModule */

const encoder = new TextEncoder();

/** @param {JimengCoreModule} raw */
export function wrapCore(raw) {
  /** @param {(input: string) => string} fn */
  const build = (fn) => (/** @type {object} */ input) => JSON.parse(fn.call(raw, JSON.stringify(input ?? {})));
  /** @param {(body: any, context?: string) => string} fn */
  const parse = (fn) => (/** @type {string | Uint8Array | ArrayBuffer} */ body, /** @type {object=} */ context) =>
    JSON.parse(fn.call(raw, typeof body === 'string' ? encoder.encode(body) : body, context ? JSON.stringify(context) : ''));
  return Object.freeze({
    buildGenerate: build(raw.buildGenerate),
    buildHistory: build(raw.buildHistory),
    buildCredit: build(raw.buildCredit),
    buildCreditHistory: build(raw.buildCreditHistory),
    buildModelConfig: build(raw.buildModelConfig),
    buildImageResign: build(raw.buildImageResign),
    planDownloads: build(raw.planDownloads),
    parseGenerate: parse(raw.parseGenerate),
    parseHistory: parse(raw.parseHistory),
    parseCredit: parse(raw.parseCredit),
    parseCreditHistory: parse(raw.parseCreditHistory),
    parseModelConfig: parse(raw.parseModelConfig),
    parseImageResign: parse(raw.parseImageResign),
    builtinModels: () => JSON.parse(raw.builtinModels()).models,
    sign: (/** @type {string} */ path, /** @type {number} */ deviceTime, /** @type {string} */ appVersion) =>
      raw.sign(path, deviceTime, appVersion),
    version: () => raw.version(),
  });
}

/** @typedef {ReturnType<typeof wrapCore>} Core */

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
