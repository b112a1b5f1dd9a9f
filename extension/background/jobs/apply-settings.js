// @ts-check
// The settings page's changes, checked before they are stored (a file-name template only once the core accepts
// it), and what follows from them (the daily claim's schedule).
import { DEFAULT_SETTINGS, loadSettings } from '../../shared/settings.js';
import { core } from '../pages/core-instance.js';
import * as facts from '../../state/facts.js';
import { claimToday, scheduleDailyClaims } from './daily-credits.js';

/** Only known settings, of the default's type, are stored; a file-name template only once the core accepts it. */
export async function applySettings(changes = {}) {
  const next = await loadSettings();
  for (const [key, value] of Object.entries(changes))
    if (
      key in DEFAULT_SETTINGS &&
      typeof value === typeof DEFAULT_SETTINGS[/** @type {keyof typeof DEFAULT_SETTINGS} */ (key)]
    )
      /** @type {Record<string, unknown>} */ (next)[key] = value;
  const trial = (await core).planDownloads({
    now: Date.now(),
    template: next.template,
    job: { prompt: 'x' },
    images: [{ url: 'https://x/', uri: '', preview: '', width: 0, height: 0, format: 'png', expiresAt: 0 }],
  });
  if (!trial.ok) return { ok: false, error: trial.error, settings: await loadSettings() };
  await facts.set('settings', next);
  await scheduleDailyClaims();
  if (next.claimDaily) claimToday().catch((e) => console.warn('daily credits', e));
  return { ok: true, settings: next };
}
