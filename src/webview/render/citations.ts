/**
 * Citations on text blocks: numbered [n] links after the text that cites them, numbered in order of
 * first appearance and deduplicated across the whole turn (the same source keeps its number).
 */
import type { Citation } from '../../common/protocol';
import { h } from '../dom';
import { webLink } from './links';

interface Source {
  key: string;
  url: string | undefined;
  title: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Where a citation points: a web page (url) or a document given in the prompt. */
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

/** The [1] [2] links for one text block's citations, or null when it cites nothing. */
export function citationsElement(doc: Document, citations: readonly Citation[] | null | undefined, index: CitationIndex): HTMLElement | null {
  if (!citations || citations.length === 0) return null;
  const seen = new Set<number>();
  const el = h(doc, 'span', { class: 'citations', 'data-testid': 'citations' });
  for (const citation of citations) {
    const source = sourceOf(citation);
    if (!source) continue;
    const n = index.number(source.key);
    if (seen.has(n)) continue;
    seen.add(n);
    const link = webLink(doc, source.url, `[${n}]`, source.title);
    link.classList.add('citation');
    link.setAttribute('data-testid', 'citation');
    link.setAttribute('data-citation', String(n));
    if (!source.url) link.title = source.title;
    el.append(link, ' ');
  }
  return el.childElementCount > 0 ? el : null;
}
