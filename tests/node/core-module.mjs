// Loads the built wasm core for node tests and benchmarks (the web build, handed its bytes directly:
// Emscripten 3.1.6's node environment does not work with EXPORT_ES6).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../extension/shared/core.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const wasmDir = process.env.JIMENG_WASM_DIR ?? path.join(root, 'build/wasm'); // a variant's build, for size experiments

export async function core() {
  const glue = path.join(wasmDir, 'jimeng-core.mjs');
  if (!fs.existsSync(glue)) throw new Error('build the core first: npm run build:core');
  const { default: factory } = await import(glue);
  return loadCore(factory, { wasmBinary: fs.readFileSync(path.join(wasmDir, 'jimeng-core.wasm')) });
}

export async function rawModule() {
  const { default: factory } = await import(path.join(wasmDir, 'jimeng-core.mjs'));
  return factory({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'jimeng-core.wasm')) });
}

export const samples = (name) => fs.readFileSync(path.join(root, 'wasm/tests/samples', name));
