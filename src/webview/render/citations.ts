/**
 * Citations on text blocks. Web sources are numbered [n] links after the text that cites them,
 * numbered in order of first appearance and deduplicated across the whole turn (the same source
 * keeps its number). Citations into documents the user attached (`char_location`,
 * `page_location`, `content_block_location`) name the document and the page or passage instead,
 * and open it there through the host (`openCitation` with the turn, block and citation index).
 */
import type { Citation } from '../../common/protocol';
import { h } from '../dom';
import { webLink } from './links';

interface Source {
  key: string;
  url: string | undefined;
  title: string;
}

/** Where the block sits, so a document citation can name itself to the host. */
export interface CitationPlace {
  turnId: string;
  blockIndex: number;
}

const DOCUMENT_LOCATIONS = new Set(['char_location', 'page_location', 'content_block_location']);
const QUOTE_CHARS = 40;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Where a web citation points (a URL), or a document citation of a kind this view does not name. */
function sourceOf(citation: Citation): Source | undefined {
  const url = str(citation['url']);
  if (url) return { key: `url:${url}`, url, title: str(citation['title']) ?? url };
  const docIndex = citation['document_index'];
  if (typeof docIndex === 'number') {
    const title = str(citation['document_title']) ?? `Document ${docIndex + 1}`;
    return { key: `doc:${docIndex}`, url: undefined, title };
  }
  return undefined;
}

/** The document's name: its title, else "Document n" (1-based, as a person counts). */
function documentName(citation: Citation): string {
  const index = int(citation['document_index']);
  return str(citation['document_title']) ?? (index === undefined ? 'Document' : `Document ${index + 1}`);
}

/** "a–b", or "a" when the range holds one item. Ends are exclusive in the API, as `end` here is. */
function range(start: number, endExclusive: number | undefined): string {
  const last = endExclusive === undefined ? start : Math.max(start, endExclusive - 1);
  return last > start ? `${start}–${last}` : String(start);
}

/**
 * The link text for a citation into a document: "report.pdf, p. 3", "report.pdf, pp. 3–5",
 * "notes.txt, “the cited words…”", "spec, block 2". Pages are 1-based in the API; characters and
 * content blocks 0-based (shown 1-based); every end is exclusive.
 */
export function documentCitationLabel(citation: Citation): string {
  const name = documentName(citation);
  if (citation.type === 'page_location') {
    const start = int(citation['start_page_number']);
    if (start === undefined) return name;
    const pages = range(start, int(citation['end_page_number']));
    return `${name}, ${pages.includes('–') ? 'pp.' : 'p.'} ${pages}`;
  }
  if (citation.type === 'content_block_location') {
    const start = int(citation['start_block_index']);
    if (start === undefined) return name;
    const end = int(citation['end_block_index']);
    const blocks = range(start + 1, end === undefined ? undefined : end + 1);
    return `${name}, ${blocks.includes('–') ? 'blocks' : 'block'} ${blocks}`;
  }
  const quote = (str(citation.cited_text) ?? '').replace(/\s+/g, ' ').trim();
  if (quote === '') return name;
  return `${name}, “${quote.length > QUOTE_CHARS ? `${quote.slice(0, QUOTE_CHARS).trimEnd()}…` : quote}”`;
}

/** Turn-wide numbering of cited sources. */
export class CitationIndex {
  private readonly numbers = new Map<string, number>();

  /** The source's number, assigning the next one on first sight. */
  number(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
    }
    return n;
  }
}

function documentLink(doc: Document, citation: Citation, place: CitationPlace, citationIndex: number): HTMLElement {
  const label = documentCitationLabel(citation);
  const quote = str(citation.cited_text);
  return h(doc, 'button', {
    type: 'button',
    class: 'link-button citation document-citation',
    'data-testid': 'citation',
    'data-citation-kind': citation.type,
    'data-action': 'open-citation',
    'data-turn-id': place.turnId,
    'data-block-index': place.blockIndex,
    'data-citation-index': citationIndex,
    title: quote ? `${label}\n\n${quote.slice(0, 500)}` : label,
    'aria-label': `Open ${label}`,
  }, label);
}

/** The links for one text block's citations, or null when it cites nothing. */
export function citationsElement(doc: Document, citations: readonly Citation[] | null | undefined, index: CitationIndex, place?: CitationPlace): HTMLElement | null {
  if (!citations || citations.length === 0) return null;
  const seen = new Set<string>();
  const el = h(doc, 'span', { class: 'citations', 'data-testid': 'citations' });
  citations.forEach((citation, i) => {
    if (place && DOCUMENT_LOCATIONS.has(citation.type)) {
      const label = documentCitationLabel(citation);
      if (seen.has(`label:${label}`)) return;
      seen.add(`label:${label}`);
      el.append(documentLink(doc, citation, place, i), ' ');
      return;
    }
    const source = sourceOf(citation);
    if (!source) return;
    const n = index.number(source.key);
    if (seen.has(`n:${n}`)) return;
    seen.add(`n:${n}`);
    const link = webLink(doc, source.url, `[${n}]`, source.title);
    link.classList.add('citation');
    link.setAttribute('data-testid', 'citation');
    link.setAttribute('data-citation', String(n));
    if (!source.url) link.title = source.title;
    el.append(link, ' ');
  });
  return el.childElementCount > 0 ? el : null;
}
