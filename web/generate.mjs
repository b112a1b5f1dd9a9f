// /mweb/v1/aigc_draft/generate: the strict reading of a submit body (protocol §4), the credit charge and
// the new task.
import { balance, charge, now, today } from './state.mjs';
import { taskPhase } from './tasks.mjs';
import { Refusal } from './edits.mjs';
import { readSubmit } from './submit-read.mjs';

let nextHistoryId = 25594898552322;

export function submit(state, body, site = 'jimeng') {
  let params;
  try {
    params = readSubmit(body, state, site);
  } catch (e) {
    if (e instanceof Refusal) return { ret: e.ret, errmsg: e.message };
    throw e;
  }
  const refusal = overLimit(state) ?? (params.kind === 'video' ? laneFull(state, params.model) : null);
  if (refusal) return refusal;
  // Gift credits do not buy video on Dreamina (§9.6).
  const paidOnly = site === 'dreamina' && params.kind === 'video';
  const paid = state.account.credits.purchase_credit + state.account.credits.vip_credit;
  if (paidOnly && paid < params.cost) return { ret: '1006', errmsg: 'Not enough credits left or no relevant benefits' };
  if (balance(state) < params.cost) return { ret: '1006', errmsg: 'credit prededuct not enough' };
  // A resubmitted submit_id is a new generation, charged again, as on the real service: idempotency is
  // the client's job (poll the id first).
  charge(state, params.cost, params.submitId, chargeTitle(params), paidOnly);
  const task = {
    ...params,
    historyId: String(nextHistoryId++),
    logId: `${Date.now()}${nextHistoryId}`,
    createdMs: now(state),
    timings: { ...state.timings },
    banned: state.bannedWords.some((w) => params.prompt.includes(w)),
    stalled: state.stallNext > 0,
    refunded: false,
    unlisted: state.unlistNext > 0,
    site,
  };
  if (state.stallNext > 0) state.stallNext--;
  if (state.unlistNext > 0) state.unlistNext--;
  state.tasks.set(task.submitId, task);
  state.live.add(task.submitId);
  state.generatedToday = {
    day: today(state),
    count: (state.generatedToday.day === today(state) ? state.generatedToday.count : 0) + 1,
  };
  return { task };
}

/** The ledger's title for a charge: 视频生成720P 5秒 for a video (§7.5, what real prices are learned from). */
function chargeTitle(p) {
  if (p.kind === 'video') return `视频生成${p.resolution.toUpperCase()} ${p.durationS}秒`;
  return p.kind === 'normal_hd' || p.kind === 'pro_hd' ? `超清 ${p.modelName}` : `图片生成 ${p.modelName}`;
}

/** A video model runs so many of an account's tasks at once (its lane); one more is refused with 1310. */
function laneFull(state, model) {
  let running = 0;
  for (const id of state.live) if (state.tasks.get(id)?.model === model) running++;
  return running >= state.limits.videoLane
    ? { ret: '1310', errmsg: 'exceed_model_parallel_max: 因目前处于使用高峰期，暂时无法提交更多任务' }
    : null;
}

/**
 * The account's limits, as the real service applies them: so many generations a day (121101), and so many
 * tasks queued or running at once (5001: the credits for one more could not be reserved).
 */
function overLimit(state) {
  const { dailyLimit, queueCap } = state.limits;
  if (state.generatedToday.day === today(state) && state.generatedToday.count >= dailyLimit)
    return { ret: '121101', errmsg: 'daily generation limit reached' };
  for (const id of state.live) {
    const status = taskPhase(state, state.tasks.get(id)).status;
    if (status === 50 || status === 30) state.live.delete(id);
  }
  if (state.live.size >= queueCap)
    return { ret: '5001', errmsg: 'credit pre-deduction failed: too many tasks in queue' };
  return null;
}

/**
 * Test-only: finished tasks from the account's past (already charged), as if made `agoMs` ago; their
 * images are served and re-signed like any other. For tests and benchmarks that need a history.
 */
export function addPastTask(
  state,
  {
    submitId,
    prompt,
    model = 'high_aes_general_v40',
    modelName = '图片 4.0',
    count = 4,
    seed = 1,
    agoMs = 3600_000,
    width = 2048,
    height = 2048,
    site = 'jimeng',
  },
) {
  const task = {
    submitId: submitId.toLowerCase(),
    model,
    modelName,
    prompt,
    negativePrompt: '',
    seed,
    ratio: 1,
    resolution: '2k',
    width,
    height,
    count,
    cost: 0,
    draftContent: '{}',
    daVersion: '3.3.9',
    historyId: String(nextHistoryId++),
    logId: `${Date.now()}${nextHistoryId}`,
    createdMs: now(state) - agoMs,
    timings: { queueMs: 0, thinkMs: 0, perImageMs: 1, queuePosition: 1, queueLength: 1 },
    banned: false,
    stalled: false,
    refunded: true,
    site,
  };
  state.tasks.set(task.submitId, task);
  return task;
}
