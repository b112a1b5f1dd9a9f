// The plain-JS way a poll answer is read: JSON.parse, then the same normalisation the core does
// (state, progress, queue, full-size and preview URLs). The benchmark's yardstick.
const FAILED = new Set([10, 30, 40, 100]);
const int = (v) => (typeof v === 'number' ? v : Number.parseInt(v ?? '0', 10) || 0);

function image(item) {
  const large = item?.image?.large_images?.[0];
  const common = item?.common_attr;
  const url = large?.image_url || common?.cover_url;
  if (!url) return null;
  const map = common?.cover_url_map ?? {};
  const preview = map['720'] || map['1080'] || map['480'] || map['360'] || map['2400'] || common?.cover_url || url;
  const m = /x-expires=(\d+)/.exec(url);
  return {
    url,
    width: large?.width ?? 0,
    height: large?.height ?? 0,
    format: large?.format ?? '',
    uri: large?.image_uri ?? '',
    preview,
    expiresAt: m ? Number(m[1]) : 0,
  };
}

function task(node) {
  const status = int(node.status ?? node.task?.status);
  const total = int(node.total_image_count),
    finished = int(node.finished_image_count);
  const images = (node.item_list ?? []).map(image).filter(Boolean);
  const ok = status === 50 || (status === 45 && total > 0 && finished >= total);
  const state = FAILED.has(status)
    ? 'failed'
    : ok
      ? images.length > 0 && images.length >= total
        ? 'done'
        : 'generating'
      : status === 0 || status === 20
        ? 'queued'
        : 'generating';
  return {
    state,
    status,
    submitId: node.submit_id ?? node.task?.submit_id ?? '',
    total,
    finished,
    images,
    queue: node.queue_info
      ? { position: int(node.queue_info.queue_idx), length: int(node.queue_info.queue_length) }
      : undefined,
  };
}

export function parseHistoryJs(text) {
  const doc = JSON.parse(text);
  if (doc.ret !== '0') return { ok: false };
  const tasks = {};
  for (const [id, node] of Object.entries(doc.data)) tasks[id] = task(node);
  return { ok: true, tasks };
}
