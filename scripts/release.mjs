// npm run release -- patch|minor: bumps the version (package.json and its lock; the manifest takes it from there
// at build time) and turns CHANGELOG.md's "Unreleased" section into the new version's, dated today. It commits
// nothing: check the changelog's words, update the popup's `whatsNewHighlights`, then `npm run package`.
// RELEASE_ROOT points it at another folder (its test runs it on a copy).
import fs from 'node:fs';
import path from 'node:path';

const root = process.env.RELEASE_ROOT ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const part = process.argv[2];
if (part !== 'patch' && part !== 'minor') {
  console.error('usage: npm run release -- patch|minor');
  process.exit(2);
}
const file = (name) => path.join(root, name);
const pkg = JSON.parse(fs.readFileSync(file('package.json'), 'utf8'));
const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(pkg.version);
if (!m) throw new Error(`package.json's version ${pkg.version} is not major.minor.patch`);
const [major, minor, patch] = m.slice(1).map(Number);
const next = part === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;

const changelog = fs.readFileSync(file('CHANGELOG.md'), 'utf8');
const heading = '## [Unreleased]';
const at = changelog.indexOf(heading);
if (at < 0) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
const after = at + heading.length;
const end = changelog.indexOf('\n## [', after);
const unreleased = changelog.slice(after, end < 0 ? undefined : end).trim();
const today = new Date().toISOString().slice(0, 10);
const body = unreleased || '### Changed\n- (say here what changed for users)';
const updated = `${changelog.slice(0, after)}\n\n## [${next}] - ${today}\n\n${body}\n${end < 0 ? '' : changelog.slice(end)}`;

pkg.version = next;
fs.writeFileSync(file('package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
if (fs.existsSync(file('package-lock.json'))) {
  const lock = JSON.parse(fs.readFileSync(file('package-lock.json'), 'utf8'));
  lock.version = next;
  if (lock.packages?.['']) lock.packages[''].version = next;
  fs.writeFileSync(file('package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}
fs.writeFileSync(file('CHANGELOG.md'), updated);
console.log(
  `version ${m[0]} → ${next}; CHANGELOG.md: "Unreleased" is now [${next}] - ${today}${unreleased ? '' : ' (it was empty: write what changed)'}`,
);
console.log('next: check CHANGELOG.md, update whatsNewHighlights in _locales/*/messages.json, then npm run package');
