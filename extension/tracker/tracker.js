// @ts-check
// The in-page job tracker (isolated world, injected by the worker only when needed; scripts/assemble.mjs
// inlines its shared imports into one classic script). It lives in a closed shadow root on a fixed-position
// host reset with `all: initial !important`, so page CSS cannot reach in and the tracker takes no room in
// the page's layout. It draws what the worker sends (every text through textContent) and reports clicks.
import { TRACKER_PORT, Tracker } from '../shared/messages.js';
import { t } from '../shared/job-text.js';
import { el } from '../shared/dom.js';

const INSTANCE = Symbol.for('jimeng-helper-tracker');
const CSS = `
:host{all:initial!important;position:fixed!important;right:16px!important;bottom:16px!important;left:auto!important;top:auto!important;
  z-index:2147483647!important;display:block!important;visibility:visible!important;opacity:1!important;margin:0!important;
  padding:0!important;border:0!important;transform:none!important;width:auto!important;height:auto!important;contain:layout style!important}
:host([data-empty]){display:none!important}
*{box-sizing:border-box}
.panel,.pill{font:13px/1.45 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1d1d1f;background:#fff;
  border:1px solid #d0d4dc;border-radius:10px;box-shadow:0 6px 24px #0002}
.panel{width:300px;max-height:60vh;display:flex;flex-direction:column;overflow:hidden}
header{display:flex;align-items:center;gap:8px;padding:8px 10px;border-bottom:1px solid #eceef2}
header strong{font-size:13px;flex:1}button{font:inherit;font-size:12px;color:inherit;background:#f3f5f9;border:1px solid #d0d4dc;
  border-radius:6px;padding:1px 8px;cursor:pointer}button:focus-visible,a:focus-visible{outline:2px solid #3b6cff;outline-offset:1px}
ol,ul{list-style:none;margin:0;padding:0 10px 10px;overflow:auto}li{margin-top:8px}
.notice{background:#fff4f4;color:#b3261e;border:1px solid #f3c7c4;border-radius:8px;padding:6px 8px;display:flex;gap:6px;align-items:start}
.notice p{margin:0;flex:1;overflow-wrap:anywhere}
.job{border:1px solid #eceef2;border-radius:8px;padding:6px 8px}.prompt{margin:0;font-weight:600;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis}.state{margin:0;color:#6b7280;font-size:12px}.job[data-state=done] .state{color:#1e8e3e}
.job[data-state=failed] .state{color:#b3261e}progress{width:100%;height:6px}
.thumbs{display:grid;grid-template-columns:repeat(4,1fr);gap:4px;margin-top:4px}.thumbs figure{margin:0;position:relative}
.thumbs .hd{position:absolute;right:2px;bottom:2px;font-size:11px;padding:0 4px;opacity:.92}.thumbs img{width:100%;aspect-ratio:1;object-fit:cover;
  border-radius:4px;display:block;background:#eceef2}.actions{display:flex;gap:6px;margin-top:6px;justify-content:flex-end}
.pill{padding:6px 12px;cursor:pointer;font-weight:600}
.thumbs .animate{position:absolute;left:2px;top:2px;font-size:11px;padding:0 4px;opacity:.92}
.video{display:block;position:relative;padding:0;border:0;margin-top:4px;background:none;width:100%}.video img{width:100%;border-radius:4px;display:block}
.video .len{position:absolute;right:4px;bottom:4px;font-size:11px;padding:0 4px;border-radius:3px;background:#000b;color:#fff}
.wm{display:inline-block;font-size:11px;margin-top:2px;padding:0 4px;border-radius:3px;background:#8a5a00;color:#fff}
.wm.clean{background:#1d6b3a}
@media (prefers-color-scheme:dark){.panel,.pill{color:#e8eaed;background:#202124;border-color:#3c4043}header{border-color:#3c4043}
  .job{border-color:#3c4043}button{background:#303134;border-color:#5f6368}.notice{background:#3c1f1f;border-color:#6b2b2b;color:#f28b82}}
`;

