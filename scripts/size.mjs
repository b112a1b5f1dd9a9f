// Where the core's bytes go: the size of every function in build/wasm/jimeng-core.wasm, named from the
// symbol map the link writes beside it (emcc --emit-symbol-map), grouped by the library or core folder that
// owns it. `node scripts/size.mjs [--top N] [--wasm path]`; scripts/size.sh builds first.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const wasmPath = option('--wasm', 'build/wasm/jimeng-core.wasm');
const top = Number(option('--top', 25));
const bytes = fs.readFileSync(wasmPath);

/** @returns {[number, number]} value and bytes read */
function leb(at) {
  let value = 0,
    shift = 0,
    n = 0,
    b;
  do {
    b = bytes[at + n++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, n];
}

// Sections: count imported functions (they come first in the function index space), then each body's size.
let importedFunctions = 0;
const bodies = [];
for (let at = 8; at < bytes.length;) {
  const id = bytes[at];
  const [size, n] = leb(at + 1);
  const start = at + 1 + n;
  if (id === 2) {
    // imports: module name, field name, kind, then the kind's own fields
    let p = start;
    const [count, c] = leb(p);
    p += c;
    for (let i = 0; i < count; i++) {
      for (let s = 0; s < 2; s++) {
        const [len, l] = leb(p);
        p += l + len;
      }
      const kind = bytes[p++];
      if (kind === 0) {
        importedFunctions++;
        p += leb(p)[1];
      } else if (kind === 1) {
        p++;
        const flags = bytes[p++];
        p += leb(p)[1];
        if (flags & 1) p += leb(p)[1];
      } else if (kind === 2) {
        const flags = bytes[p++];
        p += leb(p)[1];
        if (flags & 1) p += leb(p)[1];
      } else if (kind === 3) p += 2;
      else if (kind === 4) {
        p++;
        p += leb(p)[1];
      }
    }
  }
  if (id === 10) {
    let p = start;
    const [count, c] = leb(p);
    p += c;
    for (let i = 0; i < count; i++) {
      const [len, l] = leb(p);
      bodies.push(len + l);
      p += l + len;
    }
  }
  at = start + size;
}

const symbolFile = [
  `${wasmPath.replace(/\.wasm$/, '.mjs')}.symbols`,
  `${wasmPath.replace(/\.wasm$/, '')}.js.symbols`,
].find((f) => fs.existsSync(f));
const names = new Map();
if (symbolFile)
  for (const line of fs.readFileSync(symbolFile, 'utf8').split('\n')) {
    const colon = line.indexOf(':');
    // The map escapes characters a wasm name may not hold as \XX (hex): \28 is '('.
    if (colon > 0)
      names.set(
        Number(line.slice(0, colon)),
        line.slice(colon + 1).replace(/\\([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      );
  }
const mangled = bodies.map((_, i) => names.get(i + importedFunctions) ?? `function ${i + importedFunctions}`);
let demangled = mangled;
try {
  demangled = execFileSync('c++filt', { input: mangled.join('\n'), maxBuffer: 1 << 28 })
    .toString()
    .split('\n');
} catch {
  /* names stay mangled */
}

/** The library or core namespace a function belongs to, from its own qualified name (not its arguments). */
function owner(name) {
  const head = name.split('(')[0];
  if (/nlohmann::/.test(head)) return 'nlohmann::json';
  if (/rapidjson::/.test(head)) return 'rapidjson';
  if (/emscripten|embind|_embind_/.test(head)) return 'embind';
  const inner = head.match(/\bjimeng::(\w+)::/);
  if (inner && inner[1] !== 'anonymous') return `jimeng::${inner[1]}`;
  if (/\bjimeng::/.test(head)) return 'jimeng';
  if (/\bstd::/.test(head)) return 'libc++';
  return 'libc, runtime, other';
}

const rows = demangled.map((name, i) => ({ name, size: bodies[i] }));
const total = rows.reduce((a, r) => a + r.size, 0);
const groups = new Map();
for (const r of rows) {
  const g = owner(r.name);
  groups.set(g, (groups.get(g) ?? 0) + r.size);
}
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(
  `${path.relative('.', wasmPath)}: ${kb(bytes.length)} KB raw, ${kb(zlib.gzipSync(bytes, { level: 9 }).length)} KB gzip; code ${kb(total)} KB in ${rows.length} functions${symbolFile ? '' : ' (no symbol map: names unknown)'}`,
);
console.log('\ncode by owner                                 KB   share');
for (const [g, size] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${g.slice(0, 40).padEnd(40)} ${kb(size)}  ${((100 * size) / total).toFixed(1).padStart(5)}%`);
console.log(`\nlargest ${top} functions                                                                    KB`);
for (const r of rows.sort((a, b) => b.size - a.size).slice(0, top))
  console.log(`  ${r.name.replace(/\s+/g, ' ').slice(0, 86).padEnd(86)} ${kb(r.size)}`);
