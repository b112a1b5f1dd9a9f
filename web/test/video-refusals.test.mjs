// Every departure from the 2026 video drafts (protocol §7.2), each refused with its ret code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { standin, submit, uploaded, useVideoStandin, videoBody } from './video-client.mjs';

useVideoStandin();

test('every departure from the 2026 video drafts is refused with its ret code', async () => {
  uploaded();
  const cases = [
    [
      'a node id that is not a uuid',
      'text',
      ({ input }) => {
        input.id = 'input-id';
      },
      '1002',
    ],
    [
      'a duration the model does not offer',
      'text',
      ({ input }) => {
        input.duration_ms = 3000;
      },
      '1000',
    ],
    [
      'a ratio it does not offer',
      'text',
      ({ params }) => {
        params.video_aspect_ratio = '2:3';
      },
      '1000',
    ],
    [
      'a benefit type of no resolution',
      'text',
      ({ body }) => {
        body.extend.m_video_commerce_info.benefit_type = 'x';
        body.extend.m_video_commerce_info_list = [body.extend.m_video_commerce_info];
      },
      '1000',
    ],
    [
      'functionMode omni for text',
      'text',
      ({ metrics }) => {
        metrics.functionMode = 'omni_reference';
      },
      '1002',
    ],
    [
      'a key the web app does not send',
      'text',
      ({ input }) => {
        input.resolution = '720p';
      },
      '1002',
    ],
    [
      'the omni text in the prompt',
      'omni',
      ({ input }) => {
        input.prompt = 'x';
      },
      '1000',
    ],
    [
      'an image nobody uploaded',
      'omni',
      ({ input }) => {
        input.unified_edit_input.material_list[0].image_info.uri = 'tos-cn-i-tb4s082cfz/none';
        input.unified_edit_input.material_list[0].image_info.image_uri = 'tos-cn-i-tb4s082cfz/none';
      },
      '1000',
    ],
    [
      'an image at the wrong size',
      'omni',
      ({ input }) => {
        input.unified_edit_input.material_list[0].image_info.width = 999;
      },
      '1000',
    ],
    [
      'a withdrawn video 3.0 model',
      'text',
      ({ params }) => {
        params.model_req_key = 'dreamina_ic_generate_video_model_vgfm_3.0';
      },
      '2061',
    ],
  ];
  for (const [name, mode, mutate, ret] of cases) {
    const r = await submit(videoBody(mode, mutate));
    assert.equal(r.json.ret, ret, `${name}: ${r.text}`);
  }
  assert.equal(standin.s.control.ledger().length, 0, 'nothing refused was charged');
});
