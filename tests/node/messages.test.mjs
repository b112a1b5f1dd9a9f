// Content scripts are classic scripts and cannot import extension/shared/messages.js, so they spell the
// bridge's message names themselves; this keeps the two in step.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Bridge, BRIDGE_PORT } from '../../extension/shared/messages.js';

test('the page bridge uses the declared message names', () => {
  const main = fs.readFileSync('extension/content/bridge-main.js', 'utf8');
  const declared = /const MSG = (\{[^}]*\})/.exec(main);
  assert.ok(declared, 'bridge-main.js declares MSG');
  const names = Object.fromEntries([...declared[1].matchAll(/(\w+): '([^']+)'/g)].map((m) => [m[1], m[2]]));
  const { reconnect, ...pageSide } = Bridge; // reconnect is between the worker and the relay only
  assert.deepEqual(names, pageSide);
});

test('the relay connects on the declared port name', () => {
  const relay = fs.readFileSync('extension/content/bridge-relay.js', 'utf8');
  assert.match(relay, new RegExp(`BRIDGE_PORT = '${BRIDGE_PORT}'`));
  for (const name of ['reconnect', 'session', 'ready']) assert.ok(relay.includes(`'${Bridge[name]}'`), name);
});
