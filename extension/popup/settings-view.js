// @ts-check
// The settings panel: notifications, auto-download, the download file-name template and the daily free credits' claim. The worker keeps
// only known settings; the template is checked by the core when a download is planned.
import { Ui } from '../shared/messages.js';
import { t } from '../shared/i18n.js';
import { loadSettings } from '../shared/settings.js';
import * as facts from '../state/facts.js';
import { ask } from '../shared/send.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** Read from storage, not from the worker, which may be stopped: saving goes through it (it checks the template). */
export async function setUpSettings() {
  const settings = await loadSettings();
  $('autoDownload').checked = settings.autoDownload;
  $('notify').checked = settings.notify;
  $('template').value = settings.template;
  $('claimDaily').checked = settings.claimDaily;
  const save = async () => {
    const r = await ask({
      type: Ui.settings,
      settings: {
        autoDownload: $('autoDownload').checked,
        notify: $('notify').checked,
        template: $('template').value.trim(),
        claimDaily: $('claimDaily').checked,
      },
    });
    $('settings-status').textContent = r.ok ? t('saved') : t(`err_${r.error.kind}`, r.error.message);
    $('template').setAttribute('aria-invalid', String(!r.ok && r.error.field === 'template'));
  };
  for (const id of ['autoDownload', 'notify', 'template', 'claimDaily']) $(id).addEventListener('change', save);
}

/**
 * A prompt handed over by "Edit in popup first", and the job a notification asked to show.
 * A job's whole input comes from the workspace's "reuse all settings".
 * @returns {Promise<{draftPrompt: string | null, draftInput: Record<string, any> | null, focusJob: string | null}>}
 */
export async function takeHandOvers() {
  const [draftPrompt, draftInput, focusJob] = await facts.take(['draftPrompt', 'draftInput', 'focusJob']);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('job');
  return { draftPrompt: draftPrompt ?? null, draftInput: draftInput ?? null, focusJob: fromHash ?? focusJob ?? null };
}
