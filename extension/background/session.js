// @ts-check
// The session values learned from the Jimeng page's own requests. The newest observation wins over older
// ones and over the core's built-in defaults, so a site update that bumps its versions does not break us.
const KEY = 'session';

/** @returns {Promise<{webId?: string, daVersion?: string, webVersion?: string, appVersion?: string, observedAt?: number}>} */
export async function loadSession() {
  return (await chrome.storage.local.get(KEY))[KEY] ?? {};
}

export async function saveSession(/** @type {Record<string, unknown>} */ values, observedAt = Date.now()) {
  const current = await loadSession();
  if ((current.observedAt ?? 0) > observedAt) return;
  const clean = Object.fromEntries(Object.entries(values ?? {}).filter(([k, v]) => ['webId', 'daVersion', 'webVersion', 'appVersion'].includes(k) && typeof v === 'string' && v.length < 64));
  await chrome.storage.local.set({ [KEY]: { ...current, ...clean, observedAt } });
}
