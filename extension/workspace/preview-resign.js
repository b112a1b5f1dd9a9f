// @ts-check
// Previews that no longer load (their signed links expired) are re-signed together. Previews of the same
// age expire together, so the first broken one also brings every drawn image of a job as old or older:
// one request for what is on screen, instead of one per wave of failed loads (a page loads six images at a
// time from one host). One request is out at a time; what breaks meanwhile goes in the next.

/**
 * @typedef {{ submitId: string, uri: string, createdAt: number }} ShownImage
 * @param {{ imageAt: (i: number) => ShownImage | null, drawn: () => Iterable<number>,
 *           send: (items: {submitId: string, uri: string}[]) => Promise<unknown> }} on
 */
export function createPreviewResigner(on) {
  /** @type {Map<string, {submitId: string, uri: string, sent: boolean}>} */
  const queued = new Map();
  let scheduled = false;
  const add = (/** @type {ShownImage} */ image) => {
    if (!queued.has(image.uri)) queued.set(image.uri, { submitId: image.submitId, uri: image.uri, sent: false });
  };

  async function flush() {
    const items = [...queued.values()].filter((q) => !q.sent);
    for (const q of items) q.sent = true;
    try {
      if (items.length) await on.send(items.map(({ submitId, uri }) => ({ submitId, uri })));
    } finally {
      if ([...queued.values()].some((q) => !q.sent)) setTimeout(flush, 100);
      else scheduled = false;
    }
  }

  /** The preview of cell `i` failed to load. @param {number} i */
  return function previewBroke(i) {
    const broken = on.imageAt(i);
    if (!broken || queued.has(broken.uri)) return;
    add(broken);
    for (const k of on.drawn()) {
      const other = on.imageAt(k);
      if (other && other.createdAt <= broken.createdAt) add(other);
    }
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 100);
    }
  };
}
