/**
 * The Sources list that ends a cited reply: one numbered entry per source (the numbers of the
 * inline markers), the page's title and domain as a link (opened through the host, like every
 * link here), or the document's name and page as a button that opens it there (`openCitation`).
 */
import { h } from '../dom';
import { isWebUrl } from '../format';
import type { CitationIndex, NumberedSource } from './citations';
import { isDocumentCitation } from './citations';

function entry(doc: Document, turnId: string, numbered: NumberedSource): HTMLElement {
  const { n, source, citation } = numbered;
  const item = h(doc, 'li', { 'data-citation': n, 'data-testid': 'source' });
  if (isDocumentCitation(citation)) {
    item.append(h(doc, 'button', {
      type: 'button',
      class: 'link-button document-citation',
      'data-action': 'open-citation',
      'data-citation-kind': citation.type,
      'data-turn-id': turnId,
      'data-block-index': numbered.blockIndex,
      'data-citation-index': numbered.citationIndex,
      'aria-label': `Open ${source.label}`,
    }, source.label));
  } else if (isWebUrl(source.url)) {
    item.append(h(doc, 'a', { href: source.url, rel: 'noreferrer noopener', title: source.url }, source.label));
  } else {
    item.append(h(doc, 'span', { class: 'link-text' }, source.label));
  }
  if (source.domain) item.append(h(doc, 'span', { class: 'source-domain' }, ` · ${source.domain}`));
  return item;
}

/** The list for a turn's numbered sources, or null when it cites nothing. */
export function sourcesElement(doc: Document, turnId: string, index: CitationIndex): HTMLElement | null {
  const sources = index.sources;
  if (sources.length === 0) return null;
  const id = `sources-${turnId}`.replace(/[^\w-]/g, '_');
  return h(
    doc,
    'section',
    { class: 'sources', 'data-testid': 'sources', 'aria-labelledby': id },
    h(doc, 'div', { class: 'sources-title', id }, 'Sources'),
    h(doc, 'ol', { class: 'sources-list' }, ...sources.map((numbered) => entry(doc, turnId, numbered))),
  );
}

/** Puts the turn's Sources list (or nothing) in `slot`; returns the numbering's version it shows. */
export function fillSources(slot: HTMLElement, turnId: string, index: CitationIndex): number {
  const list = slot.ownerDocument ? sourcesElement(slot.ownerDocument, turnId, index) : null;
  slot.replaceChildren(...(list ? [list] : []));
  return index.version;
}
