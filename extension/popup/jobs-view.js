// @ts-check
// The job list, newest first: the unfinished jobs and the newest finished ones, read once from the store;
// afterwards only the jobs the worker says changed are redrawn, each in place. Its cost does not grow with
// the history. Every text from a job (prompts come from web pages too) goes in through textContent.
import { Ui } from '../shared/messages.js';
import { t } from '../shared/job-text.js';
import { jobView } from '../shared/job-view.js';
import { button, el } from '../shared/dom.js';
import { send, sendButton } from '../shared/send.js';
import { addResultReference } from '../shared/references.js';
import { videoFigure } from '../shared/video-view.js';
import { SITES, siteId } from '../shared/site.js';

/** One job's item, drawn from its view-model (shared/job-view.js). */
/**
 * @typedef {import('../background/jobs/jobs.js').Job} Job
 * @typedef {{onReuse: (input: Record<string, any>) => void, proHd: Set<string>}} JobHandlers
 * @param {Job} job @param {JobHandlers} handlers
 */
function jobItem(job, { onReuse, proHd }) {
  const view = jobView(job);
  const item = el('li', { className: 'job' });
  item.dataset.state = view.state;
  item.dataset.submitId = view.submitId;
  item.append(el('p', { className: 'prompt', textContent: view.prompt, title: view.prompt }));
  item.append(el('p', { className: 'state', textContent: view.text }));
  if (view.progress)
    item.append(el('progress', { max: view.progress.max, value: view.progress.value, ariaLabel: view.text }));
  if (view.videos.length)
    item.append(el('div', { className: 'videos' }, ...view.videos.map((v) => videoFigure(view, v))));
  else if (view.images.length && view.isUpscale) item.append(upscalePair(view));
  else if (view.images.length) {
    const thumbs = el('div', { className: 'thumbs' });
    view.images.forEach((img, i) => {
      const link = el('a', { href: img.url, target: '_blank', rel: 'noreferrer', ariaLabel: t('openFull', i + 1) });
      // The worker opens it, re-signing a link that has expired (old jobs' full-size links do).
      link.addEventListener('click', (/** @type {Event} */ e) => {
        e.preventDefault();
        send({ type: Ui.openImage, submitId: view.submitId, index: i });
      });
      link.append(el('img', { src: img.preview, alt: `${view.prompt} ${i + 1}`, loading: 'lazy', decoding: 'async' }));
      thumbs.append(
        view.can.upscale || view.can.animate
          ? el('figure', {}, link, imageActions(view, img, i, proHd?.has(job.job.model)))
          : link,
      );
    });
    item.append(thumbs);
  }
  const actions = el('div', { className: 'actions' });
  // Logging in happens on the job's own site.
  if (view.can.login)
    actions.append(button(t('openLogin'), () => chrome.tabs.create({ url: SITES[siteId(job.site)].page })));
  if (view.can.retry) actions.append(sendButton(t('retry'), () => ({ type: Ui.retry, submitId: view.submitId })));
  if (view.can.download)
    actions.append(sendButton(t('downloadAll'), () => ({ type: Ui.download, submitId: view.submitId })));
  if (view.can.reuse) actions.append(button(t('reuse'), () => onReuse(job.input)));
  if (view.can.remove) actions.append(sendButton(t('remove'), () => ({ type: Ui.remove, submitId: view.submitId })));
  item.append(actions);
  return item;
}

/**
 * 超清 (and 智能超清 where the model offers it) and "use as reference" under one finished image.
 * @param {import('../shared/job-view.js').JobView} view @param {import('../shared/job-view.js').JobImageView} img @param {number} i
 */
function imageActions(view, img, i, pro = false) {
  const upscale = (/** @type {'normal_hd' | 'pro_hd'} */ kind) => () => ({
    type: Ui.upscale,
    submitId: view.submitId,
    index: i,
    kind,
  });
  const hd = sendButton(t('upscaleShort'), upscale('normal_hd'), {
    className: 'mini',
    ariaLabel: t('upscaleImage', i + 1),
  });
  const smart =
    pro &&
    sendButton(t('upscaleProShort'), upscale('pro_hd'), { className: 'mini', ariaLabel: t('upscaleProImage', i + 1) });
  const ref = button(t('useAsReferenceShort'), () => addResultReference(img), {
    className: 'mini',
    ariaLabel: t('useAsReference', i + 1),
  });
  // 动起来: this image as a video's first frame (by its uri: nothing is uploaded).
  const animate =
    view.can.animate &&
    sendButton(t('animate'), () => ({ type: Ui.animate, submitId: view.submitId, index: i }), {
      className: 'mini',
      ariaLabel: t('animateImage', i + 1),
    });
  return el('div', { className: 'image-actions' }, view.can.upscale && hd, view.can.upscale && smart, ref, animate);
}

