/**
 * Citations into attached documents: which attachment a `char_location`, `page_location` or
 * `content_block_location` citation points at, and a label naming it and the place.
 *
 * Numbering rule: the API numbers the `document` blocks of a request from 0, in the order they
 * appear in `messages` (user turn by user turn, block by block, top-level blocks only). A reply's
 * `document_index` therefore counts every document sent in the user turns before it, in the
 * conversation as sent (earlier versions of replies are not in `turns`, so never counted).
 */
import type { AttachmentChip } from '../protocol';
import type { AssistantTurn, Conversation, UserTurn } from '../conversation/model';

export type DocumentCitation =
  | { type: 'char_location'; document_index: number; start_char_index: number; end_char_index: number; document_title?: string | null }
  | { type: 'page_location'; document_index: number; start_page_number: number; end_page_number: number; document_title?: string | null }
  | { type: 'content_block_location'; document_index: number; start_block_index: number; end_block_index: number; document_title?: string | null };

/** What a citation points at: the attachment (when known), the place, and a label for both. */
export interface ResolvedCitation {
  citation: DocumentCitation;
  /** The attachment the document came from; undefined for documents this extension did not attach. */
  attachment: AttachmentChip | undefined;
  label: string;
}

/** The citation as a document citation, or undefined for other kinds (web search results…). */
export function asDocumentCitation(value: unknown): DocumentCitation | undefined {
  const c = value as Record<string, unknown> | null;
  if (!c || typeof c !== 'object' || typeof c['document_index'] !== 'number') return undefined;
  const numbers = (a: string, b: string): boolean => typeof c[a] === 'number' && typeof c[b] === 'number';
  if (c['type'] === 'char_location' && numbers('start_char_index', 'end_char_index')) return c as unknown as DocumentCitation;
  if (c['type'] === 'page_location' && numbers('start_page_number', 'end_page_number')) return c as unknown as DocumentCitation;
  if (c['type'] === 'content_block_location' && numbers('start_block_index', 'end_block_index')) return c as unknown as DocumentCitation;
  return undefined;
}

/**
 * The attachments of the document blocks the request for `turnIndex` carried, in the API's
 * numbering (see the file comment). An entry is undefined for a document without a chip.
 */
export function documentsBefore(conversation: Conversation, turnIndex: number): Array<AttachmentChip | undefined> {
  const documents: Array<AttachmentChip | undefined> = [];
  for (const turn of conversation.turns.slice(0, turnIndex)) {
    if (turn.role !== 'user') continue;
    turn.content.forEach((block, i) => {
      if (block.type === 'document') documents.push(chipOfBlock(turn, i));
    });
  }
  return documents;
}

/** Attachment blocks lead the user turn's content, in the order of its chips. */
function chipOfBlock(turn: UserTurn, blockIndex: number): AttachmentChip | undefined {
  return turn.attachments?.[blockIndex];
}

/** `report.pdf, p. 3`, `report.pdf, pp. 3–5`, `notes.md, chars 120–340`, `notes, blocks 1–2`. */
export function citationLabel(citation: DocumentCitation, name: string): string {
  switch (citation.type) {
    case 'page_location': {
      const last = citation.end_page_number - 1; // end is exclusive
      return last > citation.start_page_number ? `${name}, pp. ${citation.start_page_number}–${last}` : `${name}, p. ${citation.start_page_number}`;
    }
    case 'char_location':
      return `${name}, chars ${citation.start_char_index}–${citation.end_char_index}`;
    case 'content_block_location': {
      const last = citation.end_block_index - 1;
      return last > citation.start_block_index ? `${name}, blocks ${citation.start_block_index}–${last}` : `${name}, block ${citation.start_block_index}`;
    }
  }
}

/** Resolves citation `citationIndex` of block `blockIndex` of assistant turn `turnId`. */
export function resolveCitation(conversation: Conversation, turnId: string, blockIndex: number, citationIndex: number): ResolvedCitation | undefined {
  const turnIndex = conversation.turns.findIndex((t) => t.id === turnId);
  const turn = conversation.turns[turnIndex];
  if (!turn || turn.role !== 'assistant') return undefined;
  const block = (turn as AssistantTurn).content[blockIndex] as { citations?: unknown } | undefined;
  const citation = Array.isArray(block?.citations) ? asDocumentCitation(block.citations[citationIndex]) : undefined;
  if (!citation) return undefined;
  const attachment = documentsBefore(conversation, turnIndex)[citation.document_index];
  const name = attachment?.name ?? citation.document_title ?? `document ${citation.document_index + 1}`;
  return { citation, attachment, label: citationLabel(citation, name) };
}
