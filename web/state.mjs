// Everything the stand-in remembers: its clock, the account and its sessions, credits and ledger, tasks,
// every request received, and the faults queued by tests.
import crypto from 'node:crypto';

export const PROFILES = {
  // Tests: a 4-image task finishes in about two seconds.
  fast: {
    queueMs: 400,
    queuePosition: 2,
    queueLength: 5,
    thinkMs: 200,
    perImageMs: 300,
    antiBotDelayMs: 150,
    pagePollMs: 4000,
    videoQueueMs: 1500,
    videoQueuePosition: 3,
    videoGenMs: 1500,
    videoPollS: 2,
  },
  // The demo: a queue, then 20-60 s of generation, like the real site on a normal day.
  realistic: {
    queueMs: 8000,
    queuePosition: 6,
    queueLength: 40,
    thinkMs: 3000,
    perImageMs: 6000,
    antiBotDelayMs: 800,
    pagePollMs: 15000,
    // Video queues are minutes long on a normal day (hours at peaks, §7.2).
    videoQueueMs: 180_000,
    videoQueuePosition: 25,
    videoGenMs: 90_000,
    videoPollS: 30,
  },
};

export const DEFAULT_VERSIONS = { appvr: '8.4.0', daVersion: '3.3.9', webVersion: '7.5.0' };
const DAY_S = 86400;

export function createState(options = {}) {
  const state = {
    secret: crypto.randomBytes(16).toString('hex'), // shared by the page's anti-bot script and the server
    imageSecret: crypto.randomBytes(16).toString('hex'),
    timings: { ...PROFILES[options.profile ?? 'fast'], ...(options.timings ?? {}) },
    versions: { ...DEFAULT_VERSIONS },
    clockOffsetMs: 0,
    sessions: new Map(), // sessionid → { webId, valid }
    account: null,
    tasks: new Map(), // submit_id → task
    ledger: [],
    requests: [],
    hits: [], // every request on every host: {time, host, path, query, session} (the security suite reads it)
    faults: [],
    bannedWords: ['违禁词', 'forbidden-word'],
    stallNext: 0,
    unlistNext: 0,
    streamedBytes: 0, // of blog.example's endless image (other-sites.mjs)  // the next tasks created are never found by get_history_by_ids (listed in past work only)
    // get_asset_list: newest first by creation ('created') or by when each task ended ('end', unfinished ones
    // first); stuckPages: that many pages say has_more without moving their cursor.
    assets: { order: 'created', stuckPages: 0 },
    assetOrder: null, // assets.mjs's cached creation order; part of the state so a reset drops it
    dailyGrant: 60,
    // Per account: tasks queued or running at once (5001 beyond), and generations a day (121101 beyond).
    // videoLane: tasks of one video model queued or running at once (1310 beyond).
    limits: { queueCap: 10, dailyLimit: 2000, videoLane: 3, ...(options.limits ?? {}) },
    // Which video sources a finished video lists (§7.6): '2026' one clean file under both names; '2025' a
    // watermarked origin and a clean main_url (lr=default); 'watermarked' only watermarked ones; 'tiers'
    // transcoded_video keyed by tier instead of origin.
    videoSources: options.videoSources ?? '2026',
    live: new Set(), // submit_ids of tasks that may still be queued or running
    generatedToday: { day: -1, count: 0 },
    // ImageX (web/imagex.mjs): STS credentials by access key, upload sessions by key, committed images by uri.
    imagex: { credentials: new Map(), sessions: new Map(), images: new Map(), log: [], rejectSignatures: false },
    // Dreamina (web/dreamina.mjs): the page's device id, and the account's cluster and country (§9.1). Its credits
    // are the one account's (a person with both sites logged in is one account here).
    // Its plan: 'free' (videos carry Dreamina's watermark) or 'subscriber' (remove_watermark, §9.6).
    dreamina: {
      did: '7488306417429124625',
      cluster: options.dreaminaCluster ?? 'SG',
      country: options.dreaminaCountry ?? 'SG',
      plan: options.dreaminaPlan ?? 'free',
    },
  };
  state.account = freshAccount(options.credits ?? 200);
  return state;
}

function freshAccount(credits) {
  return {
    userId: '4246729963603161',
    credits: { gift_credit: credits, purchase_credit: 0, vip_credit: 0 },
    lastGrantDay: -1,
  };
}

export function resetState(state, options = {}) {
  const fresh = createState(options);
  for (const key of Object.keys(fresh)) if (key !== 'secret' && key !== 'imageSecret') state[key] = fresh[key];
}

/** Stand-in time in ms: real time plus whatever tests have advanced it by. */
export const now = (state) => Date.now() + state.clockOffsetMs;
export const nowSeconds = (state) => Math.floor(now(state) / 1000);
export const today = (state) => Math.floor(nowSeconds(state) / DAY_S);
export const TASK_LIFETIME_MS = DAY_S * 1000;

export function newSession(state, site = 'jimeng') {
  const sessionid = crypto.randomBytes(16).toString('hex');
  const webId = String(
    7_000_000_000_000_000_000n + (BigInt('0x' + crypto.randomBytes(7).toString('hex')) % 999_999_999_999_999_999n),
  );
  state.sessions.set(sessionid, { webId, valid: true, site });
  return { sessionid, webId };
}

/** The live session of `site` the cookies carry (a Dreamina cookie is no Jimeng session, and the reverse). */
export function sessionOf(state, cookies, site = 'jimeng') {
  const s = state.sessions.get(cookies.sessionid ?? '');
  return s && s.valid && s.site === site ? s : null;
}

export function expireSessions(state) {
  for (const s of state.sessions.values()) s.valid = false;
}

export const balance = (state) => Object.values(state.account.credits).reduce((a, b) => a + b, 0);

/** Takes `amount` credits (gift first, then vip, then purchased; `paidOnly`: no gift) and records the charge. */
export function charge(state, amount, submitId, title, paidOnly = false) {
  let left = amount;
  for (const key of paidOnly ? ['vip_credit', 'purchase_credit'] : ['gift_credit', 'vip_credit', 'purchase_credit']) {
    const take = Math.min(left, state.account.credits[key]);
    state.account.credits[key] -= take;
    left -= take;
  }
  state.ledger.push({
    amount: -amount,
    create_time: nowSeconds(state),
    title,
    submit_id: submitId,
    status: 'success',
    kind: 'charge',
  });
}

export function refund(state, amount, submitId, title) {
  state.account.credits.gift_credit += amount;
  state.ledger.push({
    amount,
    create_time: nowSeconds(state),
    title,
    submit_id: submitId,
    status: 'success',
    kind: 'refund',
  });
}

/**
 * Takes the first queued fault whose path matches, counting it down; one with `forMs` holds for every matching
 * call from its first one until that long after it, whatever their number.
 */
export function takeFault(state, path) {
  state.faults = state.faults.filter((f) => !(f.until && Date.now() > f.until));
  const i = state.faults.findIndex((f) => !f.imagex && (!f.path || path.includes(f.path))); // ImageX's are its own
  if (i < 0) return null;
  const fault = state.faults[i];
  if (fault.forMs) fault.until ??= Date.now() + fault.forMs;
  else if (--fault.count <= 0) state.faults.splice(i, 1);
  return fault;
}
