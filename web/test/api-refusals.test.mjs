// Every way a submit or a poll can depart from the protocol, each answered with its own ret code (the stand-in's
// strictness: api.test.mjs has the rest of the API).
import test, { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startStandin } from '../server.mjs';
import { Client } from './client.mjs';

let s, c;
before(async () => {
  s = await startStandin({ certDir: '/tmp/jimeng-standin-test-certs' });
});
after(() => s.close());
beforeEach(async () => {
  s.control.reset();
  c = new Client(s);
  await c.login();
});
const withGenOption = (count) => (body, draft, comp) => {
  comp.abilities.gen_option = { type: '', id: 'x', generate_all: false, gen_count: count };
};

test('every rejection answers its own ret code', async () => {
  const cases = [
    [
      'wrong sign → 1014',
      () => c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] }, { sign: '0'.repeat(32) }),
      '1014',
    ],
    [
      'stale device-time → 1014',
      () => c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] }, { deviceTime: 1000 }),
      '1014',
    ],
    [
      'no session → 1015',
      async () => {
        c.cookies = {};
        return c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] });
      },
      '1015',
    ],
    [
      'older appvr → 3018',
      () => {
        c.versions.appvr = '8.3.9';
        return c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] });
      },
      '3018',
    ],
    [
      'older da_version → 3018',
      () => {
        c.versions.daVersion = '3.2.9';
        return c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] });
      },
      '3018',
    ],
    [
      'draft_content as an object → 1002',
      () =>
        c.submit((body, draft) => {
          body.draft_content = draft;
        }),
      '1002',
    ],
    [
      'draft_content not JSON → 1002',
      () =>
        c.submit((body) => {
          body.draft_content = '{"type":';
        }),
      '1002',
    ],
    ['body not JSON → 1002', () => c.post('/mweb/v1/aigc_draft/generate', null, { raw: '{not json' }), '1002'],
    [
      'unknown model → 1000',
      () =>
        c.submit((body, draft, comp) => {
          comp.abilities.generate.core_param.model = 'nope';
          body.extend.root_model = 'nope';
        }),
      '1000',
    ],
    [
      "size not in the model's table → 1000",
      () =>
        c.submit((b, d, comp) => {
          comp.abilities.generate.core_param.large_image_info.width = 2000;
        }),
      '1000',
    ],
    [
      '4K size table wrong → 1000',
      () =>
        c.submit((b, d, comp) => {
          Object.assign(comp.abilities.generate.core_param.large_image_info, {
            resolution_type: '4k',
            width: 3840,
            height: 2160,
          });
        }),
      '1000',
    ],
    ['count not allowed → 1001', () => c.submit(withGenOption(9)), '1001'],
    [
      'empty prompt → 1001',
      () =>
        c.submit((b, d, comp) => {
          comp.abilities.generate.core_param.prompt = '  ';
        }),
      '1001',
    ],
    [
      'user_credit with an empty body → 1002',
      () => c.post('/commerce/v1/benefits/user_credit', null, { raw: '' }),
      '1002',
    ],
    ['history without ids → 2008', () => c.post('/mweb/v1/get_history_by_ids', {}), '2008'],
  ];
  for (const [name, run, ret] of cases) {
    s.control.reset();
    c = new Client(s);
    await c.login();
    const r = await run();
    assert.equal(r.json?.ret, ret, `${name}: ${r.text.slice(0, 200)}`);
    assert.equal(s.control.ledger().length, 0, `${name} must not charge`);
  }
});
