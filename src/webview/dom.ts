/**
 * A tiny element builder. Every piece of text goes in as a text node and every attribute through
 * `setAttribute`, so nothing built here is ever parsed as HTML; the only HTML the webview parses is
 * sanitized markdown (render/markdown.ts).
 */

/** Attribute values: `false`, `null` and `undefined` leave the attribute out, `true` sets it empty. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;
/** Children: nodes, strings (as text) and falsy values (skipped, handy for conditionals). */
export type Child = Node | string | null | undefined | false;

/** Creates `<tag>` in `doc` with the given attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/** Appends children (strings become text nodes; falsy values are skipped). */
export function append(parent: Node, ...children: Child[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A button that carries its action in `data-action`; the app handles clicks by delegation. */
export function actionButton(doc: Document, action: string, label: string, title: string, attrs: Attrs = {}): HTMLButtonElement {
  return h(doc, 'button', { type: 'button', class: 'button', 'data-action': action, title, 'aria-label': title, ...attrs }, label);
}

/**
 * A window with its constructors (`Element`, `DOMParser`, …): the browser's `window`, or a jsdom
 * window in tests. Views take it instead of using globals so they can be tested in Node.
 */
export type WebviewWindow = Window & typeof globalThis;
