// The store listing (store/listing.json) in each language: within the stores' limits (Chrome Web Store and
// Edge Add-ons, the tighter of the two), and the same name and summary the extension itself shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const listing = JSON.parse(fs.readFileSync(new URL('../../store/listing.json', import.meta.url), 'utf8'));
for (const locale of ['zh_CN', 'en']) {
  test(`the ${locale} listing fits the stores and matches the extension's own words`, () => {
    const l = listing[locale];
    const messages = JSON.parse(
      fs.readFileSync(new URL(`../../_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
    );
    assert.ok(l.name.length >= 2 && l.name.length <= 45, `name: ${l.name.length} characters`);
    assert.ok(l.summary.length <= 132, `summary: ${l.summary.length} characters (132 at most)`);
    assert.ok(
      l.description.length >= 250 && l.description.length <= 10_000,
      `description: ${l.description.length} characters`,
    );
    assert.equal(l.name, messages.extName.message);
    assert.equal(l.summary, messages.extDescription.message);
  });
}
