// The privacy statement is one text: PRIVACY.md holds, word for word, what the welcome page shows in each
// language (its privacy* messages), so neither can change without the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const statement = fs.readFileSync(new URL('../../PRIVACY.md', import.meta.url), 'utf8');
for (const locale of ['zh_CN', 'en']) {
  test(`PRIVACY.md says what the welcome page says in ${locale}`, () => {
    const messages = JSON.parse(
      fs.readFileSync(new URL(`../../_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
    );
    const paragraphs = ['privacyStored', 'privacyHosts', 'privacyNothingElse', 'privacyPermissions'].map(
      (k) => messages[k]?.message,
    );
    for (const p of paragraphs) {
      assert.ok(p, 'the message exists');
      assert.ok(statement.includes(p), `PRIVACY.md lacks: ${p.slice(0, 60)}…`);
    }
  });
}
