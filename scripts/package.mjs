// npm run package: builds the extension and writes release/jimeng-helper-<version>.zip for the Chrome Web Store
// and Edge Add-ons. Only files reached from the manifest or from a page go in: the manifest's own entries
// (worker, content scripts, pages, icons, locales), then whatever a reached HTML or script names by path,
// until nothing new is found. Anything else in dist/ fails the build (nothing unused ships). The zip is
// reproducible: entries in code-point order, one fixed timestamp, fixed compression; two runs give the same
// bytes. `--no-build` packages the dist/ that is there (the e2e tier builds it first). It prints the zip's SHA-256;
// `--record` also writes it into CHANGELOG.md's entry for this version (after `npm run release`), so anyone can
// build the same commit and compare.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = process.env.DIST_DIR ? path.resolve(process.env.DIST_DIR) : path.join(root, 'dist'); // as assemble.mjs
// 2026-01-01 00:00 UTC, as a local time: zip stores local times, and fflate reads them from this Date.
const FIXED_TIME = new Date(2026, 0, 1, 0, 0, 0);

if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
if (manifest.version !== version)
  throw new Error(`dist/manifest.json says ${manifest.version}, package.json ${version}: build again`);

/** Every file under dist/, as a path relative to it with forward slashes. */
function walk(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}
const all = walk(dist).sort();

/** What the manifest names itself. */
function manifestEntries(m) {
  const out = new Set(['manifest.json']);
  for (const f of Object.values(m.icons ?? {})) out.add(f);
  for (const f of Object.values(m.action?.default_icon ?? {})) out.add(f);
  if (m.action?.default_popup) out.add(m.action.default_popup);
  if (m.side_panel?.default_path) out.add(m.side_panel.default_path);
  if (m.background?.service_worker) out.add(m.background.service_worker);
  for (const c of m.content_scripts ?? []) for (const f of [...(c.js ?? []), ...(c.css ?? [])]) out.add(f);
  if (m.default_locale) for (const f of all) if (f.startsWith('_locales/')) out.add(f);
  return out;
}

/** Paths a reached file names: root-relative ones anywhere in its text, and an HTML page's relative src/href. */
function namedBy(file) {
  const text = fs.readFileSync(path.join(dist, file), 'utf8');
  const found = new Set();
  for (const candidate of all)
    if (text.includes(`'${candidate}'`) || text.includes(`"${candidate}"`) || text.includes(`/${candidate}`))
      found.add(candidate);
  if (file.endsWith('.html'))
    for (const [, ref] of text.matchAll(/(?:src|href)="([^"#?:]+)"/g))
      found.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)));
  return found;
}

const reached = manifestEntries(manifest);
for (let queue = [...reached]; queue.length;) {
  const file = queue.pop();
  if (!/\.(html|js|css|json)$/.test(file)) continue;
  for (const f of namedBy(file))
    if (!reached.has(f)) {
      reached.add(f);
      queue.push(f);
    }
}
const missing = [...reached].filter((f) => !all.includes(f));
if (missing.length) throw new Error(`named but not built: ${missing.join(', ')}`);
const unused = all.filter((f) => !reached.has(f));
if (unused.length) throw new Error(`in dist/ but reached from nothing: ${unused.join(', ')}`);
const forbidden = all.filter((f) => /\.(map|d\.ts|d\.mts|test\.m?js|spec\.m?js)$/.test(f));
if (forbidden.length) throw new Error(`test-only or source-map files in dist/: ${forbidden.join(', ')}`);

const entries = Object.fromEntries(
  all.map((f) => [
    f,
    [fs.readFileSync(path.join(dist, f)), { mtime: FIXED_TIME, level: /\.(png|jpg|webp)$/.test(f) ? 0 : 9 }],
  ]),
);
const zip = zipSync(entries);
fs.mkdirSync(path.join(root, 'release'), { recursive: true });
const out = path.join(root, 'release', `jimeng-helper-${version}.zip`);
fs.writeFileSync(out, zip);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sha256 = createHash('sha256').update(zip).digest('hex');
console.log(`${path.relative(root, out)}: ${kb(zip.length)}, ${all.length} files, SHA-256 ${sha256}`);
if (process.argv.includes('--record')) recordInChangelog(path.basename(out), sha256);
for (const f of all) console.log(`  ${kb(fs.statSync(path.join(dist, f)).size).padStart(10)}  ${f}`);

/** Writes `Package: <zip>, SHA-256 <hex>` under this version's CHANGELOG.md heading (replacing an older line). */
function recordInChangelog(/** @type {string} */ name, /** @type {string} */ hash) {
  const file = process.env.CHANGELOG_PATH ?? path.join(root, 'CHANGELOG.md');
  const text = fs.readFileSync(file, 'utf8');
  const heading = new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\][^\\n]*\\n`, 'm');
  const at = heading.exec(text);
  if (!at) throw new Error(`CHANGELOG.md has no entry for ${version}: run npm run release first`);
  const start = at.index + at[0].length;
  const line = `\nPackage: \`${name}\`, SHA-256 \`${hash}\`\n`;
  const old = /^\nPackage: `[^`]+`, SHA-256 `[0-9a-f]{64}`\n/.exec(text.slice(start));
  fs.writeFileSync(file, text.slice(0, start) + line + text.slice(start + (old ? old[0].length : 0)));
  console.log(`CHANGELOG.md: ${version} records SHA-256 ${hash}`);
}
