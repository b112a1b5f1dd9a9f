// @ts-check
// The DOM helpers every view shares (popup, tracker, workspace). Text goes in as properties
// (textContent, title, ariaLabel), never as HTML: prompts come from web pages.

/**
 * @param {string} tag
 * @param {Record<string, any>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {any}
 */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(.../** @type {(Node | string)[]} */ (children.filter(Boolean)));
  return node;
}

/** @param {string} label @param {(e: MouseEvent) => void} onClick @param {Record<string, any>} [props] */
export function button(label, onClick, props = {}) {
  const b = el('button', { type: 'button', textContent: label, ...props });
  b.addEventListener('click', onClick);
  return b;
}
