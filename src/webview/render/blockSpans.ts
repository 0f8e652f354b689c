/**
 * One element per content block inside a run of several text blocks (CONTRACT:
 * `[data-block-type="T"]`, one element per content block). The run element holds them all, so it
 * carries no block type; each block gets ONE inline `<span data-block-type="text"
 * data-block-index="i">` over the last piece of its text, the piece right before its end marker
 * (citationMarks.ts puts a marker after every block of such a run, cited or not). The spans are
 * plain inline boxes: they change nothing that is drawn.
 *
 * A block whose text ends with a fence, table or rule has its marker below it (closingOf): its span
 * is empty there, and an uncited one stands without the paragraph the marker made. The open
 * (streaming) last block has no marker yet: its span covers the run's last text, or stands empty
 * after the previous block's span while it has no text of its own.
 */
import { h } from '../dom';

const BLOCK_SPAN = '[data-block-type]';
const MARKS = 'citation-marks';

/** The span of the block at `index`. */
export function blockSpan(doc: Document, index: number, ...children: Node[]): HTMLElement {
  return h(doc, 'span', { class: 'block-span', 'data-block-type': 'text', 'data-block-index': index }, ...children);
}

/**
 * The span of a block whose marker is at the start of `node`: it holds `piece` (the text before the
 * marker) or, when there is none, the inline element just before the marker ("**Paris.**" + marker).
 */
export function spanBeforeMarker(doc: Document, index: number, piece: Text | undefined, before: ChildNode | null): HTMLElement {
  if (piece) return blockSpan(doc, index, piece);
  const wrappable = isElement(before) && !before.classList.contains(MARKS) && !before.matches(BLOCK_SPAN);
  return wrappable ? blockSpan(doc, index, before) : blockSpan(doc, index);
}

/** A paragraph that holds nothing but empty block spans (an uncited marker after a fence) gives way to them. */
export function dropEmptyParagraph(parent: Node | null): void {
  if (!isElement(parent) || parent.tagName !== 'P') return;
  const children = Array.from(parent.childNodes);
  if (children.every((child) => isElement(child) && child.matches(BLOCK_SPAN) && child.childNodes.length === 0)) parent.replaceWith(...children);
}

/** Puts the span's children where the span is, and removes it. */
export function unwrap(span: HTMLElement): void {
  if (span.isConnected) span.replaceWith(...Array.from(span.childNodes));
}

/**
 * The span of the open last block (`index`) of a streaming run drawn in `md`: `current` when it is
 * still right, else a new one over the run's last text, or empty after the last closed block's span
 * (and its superscripts) when that text is not the open block's.
 */
export function openBlockSpan(doc: Document, md: HTMLElement, index: number, current: HTMLElement | undefined): HTMLElement {
  const hit = lastContent(doc, md);
  const found = isElement(hit) ? hit : hit?.parentElement?.closest(BLOCK_SPAN);
  const owner = found && md.contains(found) ? found : undefined;
  if (current?.isConnected && owner === current && current.getAttribute('data-block-index') === String(index)) return current;
  if (current) unwrap(current);
  if (hit && !owner) {
    const span = blockSpan(doc, index);
    hit.replaceWith(span);
    span.append(hit);
    return span;
  }
  const span = blockSpan(doc, index);
  if (!owner) {
    md.append(span);
    return span;
  }
  const marks = owner.nextElementSibling;
  (marks?.classList.contains(MARKS) ? marks : owner).after(span);
  return span;
}

/** The last non-blank text or block span in `md`, superscripts and their popovers left out. */
function lastContent(doc: Document, md: HTMLElement): ChildNode | undefined {
  const walker = doc.createTreeWalker(md, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) => (isElement(node) && node.classList.contains(MARKS) ? 2 /* FILTER_REJECT */ : 1 /* FILTER_ACCEPT */),
  });
  while (walker.lastChild()) continue; // down to the last node
  for (let node: Node | null = walker.currentNode; node && node !== md; node = walker.previousNode()) {
    if (node.nodeType === 3 && (node.nodeValue ?? '').trim() !== '') return node as ChildNode;
    if (isElement(node) && node.matches(BLOCK_SPAN)) return node;
  }
  return undefined;
}

function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === 1;
}
