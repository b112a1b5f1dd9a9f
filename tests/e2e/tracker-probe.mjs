// Reads and clicks the in-page tracker, which lives in a CLOSED shadow root that page scripts (and so
// Playwright's selectors) cannot enter. CDP's DOM domain can: `pierce: true` includes closed roots, and
// clicks go through the real mouse at the element's box.

/** A node of CDP's DOM tree → {tag, attrs, text, children}. */
function simplify(node) {
  const attrs = {};
  for (let i = 0; i < (node.attributes?.length ?? 0); i += 2) attrs[node.attributes[i]] = node.attributes[i + 1];
  const kids = [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(simplify);
  const text = node.nodeType === 3 ? node.nodeValue : kids.map((k) => k.text).join('');
  return {
    id: node.nodeId,
    tag: node.nodeName.toLowerCase(),
    type: node.nodeType,
    shadow: node.shadowRootType,
    attrs,
    text,
    kids,
  };
}

function* walk(n) {
  yield n;
  for (const k of n.kids) yield* walk(k);
}
const byClass = (n, cls) => [...walk(n)].filter((x) => (x.attrs.class ?? '').split(' ').includes(cls));

export async function trackerProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  const find = async () => {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    for (const n of walk(simplify(root))) {
      const shadow = n.kids.find((k) => k.shadow === 'closed');
      if (shadow && byClass(shadow, 'panel').length) found.push({ host: n, shadow });
    }
    return found.length ? { ...found[0], instances: found.length } : null;
  };
  return {
    /** What a person sees in the tracker: null when there is none. */
    async read() {
      const found = await find();
      if (!found) return null;
      const { host, shadow, instances } = found;
      const panel = byClass(shadow, 'panel')[0];
      return {
        instances,
        shown: !('data-empty' in host.attrs),
        collapsed: 'hidden' in panel.attrs,
        pill: byClass(shadow, 'pill')[0].text,
        notices: byClass(shadow, 'notice').map(
          (n) => byClass(n, 'notice')[0].kids.find((k) => k.tag === 'p')?.text ?? '',
        ),
        jobs: byClass(shadow, 'job').map((j) => ({
          submitId: j.attrs['data-submit-id'],
          state: j.attrs['data-state'],
          prompt: byClass(j, 'prompt')[0]?.text,
          text: byClass(j, 'state')[0]?.text,
          images: [...walk(j)].filter((x) => x.tag === 'img').length,
          progress: [...walk(j)].some((x) => x.tag === 'progress'),
        })),
        elementTags: [...new Set([...walk(shadow)].filter((x) => x.type === 1).map((x) => x.tag))],
      };
    },
    /** Clicks the first element in the tracker matching `selector` (CSS, evaluated inside the shadow root). */
    async click(selector) {
      const found = await find();
      if (!found) throw new Error('no tracker on the page');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: found.shadow.id, selector });
      if (!nodeId) throw new Error(`nothing in the tracker matches ${selector}`);
      const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
      const [x1, y1, , , x3, y3] = model.border;
      await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    },
    async hostBox() {
      const found = await find();
      if (!found) return null;
      return (await cdp.send('DOM.getBoxModel', { nodeId: found.host.id })).model;
    },
    detach: () => cdp.detach(),
  };
}
