/**
 * Citations on text blocks: what each one points at (a web page, or a place in a document the
 * user attached: `char_location`, `page_location`, `content_block_location`), and the turn-wide
 * numbering of those sources (first appearance order; the same URL, or the same document and
 * place, keeps its number). The inline markers are drawn by citationMarks.ts, the Sources list
 * that ends a reply by sources.ts.
 */
import type { Citation, ContentBlock } from '../../common/protocol';
import { isRecord } from '../../common/guards';

/** One cited source as the reader sees it. */
export interface CitedSource {
  /** Identity for numbering: `url:<url>` or `doc:<index>:<type>:<place>`. */
  key: string;
  /** The web page (http(s) or not: links are only made for http(s)). */
  url: string | undefined;
  /** The page's title, or the document's name with its page or passage. */
  label: string;
  /** The page's host name ("example.com"), for web sources. */
  domain: string | undefined;
}

/** Where a citation sits in its turn, so a document citation can name itself to the host. */
export interface CitationPlace {
  blockIndex: number;
  citationIndex: number;
}

/** A numbered source, with where it was first cited. */
export interface NumberedSource extends CitationPlace {
  n: number;
  source: CitedSource;
  citation: Citation;
}

const DOCUMENT_LOCATIONS = new Set(['char_location', 'page_location', 'content_block_location']);
const QUOTE_CHARS = 40;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A block's citations; anything that is not an object (hostile or broken input) is left out. */
export function blockCitations(block: ContentBlock): Citation[] {
  const list = block['citations'];
  return Array.isArray(list) ? list.filter((c): c is Citation => isRecord(c) && typeof c['type'] === 'string') : [];
}

/** Whether the citation points into an attached document (opened through `openCitation`). */
export function isDocumentCitation(citation: Citation): boolean {
  return DOCUMENT_LOCATIONS.has(citation.type);
}

function hostName(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** What the citation points at, or undefined for a kind this view cannot name. */
export function citedSource(citation: Citation): CitedSource | undefined {
  if (isDocumentCitation(citation)) {
    const place = ['start_char_index', 'end_char_index', 'start_page_number', 'end_page_number', 'start_block_index', 'end_block_index']
      .map((field) => int(citation[field]) ?? '').join(',');
    return { key: `doc:${int(citation['document_index']) ?? '?'}:${citation.type}:${place}`, url: undefined, label: documentCitationLabel(citation), domain: undefined };
  }
  const url = str(citation['url']) ?? str(citation['source']);
  if (url) return { key: `url:${url}`, url, label: str(citation['title']) ?? url, domain: hostName(url) };
  const docIndex = int(citation['document_index']);
  if (docIndex !== undefined) return { key: `doc:${docIndex}`, url: undefined, label: documentName(citation), domain: undefined };
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
 * The name of a citation into a document: "report.pdf, p. 3", "report.pdf, pp. 3–5",
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

/**
 * Turn-wide numbering of cited sources, in the order they are first seen (blocks are recorded in
 * order, so that is the order of first appearance). Numbers never change once given: markers
 * already drawn keep theirs.
 */
export class CitationIndex {
  private readonly byKey = new Map<string, NumberedSource>();
  /** Grows with each new source, so a view can tell whether its list is stale. */
  version = 0;

  /** Numbers a block's citations (new sources get the next numbers). */
  record(blockIndex: number, citations: readonly Citation[]): void {
    citations.forEach((citation, citationIndex) => {
      const source = citedSource(citation);
      if (!source || this.byKey.has(source.key)) return;
      this.byKey.set(source.key, { n: this.byKey.size + 1, source, citation, blockIndex, citationIndex });
      this.version++;
    });
  }

  /** The number of the citation's source (undefined when it was never recorded or has none). */
  numberOf(citation: Citation): NumberedSource | undefined {
    const source = citedSource(citation);
    return source ? this.byKey.get(source.key) : undefined;
  }

  /** Every numbered source, by number. */
  get sources(): NumberedSource[] {
    return [...this.byKey.values()];
  }
}
