// The stand-in for the video node tests (video*.test.mjs): one per file, logged in before each test, and a
// captured 2026 video draft with fresh ids to change (shared/protocol.md §7).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { useStandinClient } from './standin-client.mjs';

/** The running stand-in and a logged-in client, for the current test (set by useVideoStandin). */
export let standin = /** @type {{s: any, c: any}} */ ({ s: null, c: null });

/** Registers the hooks: one stand-in for the file, reset and logged in before each test. */
export function useVideoStandin() {
  standin = useStandinClient();
}

export const sample = (mode) =>
  JSON.parse(
    fs.readFileSync(new URL(`../../wasm/tests/samples/video_${mode}_request_2026.json`, import.meta.url), 'utf8'),
  );
export const UPLOADED = 'tos-cn-i-tb4s082cfz/ref';

/** A captured-shape body with fresh ids (every node's id a new uuid), then changed by `mutate`. */
export function videoBody(mode, mutate = () => {}) {
  const body = sample(mode);
  body.submit_id = crypto.randomUUID();
  const draft = JSON.parse(body.draft_content);
  const fresh = (o) => {
    if (o && typeof o === 'object') {
      if (typeof o.id === 'string') o.id = crypto.randomUUID();
      Object.values(o).forEach(fresh);
    }
  };
  fresh(draft);
  const comp = draft.component_list[0];
  draft.main_component_id = comp.id;
  const metrics = JSON.parse(body.metrics_extra);
  metrics.originSubmitId = body.submit_id;
  mutate({
    body,
    draft,
    comp,
    input: comp.abilities.gen_video.text_to_video_params.video_gen_inputs[0],
    metrics,
    params: comp.abilities.gen_video.text_to_video_params,
  });
  body.metrics_extra = JSON.stringify(metrics);
  comp.abilities.gen_video.video_task_extra = body.metrics_extra;
  body.draft_content = JSON.stringify(draft);
  return body;
}
export const submit = (body) => standin.c.post('/mweb/v1/aigc_draft/generate', body);
export const uploaded = (uri = UPLOADED, width = 1024, height = 1024) =>
  standin.s.state.imagex.images.set(uri, { width, height, format: 'png', colour: [1, 2, 3] });
