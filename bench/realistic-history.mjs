// A get_history_by_ids answer shaped like real captures: N tasks × 4 images, ~22 KB of JSON per image
// (long signed URLs in several sizes, the draft echoed back as a JSON string, assorted metadata).
const sig = (n) => 'x-expires=1771898560&x-signature=' + 'AbCdEf0123456789'.repeat(3).slice(0, 28 + (n % 7)) + '%3D';
const url = (id, size) =>
  `https://p3-dreamina-sign.byteimg.com/tos-cn-i-tb4s082cfz/${id}~tplv-tb4s082cfz-aigc_resize:${size}:${size}.webp?lk3s=8e244e95&${sig(size)}&format=.webp`;

function item(task, i) {
  const id = `${task}${i}`.padEnd(32, 'f');
  const coverMap = {};
  for (const s of ['360', '480', '720', '1080', '2400', '4096']) coverMap[s] = url(id, s);
  const draft = JSON.stringify({
    type: 'draft',
    component_list: [
      {
        abilities: {
          generate: {
            core_param: {
              prompt: '一只可爱的小猫咪在花园里玩耍，阳光明媚，细节丰富，高清摄影风格 '.repeat(6),
              model: 'high_aes_general_v40',
            },
          },
        },
      },
    ],
  });
  return {
    common_attr: {
      id: `76${task}${i}`,
      effect_id: `76${task}${i}`,
      item_type: 1,
      status: 144,
      title: '',
      description: '',
      cover_url: url(id, 360),
      cover_url_map: coverMap,
      cover_uri: `tos-cn-i-tb4s082cfz/${id}`,
      create_time: 1771893826,
      update_time: 1771893880,
      review_info: { review_status: 1, review_code_list: [] },
      aspect_ratio: 1.7777,
      has_published: false,
      local_item_id: `${task}-${i}`,
      extra: JSON.stringify({
        template_type: '',
        generate_type: 'generate',
        origin: 'web',
        extra_flag: 'x'.repeat(400),
      }),
    },
    aigc_image_params: {
      text2image_params: { prompt: 'x', model_config: { model_req_key: 'high_aes_general_v40' } },
      draft_content: draft.repeat(4),
    },
    image: {
      format: 'png',
      image_uri: `tos-cn-i-tb4s082cfz/${id}`,
      large_images: [
        {
          image_uri: `tos-cn-i-tb4s082cfz/${id}`,
          image_url: url(id, 0).replace('aigc_resize', 'aigc_resize_mark'),
          width: 2560,
          height: 1440,
          format: 'png',
        },
      ],
      origin_images: Array.from({ length: 6 }, (_, k) => ({
        image_url: url(id, 100 + k),
        width: 100 + k,
        height: 100 + k,
      })),
    },
    metadata: Object.fromEntries(
      Array.from({ length: 110 }, (_, k) => [`field_${k}`, k % 3 ? `value-${k}-${'y'.repeat(40)}` : k]),
    ),
    statistic: { like_count: 0, favorite_count: 0, download_count: 0, usage_count: 0 },
    padding: Array.from({ length: 32 }, (_, k) => ({ key: `k${k}`, text: url(id, 200 + k) })),
  };
}

export function realisticHistory(taskCount, imagesPerTask = 4) {
  const data = {};
  const ids = [];
  for (let t = 0; t < taskCount; t++) {
    const id = `a1b2c3d4-0000-4000-8000-${String(t).padStart(12, '0')}`;
    ids.push(id);
    data[id] = {
      generate_type: 1,
      history_record_id: String(25594898552322 + t),
      status: 50,
      submit_id: id,
      task: { task_id: String(25594898552322 + t), submit_id: id, status: 50, history_id: String(25594898552322 + t) },
      total_image_count: imagesPerTask,
      finished_image_count: imagesPerTask,
      fail_code: '',
      fail_msg: '',
      queue_info: { queue_idx: 0, queue_length: 0, polling_config: { interval_seconds: 30, timeout_seconds: 86400 } },
      forecast_generate_cost: 4,
      item_list: Array.from({ length: imagesPerTask }, (_, i) => item(t, i)),
    };
  }
  return { ids, text: JSON.stringify({ ret: '0', errmsg: 'success', systime: '1771893880', logid: 'bench', data }) };
}