/** An upscale: the original and the 4K result side by side. @param {import('../shared/job-view.js').JobView} view */
function upscalePair(view) {
  const img = view.images[0];
  const open = el(
    'a',
    { href: img.url, target: '_blank', rel: 'noreferrer', ariaLabel: t('openFull', 1) },
    el('img', { src: img.preview, alt: t('upscaledAlt', view.prompt), loading: 'lazy' }),
  );
  open.addEventListener('click', (/** @type {Event} */ e) => {
    e.preventDefault();
    send({ type: Ui.openImage, submitId: view.submitId, index: 0 });
  });
  return el(
    'div',
    { className: 'pair' },
    el(
      'figure',
      {},
      el('img', { src: view.original?.preview ?? '', alt: t('originalAlt', view.prompt), loading: 'lazy' }),
      el('figcaption', { textContent: t('originalCaption', `${view.original?.width}×${view.original?.height}`) }),
    ),
    el(
      'figure',
      {},
      open,
      el('figcaption', {
        textContent: t('upscaledCaption', `${img.width || view.size.width}×${img.height || view.size.height}`),
      }),
    ),
  );
}

export const RECENT_FINISHED = 20;
/** @type {Map<string, {job: any, node: HTMLElement}>} what the list shows, by submit_id */
const shown = new Map();
const listEl = () => /** @type {HTMLElement} */ (document.getElementById('jobs'));
/** The job a notification pointed at: outlined, however often its item is drawn again. */
let focusedId = '';
const updateEmpty = () => {
  /** @type {HTMLElement} */ (document.getElementById('no-jobs')).hidden = shown.size > 0;
};

/** Inserts or replaces one job's item, keeping the list newest first. */
/** @param {Job} job @param {JobHandlers} handlers */
function place(job, handlers) {
  const node = jobItem(job, handlers);
  node.classList.toggle('focus', job.submitId === focusedId);
  const old = shown.get(job.submitId);
  if (old) {
    old.node.replaceWith(node);
  } else {
    const after = [...shown.values()].find((s) => s.job.createdAt < job.createdAt);
    listEl().insertBefore(node, after?.node ?? null);
  }
  shown.set(job.submitId, { job, node });
}

/** Finished jobs beyond the newest RECENT_FINISHED leave the popup (the workspace has them all). */
function trim() {
  const finished = [...shown.values()]
    .filter((s) => s.job.phase === 'done' || s.job.phase === 'failed')
    .sort((a, b) => b.job.createdAt - a.job.createdAt);
  for (const s of finished.slice(RECENT_FINISHED)) {
    s.node.remove();
    shown.delete(s.job.submitId);
  }
}

/** The first drawing: the store's unfinished jobs and newest finished ones. */
/** @param {Job[]} jobs @param {JobHandlers} handlers */
export function showJobs(jobs, handlers) {
  shown.clear();
  listEl().replaceChildren();
  for (const job of [...jobs].filter((j) => !j.batchId).sort((a, b) => b.createdAt - a.createdAt)) place(job, handlers);
  trim();
  updateEmpty();
}

/** The worker's word on what changed: only those items are redrawn. */
/** @param {{changed?: Job[], removed?: string[]}} changes @param {JobHandlers} handlers */
export function applyChanges({ changed = [], removed = [] }, handlers) {
  for (const job of changed) if (!job.batchId) place(job, handlers); // batch rows show as their batch
  for (const id of removed) {
    shown.get(id)?.node.remove();
    shown.delete(id);
  }
  trim();
  updateEmpty();
}

/** Outlines the job a notification pointed at and scrolls to it; it stays outlined when the list is redrawn. */
export function focusJob(/** @type {string} */ submitId) {
  focusedId = submitId;
  const node = shown.get(submitId)?.node;
  node?.classList.add('focus');
  node?.scrollIntoView({ block: 'nearest' });
}
