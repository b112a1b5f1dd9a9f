// The stand-in's video models (protocol §7.1, §7.4, §7.5), written from the protocol, not from our core.
const RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
// Pixel sizes at 720p (§7.3 gives 9:16 → 704×1248 and 1:1 → 960×960; the rest keep about as many pixels).
const SIZES_720 = {
  '21:9': [1470, 630],
  '16:9': [1248, 704],
  '4:3': [1112, 834],
  '1:1': [960, 960],
  '3:4': [834, 1112],
  '9:16': [704, 1248],
};
const SCALE = { '480p': 2 / 3, '720p': 1, '1080p': 1.5 };
const even = (n) => Math.round(n / 2) * 2;
export function videoSize(ratio, resolution) {
  const [w, h] = SIZES_720[ratio];
  return { width: even(w * SCALE[resolution]), height: even(h * SCALE[resolution]) };
}
const seconds = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const VIDEO_MODELS = [
  {
    key: 'dreamina_seedance_40_pro',
    name: 'Seedance 2.0',
    durations: seconds(4, 15),
    resolutions: ['720p'],
    ratios: RATIOS,
    benefit: { '720p': 'dreamina_video_seedance_20_pro' },
    perSecond: { '720p': 14 },
    maxImages: 9,
    maxMaterials: 12,
    inputModes: ['unified_edit', 'prompt', 'first_frame', 'end_frame'],
  },
  {
    key: 'dreamina_seedance_40',
    name: 'Seedance 2.0 Fast',
    durations: seconds(4, 15),
    resolutions: ['720p'],
    ratios: RATIOS,
    benefit: { '720p': 'dreamina_video_seedance_20_fast' },
    perSecond: { '720p': 6 },
    maxImages: 9,
    maxMaterials: 12,
    inputModes: ['unified_edit', 'prompt', 'first_frame', 'end_frame'],
  },
  {
    key: 'dreamina_seedance_45_pro',
    name: 'Seedance 2.5',
    durations: seconds(4, 30),
    resolutions: ['720p', '1080p', '480p'],
    ratios: RATIOS,
    benefit: {
      '480p': 'dreamina_video_seedance_25_480p',
      '720p': 'dreamina_video_seedance_25_720p',
      '1080p': 'dreamina_video_seedance_25_1080p',
    },
    perSecond: { '480p': 8, '720p': 16, '1080p': 30 },
    maxImages: 9,
    maxMaterials: 12,
    inputModes: ['prompt', 'first_frame', 'end_frame'],
  },
];
/** Dreamina's (§9.5): English names, and a benefit per model and resolution, seedance_20_{fast|pro}_{res}_output. */
export const DREAMINA_VIDEO_MODELS = [
  {
    key: 'dreamina_seedance_40',
    name: 'Seedance 2.0 Fast',
    durations: seconds(4, 15),
    resolutions: ['720p', '480p'],
    ratios: RATIOS,
    benefit: { '720p': 'seedance_20_fast_720p_output', '480p': 'seedance_20_fast_480p_output' },
    perSecond: { '720p': 6, '480p': 4 },
    maxImages: 9,
    maxMaterials: 12,
    inputModes: ['unified_edit', 'prompt', 'first_frame', 'end_frame'],
  },
  {
    key: 'dreamina_seedance_40_pro',
    name: 'Seedance 2.0',
    durations: seconds(4, 15),
    resolutions: ['720p'],
    ratios: RATIOS,
    benefit: { '720p': 'seedance_20_pro_720p_output' },
    perSecond: { '720p': 14 },
    maxImages: 9,
    maxMaterials: 12,
    inputModes: ['unified_edit', 'prompt', 'first_frame', 'end_frame'],
  },
];
const modelsOf = (site) => (site === 'dreamina' ? DREAMINA_VIDEO_MODELS : VIDEO_MODELS);
export const findVideoModel = (key, site = 'jimeng') => modelsOf(site).find((m) => m.key === key);
/** Old video 3.x keys: withdrawn in 2026, answered with 2061. */
export const isWithdrawnVideoModel = (key) =>
  typeof key === 'string' && key.startsWith('dreamina_ic_generate_video_model_');

const enumOption = (key, type, values, defaultIdx = 0) => ({
  key,
  value_type: 'enum',
  enum_val: { enum_type: type, [type === 'int' ? 'int_value' : 'string_value']: values, default_val_idx: defaultIdx },
});

/** get_common_config {scene: generate_video}: data.model_list, as §7.4 shows an entry. */
export function videoCatalogue(site = 'jimeng') {
  return modelsOf(site).map((m) => ({
    model_req_key: m.key,
    model_name: m.name,
    model_status: 1,
    options: [
      enumOption('resolution', 'string', m.resolutions),
      enumOption('input_media_type', 'string', m.inputModes),
      enumOption(
        'frames',
        'int',
        m.durations.map((s) => s * 24),
        m.durations.indexOf(5),
      ),
      enumOption('fps', 'int', [24]),
      enumOption('video_aspect_ratio', 'string', m.ratios, m.ratios.indexOf('16:9')),
    ],
    commercial_config: {
      default: { benefit_type: m.benefit[m.resolutions[0]] },
      format: '{resolution}',
      format_conf: Object.fromEntries(m.resolutions.map((r) => [r, { benefit_type: m.benefit[r] }])),
    },
    unified_edit_config: {
      supported_materials: [
        { material_type: 1, limit: { max_count: m.maxImages } },
        { material_type: 2, limit: { max_count: 3 } },
        { material_type: 3, limit: { max_count: 3 } },
      ],
      max_total_count: m.maxMaterials,
    },
  }));
}
