// Assembles the loadable extension in dist/: the manifest, locales, extension code and the wasm core,
// and nothing else.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist);
fs.copyFileSync(path.join(root, 'manifest.json'), path.join(dist, 'manifest.json'));
fs.cpSync(path.join(root, '_locales'), path.join(dist, '_locales'), { recursive: true });
for (const folder of ['background', 'content', 'popup', 'shared'])
  fs.cpSync(path.join(root, 'extension', folder), path.join(dist, folder), { recursive: true });
fs.mkdirSync(path.join(dist, 'wasm'));
for (const file of ['jimeng-core.mjs', 'jimeng-core.wasm'])
  fs.copyFileSync(path.join(root, 'build/wasm', file), path.join(dist, 'wasm', file));
console.log(`extension: ${path.relative(root, dist)}/`);
