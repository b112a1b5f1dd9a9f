// Every way a submit or a poll can depart from the protocol, each answered with its own ret code (the stand-in's
// strictness: api.test.mjs has the rest of the API).
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './client.mjs';
import { useStandinClient } from './standin-client.mjs';

const at = useStandinClient();
const withGenOption = (count) => (body, draft, comp) => {
  comp.abilities.gen_option = { type: '', id: 'x', generate_all: false, gen_count: count };
};

test('every rejection answers its own ret code', async () => {
  const cases = [
    [
      'wrong sign → 1014',
      () => at.c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] }, { sign: '0'.repeat(32) }),
      '1014',
    ],
    [
      'stale device-time → 1014',
      () => at.c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] }, { deviceTime: 1000 }),
      '1014',
    ],
    [
      'no session → 1015',
      async () => {
        at.c.cookies = {};
        return at.c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] });
      },
      '1015',
    ],
    [
      'older appvr → 3018',
      () => {
        at.c.versions.appvr = '8.3.9';
        return at.c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] });
      },
      '3018',
    ],
    [
      'older da_version → 3018',
      () => {
        at.c.versions.daVersion = '3.2.9';
        return at.c.post('/mweb/v1/get_history_by_ids', { submit_ids: ['x'] });
      },
      '3018',
    ],
    [
      'draft_content as an object → 1002',
      () =>
        at.c.submit((body, draft) => {
          body.draft_content = draft;
        }),
      '1002',
    ],
    [
      'draft_content not JSON → 1002',
      () =>
        at.c.submit((body) => {
          body.draft_content = '{"type":';
        }),
      '1002',
    ],
    ['body not JSON → 1002', () => at.c.post('/mweb/v1/aigc_draft/generate', null, { raw: '{not json' }), '1002'],
    [
      'unknown model → 1000',
      () =>
        at.c.submit((body, draft, comp) => {
          comp.abilities.generate.core_param.model = 'nope';
          body.extend.root_model = 'nope';
        }),
      '1000',
    ],
    [
      "size not in the model's table → 1000",
      () =>
        at.c.submit((b, d, comp) => {
          comp.abilities.generate.core_param.large_image_info.width = 2000;
        }),
      '1000',
    ],
    [
      '4K size table wrong → 1000',
      () =>
        at.c.submit((b, d, comp) => {
          Object.assign(comp.abilities.generate.core_param.large_image_info, {
            resolution_type: '4k',
            width: 3840,
            height: 2160,
          });
        }),
      '1000',
    ],
    ['count not allowed → 1001', () => at.c.submit(withGenOption(9)), '1001'],
    [
      'empty prompt → 1001',
      () =>
        at.c.submit((b, d, comp) => {
          comp.abilities.generate.core_param.prompt = '  ';
        }),
      '1001',
    ],
    [
      'user_credit with an empty body → 1002',
      () => at.c.post('/commerce/v1/benefits/user_credit', null, { raw: '' }),
      '1002',
    ],
    ['history without ids → 2008', () => at.c.post('/mweb/v1/get_history_by_ids', {}), '2008'],
  ];
  for (const [name, run, ret] of cases) {
    at.s.control.reset();
    at.c = new Client(at.s);
    await at.c.login();
    const r = await run();
    assert.equal(r.json?.ret, ret, `${name}: ${r.text.slice(0, 200)}`);
    assert.equal(at.s.control.ledger().length, 0, `${name} must not charge`);
  }
});
