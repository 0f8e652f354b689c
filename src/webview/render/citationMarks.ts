/**
 * Inline citation markers. A cited answer arrives as many text blocks; their text is rendered as
 * one markdown source (textRun.ts), and at the end of each cited block's text a marker is put in
 * that source. After marked and DOMPurify, each marker (now a piece of a text node) is replaced
 * by superscript numbers, one per source the block cites, each focusable, with a popover holding
 * the cited passage and its source.
 *
 * The marker is `<` U+E000 block-index U+E000 `>`: `<` and `>` are punctuation to marked, so
 * emphasis that closes right before a marker still closes ("**Paris.**" + marker), and a bare URL
 * before it stops at `<`. Neither `<` followed by U+E000 nor U+E000 itself means anything in
 * markdown, and U+E000 (private use) is taken out of the model's text so the text cannot fake one.
 */
import type { Citation } from '../../common/protocol';
import { h } from '../dom';
import { isWebUrl } from '../format';
import { dropEmptyParagraph, spanBeforeMarker } from './blockSpans';
import { documentCitationLabel, isDocumentCitation, type CitationIndex, type NumberedSource } from './citations';

const PRIVATE = '\uE000';
const MARK = /<\uE000(\d+)\uE000>/g;
/** Lines a marker would break if it were put at their end: fences, rules, setext underlines, table rows. */
const SYNTAX_LINE = /^\s{0,3}(?:(?:`{3,}|~{3,})[^`]*|[-*_=\s]{3,}|\|.*)$/;
const QUOTE_CHARS = 300;

/** The model's text with U+E000 replaced, so only this module writes markers. */
export function withoutMarkerChars(text: string): string {
  return text.includes(PRIVATE) ? text.split(PRIVATE).join('\uFFFD') : text;
}

/** The marker for the block at `blockIndex`. */
export function marker(blockIndex: number): string {
  return `<${PRIVATE}${blockIndex}${PRIVATE}>`;
}

/**
 * The text without its trailing whitespace (spaces, tabs, line ends), and that whitespace. Scanned
 * from the end: a regex anchored at `$` would scan the whole text, on every streamed delta.
 */
export function splitTrailingSpace(text: string): { body: string; space: string } {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(end - 1)) end--;
  return end === text.length ? { body: text, space: '' } : { body: text.slice(0, end), space: text.slice(end) };
}

/**
 * What follows a closed block's `body` (its text without trailing whitespace): its marker (`mark`:
 * when it is cited, or in a run of several blocks), then the whitespace. A marker at the end of a fence, rule or table row would change
 * what that line is (and a line right after a table is one more row), so there it goes after a
 * blank line, as a paragraph of its own.
 */
export function closingOf(body: string, space: string, mark: string | undefined): string {
  if (mark === undefined) return space;
  const lastLine = body.slice(body.lastIndexOf('\n') + 1);
  return `${SYNTAX_LINE.test(lastLine) ? '\n\n' : ''}${mark}${space}`;
}

/** What a run needs to draw markers: the turn, its numbering, each block's citations. */
export interface MarkSource {
  turnId: string;
  index: CitationIndex;
  citationsOf(blockIndex: number): readonly Citation[];
  /** Whether each marker also ends its block's span (a run of several blocks, blockSpans.ts). */
  spansBlocks(): boolean;
}

/** Replaces every marker in the rendered chunk by the block's superscripts. */
export function placeMarks(doc: Document, root: HTMLElement, marks: MarkSource): void {
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const hits: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.nodeValue ?? '').includes(PRIVATE)) hits.push(node as Text);
  }
  for (const node of hits) replaceMarks(doc, node, marks);
}

