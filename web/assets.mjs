// get_asset_list (protocol §8): the account's past work, newest first, page by page (end_time_stamp = the
// previous page's next_offset), each asset a whole history node with its draft. Past work is made by
// seedPastWork: many records, images and videos, made in the web app (submit_ids that are not ours), the older
// ones with expired full-size links.
import { now } from './state.mjs';
import { nodeOf } from './video-tasks.mjs';

const TYPES = [1, 2, 5, 6, 7, 8, 9, 10];

/** When a task ended (stand-in ms), or now for one still running: get_asset_list's end-time order lists
 *  unfinished work first. */
function endMs(state, task) {
  const t = task.timings;
  const end = task.stalled
    ? Infinity
    : task.kind === 'video'
      ? task.createdMs + t.videoQueueMs + (task.banned ? 0 : t.videoGenMs)
      : task.createdMs + t.queueMs + (task.banned ? 0 : t.thinkMs + t.perImageMs * task.count);
  return Math.min(end, now(state));
}

/** Every task of the site with its listing time (creation or end), newest first; kept while the tasks are the same. */
function newestFirst(state, site) {
  const own = () => [...state.tasks.values()].filter((task) => (task.site ?? 'jimeng') === site);
  if (state.assets.order === 'end')
    return own()
      .map((task) => ({ task, at: endMs(state, task) }))
      .sort((a, b) => b.at - a.at);
  if (state.assetOrder?.size !== state.tasks.size || state.assetOrder.site !== site)
    state.assetOrder = {
      size: state.tasks.size,
      site,
      list: own()
        .map((task) => ({ task, at: task.createdMs }))
        .sort((a, b) => b.at - a.at),
    };
  return state.assetOrder.list;
}

/** A page: {ret, errmsg} for a body §8 would not send, else {data}. */
export function assetPage(state, body, site = 'jimeng') {
  const o = body?.option;
  if (!Number.isInteger(body?.count) || body.count < 1 || body.count > 100)
    return { ret: '1000', errmsg: 'invalid parameter: count' };
  if (
    body.direction !== 1 ||
    body.mode !== 'workbench' ||
    !o ||
    typeof o !== 'object' ||
    !Number.isInteger(o.end_time_stamp) ||
    o.end_time_stamp < 0 ||
    !Array.isArray(body.asset_type_list) ||
    !body.asset_type_list.every((t) => TYPES.includes(t)) ||
    !Array.isArray(o.image_info?.image_scene_list)
  )
    return { ret: '1000', errmsg: 'invalid parameter: asset list option' };
  const all = newestFirst(state, site);
  // Strictly older than the cursor: the record at next_offset itself was on the previous page.
  let from = 0;
  if (o.end_time_stamp > 0) {
    let lo = 0,
      hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].at >= o.end_time_stamp) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  const page = all.slice(from, from + body.count);
  const asset_list = page.map(({ task }) => {
    const node = { ...nodeOf(state, task), draft_content: task.draftContent };
    if (task.listedWithoutSubmitId) {
      delete node.submit_id;
      node.task = { ...node.task, submit_id: '' };
    }
    if (task.kind === 'video')
      return {
        id: task.historyId,
        uid: state.account.userId,
        type: 7,
        video: { ...node, generate_type: 32, first_generate_type: 10 },
      };
    return { id: task.historyId, uid: state.account.userId, type: 1, image: node };
  });
  const last = page.at(-1);
  if (state.assets.stuckPages > 0) {
    // a list that says there is more but does not move on (issue 34)
    state.assets.stuckPages--;
    return { data: { has_more: true, ...(o.end_time_stamp ? { next_offset: o.end_time_stamp } : {}), asset_list } };
  }
  return { data: { has_more: from + page.length < all.length, next_offset: last ? last.at : 0, asset_list } };
}
