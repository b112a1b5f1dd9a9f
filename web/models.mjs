// The stand-in's model catalogue, from protocol §4.1/§4.2 (written independently of the C++ core).
const RATIOS = ['1:1', '3:4', '16:9', '4:3', '9:16', '2:3', '3:2', '21:9'];
const rows = (list) => Object.fromEntries(list.map(([w, h], i) => [i + 1, { width: w, height: h }]));
export const SIZES = {
  '1k-v3': rows([
    [1328, 1328],
    [1104, 1472],
    [1664, 936],
    [1472, 1104],
    [936, 1664],
    [1056, 1584],
    [1584, 1056],
    [2016, 864],
  ]),
  '1k-v2': rows([
    [1024, 1024],
    [768, 1024],
    [1024, 576],
    [1024, 768],
    [576, 1024],
    [682, 1024],
    [1024, 682],
    [1195, 512],
  ]),
  '2k': rows([
    [2048, 2048],
    [1728, 2304],
    [2560, 1440],
    [2304, 1728],
    [1440, 2560],
    [1664, 2496],
    [2496, 1664],
    [3024, 1296],
  ]),
  '4k': rows([
    [4096, 4096],
    [3520, 4693],
    [5404, 3040],
    [4693, 3520],
    [3040, 5404],
    [3328, 4992],
    [4992, 3328],
    [6197, 2656],
  ]),
};
const upTo = (n) => Array.from({ length: n }, (_, i) => i + 1);
// Reference images a model takes (protocol §4.3: 6 for 4.0, 10 for 5.0); 智能超清 on the newest models.
const modern = (key, name, inputImageLimit = 6, proHd = false) => ({
  key,
  name,
  resolutions: { '2k': SIZES['2k'], '4k': SIZES['4k'] },
  counts: upTo(8),
  intelligentRatio: true,
  inputImageLimit,
  proHd,
});
const v3 = (key, name) => ({
  key,
  name,
  resolutions: { '1k': SIZES['1k-v3'], '2k': SIZES['2k'] },
  counts: upTo(4),
  intelligentRatio: false,
  inputImageLimit: 1,
  proHd: false,
});

export const MODELS = [
  modern('high_aes_general_v50', '图片 5.0 Lite', 10, true),
  modern('high_aes_general_v43', '图片 4.7', 6, true),
  modern('high_aes_general_v42', '图片 4.6'),
  modern('high_aes_general_v40l', '图片 4.5'),
  modern('high_aes_general_v41', '图片 4.1'),
  modern('high_aes_general_v40', '图片 4.0'),
  v3('high_aes_general_v30l_art_fangzhou:general_v3.0_18b', '图片 3.1'),
  v3('high_aes_general_v30l:general_v3.0_18b', '图片 3.0'),
  {
    key: 'high_aes_general_v20_L:general_v2.0_L',
    name: '图片 2.0 Pro',
    resolutions: { '1k': SIZES['1k-v2'] },
    counts: upTo(4),
    intelligentRatio: false,
    inputImageLimit: 0,
    proHd: false,
  },
];

export const findModel = (key) => MODELS.find((m) => m.key === key);
export const ratioLabel = (code) => RATIOS[code - 1];
/** Credits per image: what a generation costs at each resolution. */
export const CREDITS_PER_IMAGE = { '1k': 1, '2k': 1, '4k': 2 };

/** Dreamina names the same models in English (§9: its catalogue is its own). */
const englishName = (name) => name.replace('图片', 'Image');

/** get_common_config's model list, in the shape the stand-in documents (see web/README.md). */
export function commonConfigModels(site = 'jimeng') {
  return MODELS.map((m) => ({
    model_req_key: m.key,
    model_name: site === 'dreamina' ? englishName(m.name) : m.name,
    model_tip: '',
    is_new: m.key.endsWith('v50'),
    feats: [...(m.intelligentRatio ? ['intelligent_ratio'] : []), ...(m.proHd ? ['pro_hd'] : [])],
    input_image_limit: m.inputImageLimit,
    gen_count_list: m.counts,
    resolution_map: Object.fromEntries(
      Object.entries(m.resolutions).map(([res, table]) => [
        res,
        {
          resolution_type: res,
          image_ratio_sizes: Object.entries(table).map(([code, s]) => ({
            ratio_type: Number(code),
            width: s.width,
            height: s.height,
          })),
        },
      ]),
    ),
  }));
}
