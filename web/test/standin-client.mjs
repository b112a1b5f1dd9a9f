// One stand-in per node test file, reset before each test, with a client logged in to it (the API tests).
import { after, before, beforeEach } from 'node:test';
import { startStandin } from '../server.mjs';
import { Client } from './client.mjs';

/** Registers the hooks; the returned object's `s` (the stand-in) and `c` (the client) are the current test's. */
export function useStandinClient() {
  const at = { s: /** @type {any} */ (null), c: /** @type {any} */ (null) };
  before(async () => {
    at.s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
  });
  after(() => at.s.close());
  beforeEach(async () => {
    at.s.control.reset();
    at.c = new Client(at.s);
    await at.c.login();
  });
  return at;
}