function replaceMarks(doc: Document, node: Text, marks: MarkSource): void {
  const text = node.nodeValue ?? '';
  const parent = node.parentNode;
  const spans = marks.spansBlocks();
  const parts: Node[] = [];
  let at = 0;
  for (const match of text.matchAll(MARK)) {
    const blockIndex = Number(match[1]);
    const before = text.slice(at, match.index);
    // "fragment ." reads wrong: whitespace before a marker moves after it.
    const trimmed = before.replace(/[ \t]+$/, '');
    const piece = trimmed ? doc.createTextNode(trimmed) : undefined;
    if (spans) parts.push(spanBeforeMarker(doc, blockIndex, piece, at === 0 ? node.previousSibling : null));
    else if (piece) parts.push(piece);
    // An uncited block's marker only ends its span: it draws no superscript.
    if (marks.citationsOf(blockIndex).length > 0) parts.push(marksElement(doc, blockIndex, marks));
    if (trimmed.length < before.length) parts.push(doc.createTextNode(' '));
    at = match.index + match[0].length;
  }
  // A marker the highlighter cut into pieces (inside a code block) is dropped: the Sources list
  // still names the source.
  const tail = text.slice(at);
  const rest = tail.includes(PRIVATE) ? tail.split(PRIVATE).join('') : tail;
  if (rest) parts.push(doc.createTextNode(rest));
  node.replaceWith(...parts);
  if (spans) dropEmptyParagraph(parent);
}

/** The superscripts of one block: one per source, in number order, each its own popover. */
function marksElement(doc: Document, blockIndex: number, marks: MarkSource): HTMLElement {
  const el = h(doc, 'span', { class: 'citation-marks', 'data-testid': 'citation-marks', 'data-block-index': blockIndex });
  const seen = new Map<number, { numbered: NumberedSource; citationIndex: number; quotes: string[] }>();
  marks.citationsOf(blockIndex).forEach((citation, citationIndex) => {
    const numbered = marks.index.numberOf(citation);
    if (!numbered) return;
    const entry = seen.get(numbered.n) ?? { numbered, citationIndex, quotes: [] };
    const quote = typeof citation.cited_text === 'string' ? citation.cited_text.replace(/\s+/g, ' ').trim() : '';
    if (quote && !entry.quotes.includes(quote)) entry.quotes.push(quote);
    seen.set(numbered.n, entry);
  });
  for (const entry of [...seen.values()].sort((a, b) => a.numbered.n - b.numbered.n)) {
    el.append(markElement(doc, marks.turnId, blockIndex, entry));
  }
  return el;
}

function markElement(doc: Document, turnId: string, blockIndex: number, entry: { numbered: NumberedSource; citationIndex: number; quotes: string[] }): HTMLElement {
  const { n, source, citation } = entry.numbered;
  const id = `cite-${turnId}-${blockIndex}-${n}`.replace(/[^\w-]/g, '_');
  const where = source.domain ? `${source.label} (${source.domain})` : source.label;
  const popover = h(doc, 'span', { class: 'citation-popover', role: 'tooltip', id, 'data-testid': 'citation-popover' });
  for (const quote of entry.quotes.slice(0, 3)) {
    popover.append(h(doc, 'span', { class: 'citation-quote' }, `“${quote.length > QUOTE_CHARS ? `${quote.slice(0, QUOTE_CHARS).trimEnd()}…` : quote}”`));
  }
  popover.append(h(doc, 'span', { class: 'citation-source' }, source.label, source.domain ? h(doc, 'span', { class: 'citation-domain' }, ` · ${source.domain}`) : ''));
  const common = { class: 'citation', 'data-testid': 'citation', 'data-citation': n, 'aria-describedby': id };
  let target: HTMLElement;
  if (isDocumentCitation(citation)) {
    target = h(doc, 'button', {
      ...common,
      type: 'button',
      class: 'citation document-citation',
      'data-citation-kind': citation.type,
      'data-action': 'open-citation',
      'data-turn-id': turnId,
      'data-block-index': blockIndex,
      'data-citation-index': entry.citationIndex,
      'aria-label': `Source ${n}: open ${documentCitationLabel(citation)}`,
    }, String(n));
  } else if (isWebUrl(source.url)) {
    target = h(doc, 'a', { ...common, href: source.url, rel: 'noreferrer noopener', 'aria-label': `Source ${n}: ${where}` }, String(n));
  } else {
    target = h(doc, 'span', { ...common, tabindex: 0, role: 'note', 'aria-label': `Source ${n}: ${where}` }, String(n));
  }
  return h(doc, 'sup', { class: 'cite' }, target, popover);
}
