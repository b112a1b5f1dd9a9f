// Test-only control and inspection, as a JS API and at POST /__standin/<action> (with the header
// `x-standin-control: 1`, which a cross-origin page cannot send without a preflight we never answer).
import { PROFILES, expireSessions, now, resetState } from './state.mjs';
import { imageUri, signImageUrl, taskPhase } from './tasks.mjs';
import { nodeOf } from './video-tasks.mjs';
import { seedPastWork, webTask } from './past-work.mjs';
import { addPastTask } from './generate.mjs';

export function controls(state) {
  return {
    reset: (o = {}) => {
      resetState(state, o);
      return { ok: true };
    },
    timings: (t = {}) => {
      Object.assign(state.timings, PROFILES[t.profile] ?? {}, t);
      delete state.timings.profile;
      return state.timings;
    },
    /** The account's limits: {queueCap?, dailyLimit?} (5001 and 121101 beyond them). */
    limits: (l = {}) => {
      Object.assign(state.limits, l);
      return state.limits;
    },
    credits: ({ gift = 0, purchase = 0, vip = 0 } = {}) => {
      state.account.credits = { gift_credit: gift, purchase_credit: purchase, vip_credit: vip };
      return state.account.credits;
    },
    expireSession: () => {
      expireSessions(state);
      return { ok: true };
    },
    /** Another login in the same browser: the sessions now belong to the account `userId`. */
    switchAccount: ({ userId = '5300000000000001' } = {}) => {
      state.account.userId = String(userId);
      return { userId: state.account.userId };
    },
    versions: (v = {}) => {
      Object.assign(state.versions, v);
      return state.versions;
    },
    /** The Dreamina account moves to another cluster (its old hosts then answer 1015): {cluster: 'SG' | 'US', country?}. */
    dreaminaCluster: ({ cluster = 'US', country = cluster } = {}) => {
      Object.assign(state.dreamina, { cluster, country });
      return state.dreamina;
    },
    /** The Dreamina account's plan: 'free' (watermarked videos) or 'subscriber' (clean ones). */
    dreaminaPlan: ({ plan = 'subscriber' } = {}) => {
      state.dreamina.plan = plan;
      return { plan };
    },
    /** Queue a fault for the next `count` matching API calls: {path?, count?, ret?, errmsg?, html?, status?, truncate?,
     * delayMs? (held before it is processed), holdMs? (processed, then the answer held), replace? ([from, to] in the answer's text), forMs? (every matching call for that long, instead of `count`),
     * drop? (connection closed unprocessed: browsers resend a POST once by themselves), dropAfter? (processed, answer cut)}.
     * ImageX steps: {imagex: 'ApplyImageUpload' | 'upload' | 'CommitImageUpload', status? | code? (ImageX error) | corrupt? | reject? (commit)} */
    fault: (f = {}) => {
      state.faults.push({ count: 1, ...f });
      return { queued: state.faults.length };
    },
    clearFaults: () => {
      state.faults = [];
      return { ok: true };
    },
    advance: ({ ms = 0 } = {}) => {
      state.clockOffsetMs += ms;
      return { now: now(state) };
    },
    stallNext: ({ count = 1 } = {}) => {
      state.stallNext += count;
      return { stallNext: state.stallNext };
    },
    /** The next `count` tasks created are never found by get_history_by_ids (its look-up lags for ever); get_asset_list lists them. */
    /** How many bytes of blog.example's 80 MB endless image the last reader took. */
    streamed: () => state.streamedBytes,
    unlistNext: ({ count = 1 } = {}) => {
      state.unlistNext += count;
      return { unlistNext: state.unlistNext };
    },
    /** get_asset_list: {order?: 'created' | 'end', stuckPages?: pages that say has_more without moving their cursor}. */
    assetList: (o = {}) => Object.assign(state.assets, o),
    /** A task made in the web app `agoMs` ago that ends `doneInMs` from now (assets.mjs webTask). */
    webTask: (o = {}) => webTask(state, o),
    bannedWords: ({ words = [] } = {}) => {
      state.bannedWords = words;
      return { words };
    },
    requests: ({ path } = {}) => state.requests.filter((r) => !path || r.path === path),
    hits: ({ host } = {}) => state.hits.filter((h) => !host || h.host === host),
    tasks: () =>
      [...state.tasks.values()].map((t) => ({
        submitId: t.submitId,
        historyId: t.historyId,
        prompt: t.prompt,
        count: t.count,
        model: t.model,
        resolution: t.resolution,
        width: t.width,
        height: t.height,
        seed: t.seed,
        cost: t.cost,
        status: taskPhase(state, t).status,
        createdAt: t.createdMs - state.clockOffsetMs,
        // When this task turns done, in real (wall-clock) ms: the benchmarks measure detection from here.
        kind: t.kind === 'video' ? 'video' : 'image',
        mode: t.mode,
        durationS: t.durationS,
        ratio: t.ratio,
        first: t.first,
        last: t.last,
        references: t.references,
        doneAt:
          (t.kind === 'video'
            ? t.createdMs + t.timings.videoQueueMs + t.timings.videoGenMs
            : t.createdMs + t.timings.queueMs + t.timings.thinkMs + t.timings.perImageMs * t.count) -
          state.clockOffsetMs,
      })),
    /** Past work made in the web app for get_asset_list: {count, videoShare, everyMs, startAgoMs} (assets.mjs). */
    seedPastWork: (o = {}) => seedPastWork(state, o),
    /** The task deleted on Jimeng's side (status 100): its files are gone from the CDN and cannot be re-signed. */
    removeTask: ({ submitId }) => {
      state.assetOrder = null;
      return { removed: state.tasks.delete(submitId) };
    },
    /** Every full-size image and video answer held this long (downloads in flight stay in flight); 0 ends it. */
    mediaDelay: ({ ms = 0 } = {}) => {
      state.mediaDelayMs = ms;
      return { ms };
    },
    /** Which video sources finished videos list (state.mjs videoSources). */
    videoSources: ({ mode = '2026' } = {}) => {
      state.videoSources = mode;
      return { mode };
    },
    task: ({ submitId }) => {
      const t = state.tasks.get(submitId);
      return t ? nodeOf(state, t) : null;
    },
    ledger: () => state.ledger.slice(),
    /** Finished tasks from the past (see addPastTask), answered with each image's uri and signed links
     *  (full size valid 78 min from now, previews for `previewTtlS`), without the heavy task nodes. */
    pastWork: ({ items = [], previewTtlS = 27 * 86400 } = {}) =>
      items.map((item) => {
        const task = addPastTask(state, item);
        const at = Math.floor(now(state) / 1000);
        return {
          submitId: task.submitId,
          historyId: task.historyId,
          images: Array.from({ length: task.count }, (_, i) => {
            const uri = imageUri(task, i);
            return {
              uri,
              width: task.width,
              height: task.height,
              url: signImageUrl(state, uri, at + 78 * 60, 'aigc_resize_mark:0:0'),
              preview: signImageUrl(state, uri, at + previewTtlS, 'aigc_resize:360:360'),
            };
          }),
        };
      }),
    balance: () => ({ ...state.account.credits }),
    /** ImageX: every STS credential issued so far expires now; or every signature is refused from now on. */
    expireUploadCredentials: () => {
      for (const c of state.imagex.credentials.values()) c.expiresMs = 0;
      return { ok: true };
    },
    rejectSignatures: ({ on = true } = {}) => {
      state.imagex.rejectSignatures = on;
      return { on };
    },
    /** ImageX requests as received: {step (ApplyImageUpload | upload | CommitImageUpload), host, method, headers, size}. */
    imagexLog: () =>
      state.imagex.log.map(({ step, host, method, headers, size }) => ({ step, host, method, headers, size })),
    uploads: () =>
      [...state.imagex.images.entries()].map(([uri, f]) => ({
        uri,
        format: f.format,
        width: f.width,
        height: f.height,
        colour: f.colour,
      })),
  };
}
