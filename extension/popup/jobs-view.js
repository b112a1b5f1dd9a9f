// @ts-check
// The job list, newest first, redrawn from storage whenever the engine changes a job. Every text from a job
// (prompts come from web pages too) goes in through textContent, never as HTML.
import { Ui } from '../shared/messages.js';
import { displayState, stateText, t } from '../shared/job-text.js';

const JIMENG_LOGIN = 'https://jimeng.jianying.com/ai-tool/generate?type=image';

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter(Boolean));
  return node;
}

function button(label, onClick) {
  const b = el('button', { type: 'button', textContent: label });
  b.addEventListener('click', onClick);
  return b;
}

function jobItem(job, { onReuse }) {
  const total = job.total || job.job.count;
  const item = el('li', { className: 'job' });
  item.dataset.state = displayState(job);
  item.dataset.submitId = job.submitId;
  item.append(el('p', { className: 'prompt', textContent: job.job.prompt, title: job.job.prompt }));
  item.append(el('p', { className: 'state', textContent: stateText(job) }));
  if (job.phase === 'generating' || job.phase === 'queued')
    item.append(el('progress', { max: total, value: job.finished ?? 0, ariaLabel: stateText(job) }));
  if (job.images?.length) {
    const thumbs = el('div', { className: 'thumbs' });
    job.images.forEach((img, i) => {
      const link = el('a', { href: img.url, target: '_blank', rel: 'noreferrer', ariaLabel: t('openFull', i + 1) });
      link.append(el('img', { src: img.preview, alt: `${job.job.prompt} ${i + 1}`, loading: 'lazy' }));
      thumbs.append(link);
    });
    item.append(thumbs);
  }
  const actions = el('div', { className: 'actions' });
  if (job.needsLogin) actions.append(button(t('openLogin'), () => chrome.tabs.create({ url: JIMENG_LOGIN })));
  if (job.phase === 'failed') actions.append(button(t('retry'), () => chrome.runtime.sendMessage({ type: Ui.retry, submitId: job.submitId })));
  if (job.phase === 'done') actions.append(button(t('downloadAll'), () => chrome.runtime.sendMessage({ type: Ui.download, submitId: job.submitId })));
  actions.append(button(t('reuse'), () => onReuse(job.input)));
  if (job.phase === 'done' || job.phase === 'failed') actions.append(button(t('remove'), () => chrome.runtime.sendMessage({ type: Ui.remove, submitId: job.submitId })));
  item.append(actions);
  return item;
}

export function showJobs(jobs, handlers) {
  const list = Object.values(jobs ?? {}).sort((a, b) => b.createdAt - a.createdAt);
  /** @type {HTMLElement} */ (document.getElementById('no-jobs')).hidden = list.length > 0;
  /** @type {HTMLElement} */ (document.getElementById('jobs')).replaceChildren(...list.map((j) => jobItem(j, handlers)));
}
