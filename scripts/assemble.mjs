// Assembles the loadable extension in dist/: the manifest, locales, extension code and the wasm core,
// and nothing else.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist);
fs.copyFileSync(path.join(root, 'manifest.json'), path.join(dist, 'manifest.json'));
fs.cpSync(path.join(root, '_locales'), path.join(dist, '_locales'), { recursive: true });
for (const folder of ['background', 'content', 'popup', 'shared', 'icons'])
  fs.cpSync(path.join(root, 'extension', folder), path.join(dist, folder), { recursive: true });

/**
 * scripting.executeScript injects classic scripts only, so the tracker's imports of shared modules are
 * inlined (their `export` keywords dropped) and the whole wrapped in one function scope. Only the plain
 * `import { a, b } from '../shared/x.js';` form is supported; anything else fails the build.
 */
function classicScript(file) {
  const source = fs.readFileSync(file, 'utf8');
  const inlined = new Set();
  const body = source.replace(/^import \{[^}]+\} from '(\.\.\/shared\/[\w-]+\.js)';$/gm, (_, rel) => {
    const dep = path.resolve(path.dirname(file), rel);
    if (inlined.has(dep)) return '';
    inlined.add(dep);
    const code = fs.readFileSync(dep, 'utf8');
    if (/^import /m.test(code)) throw new Error(`${rel}: nested imports are not supported in injected scripts`);
    return `// ---- ${rel}\n${code.replace(/^\/\/ @ts-check\n/m, '').replace(/^export (const|function|async function) /gm, '$1 ')}// ----`;
  });
  if (/^(import|export) /m.test(body)) throw new Error(`${file}: only '../shared/*.js' imports can be inlined`);
  return `(() => {\n${body}\n})();\n`;
}
fs.mkdirSync(path.join(dist, 'tracker'));
fs.writeFileSync(path.join(dist, 'tracker', 'tracker.js'), classicScript(path.join(root, 'extension/tracker/tracker.js')));
fs.mkdirSync(path.join(dist, 'wasm'));
for (const file of ['jimeng-core.mjs', 'jimeng-core.wasm'])
  fs.copyFileSync(path.join(root, 'build/wasm', file), path.join(dist, 'wasm', file));
// The service worker as one module: a cold start then reads one file instead of a graph of ~20, which is
// most of its start-up time. (The wasm core is located explicitly: see core-instance.js.)
buildSync({ entryPoints: [path.join(dist, 'background/worker.js')], bundle: true, format: 'esm', target: 'chrome120',
  outfile: path.join(dist, 'background/worker.js'), allowOverwrite: true, legalComments: 'none', logLevel: 'warning' });
for (const file of fs.readdirSync(path.join(dist, 'background'))) if (file !== 'worker.js') fs.rmSync(path.join(dist, 'background', file));


console.log(`extension: ${path.relative(root, dist)}/`);