function start() {
  const host = el('div', { popover: 'manual' });
  const root = host.attachShadow({ mode: 'closed' });
  const list = el('ol', { className: 'jobs' });
  const notices = el('ul', { className: 'notices' });
  const collapse = el('button', { type: 'button', textContent: '–', ariaLabel: t('trackerCollapse') });
  const count = el('span', { className: 'count' });
  const panel = el(
    'section',
    { className: 'panel', ariaLabel: t('extName') },
    el('header', {}, el('strong', { textContent: t('extName') }), count, collapse),
    notices,
    list,
  );
  const pill = el('button', { type: 'button', className: 'pill', hidden: true });
  root.append(el('style', { textContent: CSS }), panel, pill);
  /** @type {chrome.runtime.Port | null} */
  let port = null;
  const post = (/** @type {{type: string} & Record<string, unknown>} */ msg) => port?.postMessage(msg);
  collapse.addEventListener('click', () => post({ type: Tracker.collapse, collapsed: true }));
  pill.addEventListener('click', () => post({ type: Tracker.collapse, collapsed: false }));

  /**
   * A job as the worker sends it (background/pages/trackers.js viewOf).
   * @typedef {{submitId: string, prompt: string, state: string, text: string, progress: {max: number, value: number} | null,
   *   images: {preview: string, url: string}[], videos: {cover: string, length: string, mark: {text: string, hint: string, clean: boolean} | null}[],
   *   can: {download: boolean, upscale: boolean, animate: boolean, dismiss: boolean}}} TrackerJob
   * @param {TrackerJob} job
   */
  const jobItem = (job) => {
    const item = el('li', { className: 'job' });
    item.dataset.state = job.state;
    item.dataset.submitId = job.submitId;
    item.append(
      el('p', { className: 'prompt', textContent: job.prompt, title: job.prompt }),
      el('p', { className: 'state', textContent: job.text }),
    );
    if (job.progress)
      item.append(el('progress', { max: job.progress.max, value: job.progress.value, ariaLabel: job.text }));
    if (job.images.length)
      item.append(
        el(
          'div',
          { className: 'thumbs' },
          ...job.images.map((img, i) => {
            const link = el(
              'a',
              { href: img.url, target: '_blank', rel: 'noreferrer noopener', ariaLabel: t('openFull', i + 1) },
              el('img', { src: img.preview, alt: '', loading: 'lazy', referrerPolicy: 'no-referrer' }),
            );
            // The worker opens it, re-signing a link that has expired (old jobs' full-size links do).
            link.addEventListener('click', (/** @type {Event} */ e) => {
              e.preventDefault();
              post({ type: Tracker.openImage, submitId: job.submitId, index: i });
            });
            if (!job.can.upscale && !job.can.animate) return link;
            // Busy until the worker's next drawing (the child job, or a notice saying why not).
            const once = (
              /** @type {string} */ label,
              /** @type {string} */ className,
              /** @type {string} */ name,
              /** @type {string} */ aria,
              /** @type {string} */ type,
            ) => {
              const b = el('button', { type: 'button', className, textContent: label, ariaLabel: aria, name });
              b.addEventListener('click', () => {
                if (b.disabled) return;
                b.disabled = true;
                post({ type, submitId: job.submitId, index: i });
              });
              return b;
            };
            return el(
              'figure',
              {},
              link,
              job.can.upscale && once(t('upscaleShort'), 'hd', 'upscale', t('upscaleImage', i + 1), Tracker.upscale),
              job.can.animate && once(t('animate'), 'animate', 'animate', t('animateImage', i + 1), Tracker.animate),
            );
          }),
        ),
      );
    for (const v of job.videos) {
      // The page's own CSP may refuse media from Jimeng's CDN: the video opens in a tab instead.
      const open = el(
        'button',
        { type: 'button', className: 'video', ariaLabel: t('playVideo', v.length), name: 'video' },
        el('img', { src: v.cover, alt: '', referrerPolicy: 'no-referrer' }),
        el('span', { className: 'len', textContent: v.length }),
      );
      open.addEventListener('click', () => post({ type: Tracker.openVideo, submitId: job.submitId }));
      item.append(open);
      if (v.mark)
        item.append(
          el('span', { className: v.mark.clean ? 'wm clean' : 'wm', textContent: v.mark.text, title: v.mark.hint }),
        );
    }
    const actions = el('div', { className: 'actions' });
    /** @param {string} label @param {string} name @param {{type: string, submitId: string}} msg */
    const button = (label, name, msg) => {
      const b = el('button', { type: 'button', textContent: label, name });
      b.addEventListener('click', () => post(msg));
      return b;
    };
    if (job.can.download)
      actions.append(button(t('downloadAll'), 'download', { type: Tracker.download, submitId: job.submitId }));
    if (job.can.dismiss)
      actions.append(button(t('dismiss'), 'dismiss', { type: Tracker.dismiss, submitId: job.submitId }));
    if (actions.childElementCount) item.append(actions);
    return item;
  };

  /** @param {{collapsed: boolean, jobs: TrackerJob[], notices: {id: string, text: string}[]}} view */
  const render = (view) => {
    const active = view.jobs.filter((j) => !j.can.dismiss).length;
    const empty = view.jobs.length === 0 && view.notices.length === 0;
    if (empty !== host.hasAttribute('data-empty')) {
      host.toggleAttribute('data-empty', empty);
      reportVisibility();
    }
    panel.hidden = view.collapsed;
    pill.hidden = !view.collapsed;
    pill.textContent = t('trackerPill', active, view.jobs.length);
    count.textContent = t('trackerCount', active);
    notices.replaceChildren(
      ...view.notices.map((n) => {
        const b = el('button', { type: 'button', textContent: '×', ariaLabel: t('dismiss') });
        b.addEventListener('click', () => post({ type: Tracker.dismiss, noticeId: n.id }));
        return el('li', { className: 'notice', role: 'alert' }, el('p', { textContent: n.text }), b);
      }),
    );
    list.replaceChildren(...view.jobs.map(jobItem));
  };

  // Only a tracker someone can see makes the engine poll fast.
  const reportVisibility = () =>
    post({
      type: Tracker.visible,
      visible: document.visibilityState === 'visible' && !host.hasAttribute('data-empty'),
    });
  document.addEventListener('visibilitychange', reportVisibility);

  const connect = () => {
    port = chrome.runtime.connect({ name: TRACKER_PORT });
    port.onMessage.addListener((msg) => {
      if (msg?.type === Tracker.view) render(msg);
    });
    reportVisibility();
    port.onDisconnect.addListener(() => {
      port = null;
      if (chrome.runtime?.id)
        setTimeout(connect, 1000); // the worker restarted: connect to the new one
      else stop(); // the extension is gone: leave no trace
    });
  };

  // Between <head> and <body>: both keep their :first-child / :last-child, so page selectors still match
  // as before. Some pages rebuild <html>'s children; put the tracker back, within reason.
  // As a manual popover the host sits in the top layer: above any z-index, and out of reach of transforms
  // or filters the page puts on <html> or <body> (which would otherwise move or tilt a fixed element).
  const place = () => {
    document.documentElement.insertBefore(
      host,
      document.body?.parentNode === document.documentElement ? document.body : null,
    );
    try {
      host.showPopover();
    } catch {
      /* no popover support: still fixed, just not in the top layer */
    }
  };
  let reattached = 0;
  const observer = new MutationObserver(() => {
    if (!host.isConnected && reattached++ < 20) place();
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    observer.disconnect();
    host.remove();
    document.removeEventListener('visibilitychange', reportVisibility);
  };
  host.toggleAttribute('data-empty', true);
  place();
  observer.observe(document.documentElement, { childList: true });
  connect();
  return { alive: () => !stopped };
}

// Injecting again (a second menu click) must not add a second tracker.
const instances = /** @type {Record<symbol, {alive: () => boolean} | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);
if (!instances[INSTANCE]?.alive()) instances[INSTANCE] = start();
