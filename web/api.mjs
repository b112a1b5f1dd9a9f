// The JSON API: one small handler per endpoint. Each gets the parsed request and the caller's session and
// returns `data`, or a refusal {ret, errmsg}.
import { commonConfigModels } from './models.mjs';
import { issueCredentials } from './imagex.mjs';
import { submit } from './generate.mjs';
import { isExpired, settle, signImageUrl, taskOfImageUri, taskPhase } from './tasks.mjs';
import { nodeOf, videoItem, videoItemId } from './video-tasks.mjs';
import { videoCatalogue } from './video-models.mjs';
import { assetPage } from './assets.mjs';
import { balance, now, nowSeconds, today } from './state.mjs';

const refuse = (ret, errmsg) => ({ refusal: { ret: String(ret), errmsg } });
const listOf = (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? v : null);

function liveTask(state, task) {
  if (!task || isExpired(state, task)) return null;
  settle(state, task, taskPhase(state, task));
  return task;
}

export const API = {
  // Temporary ImageX credentials (protocol §4.4); scene 2 is the image generator's.
  '/mweb/v1/get_upload_token': (state, { body, site }) =>
    body?.scene === 2 ? { data: issueCredentials(state, site) } : refuse(1000, 'invalid parameter: scene'),

  '/mweb/v1/aigc_draft/generate': (state, { body, site }) => {
    const r = submit(state, body, site);
    if (r.ret) return refuse(r.ret, r.errmsg);
    return { data: { aigc_data: nodeOf(state, r.task), fail_starling_key: '', fail_starling_message: '' } };
  },

  '/mweb/v1/get_history_by_ids': (state, { body }) => {
    const data = {};
    if (body?.submit_ids !== undefined) {
      const ids = listOf(body.submit_ids);
      if (!ids) return refuse(1000, 'invalid parameter: submit_ids');
      for (const id of ids) {
        const task = liveTask(state, state.tasks.get(id.toLowerCase()));
        // Unknown ids are simply absent, as on the real site; so is a task created less than historyLagMs ago.
        if (task && !task.unlisted && now(state) - task.createdMs >= (state.timings.historyLagMs ?? 0))
          data[id] = nodeOf(state, task);
      }
    } else if (body?.history_ids !== undefined) {
      const ids = listOf(body.history_ids);
      if (!ids) return refuse(1000, 'invalid parameter: history_ids');
      for (const task of state.tasks.values())
        if (ids.includes(task.historyId) && !task.unlisted && liveTask(state, task))
          data[task.historyId] = nodeOf(state, task);
    } else {
      return refuse(2008, 'invalid parameter: submit_ids or history_ids required');
    }
    return { data };
  },

  '/mweb/v1/get_history_queue_info': (state, { body }) => {
    const ids = listOf(body?.history_ids);
    if (!ids) return refuse(1000, 'invalid parameter: history_ids');
    const data = {};
    for (const task of state.tasks.values()) {
      if (!ids.includes(task.historyId) || !liveTask(state, task)) continue;
      const phase = taskPhase(state, task);
      data[task.historyId] = {
        queue_idx: phase.position ?? 0,
        queue_length: phase.position ? task.timings.queueLength : 0,
        queue_status: phase.position ? 1 : 2,
      };
    }
    return { data };
  },

  '/mweb/v1/get_image_by_uri': (state, { body }) => {
    if (body?.uri !== undefined) return refuse(1000, 'invalid parameter: use uris');
    const uris = listOf(body?.uris);
    if (!uris) return refuse(1000, 'invalid parameter: uris');
    const uri2image = {};
    for (const uri of uris) {
      const task = taskOfImageUri(state, uri)?.task;
      if (!task) continue;
      const url = signImageUrl(state, uri, nowSeconds(state) + 78 * 60, 'aigc_resize_mark:0:0');
      uri2image[uri] = { image_uri: uri, image_url: url, width: task.width, height: task.height, format: 'png' };
    }
    return { data: { uri2image } };
  },

  '/mweb/v1/get_common_config': (state, { body, site }) =>
    body?.scene === 'generate_video'
      ? { data: { model_list: videoCatalogue(site), default_model_req_key: 'dreamina_seedance_40_pro' } }
      : { data: { model_list: commonConfigModels(site), default_model_req_key: 'high_aes_general_v40' } },
  '/mweb/v1/video_generate/get_common_config': (state, { body, site }) =>
    body?.scene === 'generate_video' && body.params && typeof body.params === 'object'
      ? { data: { video_data: { model_list: videoCatalogue(site) } } }
      : refuse(1000, 'invalid parameter: scene'),
  // The user's consent to the AIGC rules (§9.5): Dreamina's page sends it before a first video.
  '/mweb/v1/update_settings': (state, { body }) => {
    if (body?.custom_settings?.aigc_compliance_confirmed !== true || Object.keys(body).length !== 1)
      return refuse(1000, 'invalid parameter: custom_settings');
    state.dreamina.consented = true;
    return { data: {} };
  },

  '/mweb/v1/get_unread_count': () => ({ data: { count: 0 } }),

  // Past work (§8): newest first, page by page; each site lists its own.
  '/mweb/v1/get_asset_list': (state, { body, site }) => {
    const r = assetPage(state, body, site);
    return r.ret ? refuse(r.ret, r.errmsg) : r;
  },

  // Dreamina's video download (§9.6, the captured body): each finished video item's file, freshly signed.
  '/mweb/v1/get_local_item_list': (state, { body, site }) => {
    const ids = body?.item_id_list;
    if (site !== 'dreamina') return refuse(1000, 'unknown api');
    if (
      !Array.isArray(ids) ||
      !ids.length ||
      ids.length > 200 ||
      !ids.every((id) => typeof id === 'string' && /^\d{1,20}$/.test(id)) ||
      Object.keys(body).join() !== 'item_id_list,pack_item_opt,is_for_video_download' ||
      body.is_for_video_download !== true ||
      JSON.stringify(body.pack_item_opt) !== '{"scene":1,"need_data_integrity":true}'
    )
      return refuse(1000, 'invalid parameter: item_id_list');
    const item_list = [];
    for (const task of state.tasks.values())
      if (
        task.site === 'dreamina' &&
        task.kind === 'video' &&
        ids.includes(videoItemId(task)) &&
        liveTask(state, task) &&
        taskPhase(state, task).status === 50
      )
        item_list.push(videoItem(state, task));
    return { data: { item_list } };
  },

  '/commerce/v1/benefits/user_credit': (state, { rawBody }) => {
    if (!rawBody) return refuse(1002, 'common error: empty body');
    return { data: { credit: { ...state.account.credits }, total_credit: balance(state) } };
  },

  '/commerce/v1/benefits/user_credit_history': (state, { body }) => {
    if (!Number.isInteger(body?.count) || body.count < 1 || body.count > 100)
      return refuse(2008, 'invalid parameter: count');
    const cursor = Number.parseInt(body.cursor ?? '0', 10) || 0;
    const spending = body.history_type === 2;
    const records = state.ledger
      .filter((r) => !spending || r.amount < 0)
      .slice()
      .reverse();
    const page = records.slice(cursor, cursor + body.count).map(({ kind, ...r }) => r);
    return {
      data: {
        records: page,
        new_cursor: String(cursor + page.length),
        has_more: cursor + page.length < records.length,
      },
    };
  },

  '/commerce/v1/benefits/credit_receive': (state, { body }) => {
    if (typeof body?.time_zone !== 'string') return refuse(1000, 'invalid parameter: time_zone');
    // The captured answer's keys (§11); what the service says for "already received" is not captured: 0 given.
    if (state.account.lastGrantDay === today(state))
      return { data: { is_first_receive: false, receive_quota: 0, has_popup: false, receive_inter_days: 1 } };
    state.account.lastGrantDay = today(state);
    state.account.credits.gift_credit += state.dailyGrant;
    state.ledger.push({
      amount: state.dailyGrant,
      create_time: nowSeconds(state),
      title: '每日免费积分',
      submit_id: '',
      status: 'success',
      kind: 'grant',
    });
    return {
      data: { is_first_receive: true, receive_quota: state.dailyGrant, has_popup: true, receive_inter_days: 1 },
    };
  },

  '/passport/account/info/v2': (state) => ({
    data: { user_id: state.account.userId, screen_name: '即梦用户', has_password: false },
  }),
};
