// @ts-check
// A finished video as every view shows it: its poster with the length (and its watermark state in words: see
// job-view.js's mark); a click plays it in place (<video controls>), or hands it to `open` (the tracker, which
// lives in a web page, opens it in a tab of ours).
import { el } from './dom.js';
import { t } from './job-text.js';

/** 0:05, 1:30 */
export const clock = (/** @type {number} */ ms) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * @param {import('./job-view.js').JobView} view
 * @param {import('./job-view.js').JobVideoView} video
 * @param {{ open?: () => void }} [options]
 */
export function videoFigure(view, video, { open } = {}) {
  const length = clock(video.durationMs);
  const poster = el(
    'button',
    { type: 'button', className: 'video-poster', ariaLabel: t('playVideo', length) },
    el('img', { src: video.cover, alt: t('videoPoster', view.prompt), loading: 'lazy', decoding: 'async' }),
    el('span', { className: 'badge duration', textContent: length, ariaHidden: 'true' }),
  );
  const figure = el(
    'figure',
    { className: 'video-result' },
    poster,
    video.mark &&
      el('figcaption', {
        className: `badge ${video.mark.clean ? 'clean' : 'watermark'}`,
        textContent: video.mark.text,
        title: video.mark.hint,
      }),
  );
  figure.dataset.kind = 'video';
  poster.addEventListener('click', () => {
    if (open) return open();
    const player = el('video', {
      src: video.url,
      poster: video.cover,
      controls: true,
      autoplay: true,
      playsInline: true,
      ariaLabel: t('playVideo', length),
      width: video.width,
      height: video.height,
    });
    poster.replaceWith(player);
    player.focus();
  });
  return figure;
}
