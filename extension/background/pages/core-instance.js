// @ts-check
// The worker's one wasm core, and the one way requests are made: built by the core with the caller's clock,
// entropy and the learned session; run through a Jimeng page; read by the core.
import createJimengCore from '../../wasm/jimeng-core.mjs';
import wasmBase64 from '../../wasm/jimeng-core-base64.js';
import { freshEntropy, loadCore } from '../../shared/core.js';
import { runThroughPage } from './bridges.js';
import { sessionInput } from './session.js';
import { siteId } from '../../shared/site.js';

const coreStartMs = performance.now();

// The wasm ships inside this script as base64 (scripts/assemble.mjs writes the module): a fetch of an
// extension file costs a waking worker 20-80 ms. Compiling starts here, off this thread, while the rest of
// the worker's modules run; Emscripten's own path would start it only after they all had. (Deflating it made
// the script smaller, but the inflate stream cost more than the extra script.)
const compiled = WebAssembly.compile(Uint8Array.fromBase64(wasmBase64));
/** @type {(reason: unknown) => void} */
let fail = () => {};
/** @type {Promise<never>} a failed compile or instantiation: Emscripten's hook has no way to report one */
const failed = new Promise((_, reject) => {
  fail = reject;
});
export const core = Promise.race([
  failed,
  loadCore(createJimengCore, {
    instantiateWasm(
      /** @type {WebAssembly.Imports} */ imports,
      /** @type {(i: WebAssembly.Instance, m: WebAssembly.Module) => void} */ receive,
    ) {
      compiled
        .then((module) => WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)))
        .catch(fail);
      return {};
    },
  }),
]);
// For `npm run bench:e2e`: ms from this worker's start to its modules running, and to a usable core.
core.then(() => {
  Object.assign(self, { coreStartMs, coreReadyMs: performance.now() });
});

/** Fields every builder needs; the session is the one of the input's `site` (Jimeng when it names none). */
export async function clocked(/** @type {Record<string, any>} */ input = {}) {
  return { ...input, now: Date.now(), entropy: freshEntropy(), session: await sessionInput(siteId(input.site)) };
}

/** A failure of the transport (no page, tab closed, timeout), shaped like a core error. */
export const transportError = (/** @type {any} */ e) => ({
  ok: false,
  transport: true,
  error: { kind: 'server_error', code: e?.code ?? 'network', message: String(e?.message ?? e), retry: 'later' },
});

/**
 * @param {string} build  core builder name
 * @param {string} parse  core parser name
 * @param {Record<string, any>} input  with `site` for a Dreamina request (its session, its page, its parse)
 * @param {object=} context  extra parse context (e.g. submitIds)
 */
export async function call(build, parse, input = {}, context = {}) {
  const c = /** @type {any} */ (await core); // any builder with any parser: each caller knows its answer's shape
  const site = siteId(input.site);
  const built = c[build](await clocked(input));
  if (!built.ok) return built;
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await runThroughPage(built.request, { site });
      return c[parse](answer.body, { status: answer.status, ...context, site });
    } catch (/** @type {any} */ e) {
      // the bridge's failure: {code, notSent?, message}
      // These requests change nothing on the service, so one whose tab closed under it runs again on
      // another page. (Submits do not come through here: a lost submit is looked up, never re-run blindly.)
      if (e?.code === 'bridge_gone' && attempt === 0) continue;
      return transportError(e);
    }
  }
}
