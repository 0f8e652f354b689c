/**
 * Actions on a whole message: Copy puts a reply (as the Markdown the model wrote) or a question on
 * the clipboard. The button names the turn; the click delegate (clicks.ts) asks the store for its
 * text, so no copy of a long reply sits in the DOM.
 */
import type { ViewTurn } from '../../common/protocol';
import { actionButton } from '../dom';
import { splitTrailingSpace } from './citationMarks';
import { blockCitations, CitationIndex } from './citations';

/**
 * The Markdown of a turn: a reply's text blocks as one text (a cited answer arrives as many
 * fragments of one paragraph, so they are joined as they are), each cited fragment followed by
 * footnote references (`[^1]`) and the sources listed as footnotes at the end; a question's text
 * blocks by paragraphs. Thinking, tool calls and attachments are not part of it.
 */
export function turnMarkdown(turn: ViewTurn): string {
  if (turn.role !== 'assistant') {
    return turn.blocks.flatMap((block) => (block.type === 'text' && typeof block['text'] === 'string' ? [block['text']] : [])).join('\n\n').trim();
  }
  const index = new CitationIndex();
  const parts: string[] = [];
  turn.blocks.forEach((block, blockIndex) => {
    if (block.type !== 'text' || typeof block['text'] !== 'string') return;
    const citations = blockCitations(block);
    index.record(blockIndex, citations);
    const numbers = [...new Set(citations.map((c) => index.numberOf(c)?.n).filter((n) => n !== undefined))].sort((a, b) => a - b);
    const { body, space } = splitTrailingSpace(block['text']);
    parts.push(numbers.length > 0 ? `${body}${numbers.map((n) => `[^${n}]`).join('')}${space}` : block['text']);
  });
  const text = parts.join('').trim();
  const notes = index.sources.map(({ n, source }) => `[^${n}]: ${source.url ? `[${source.label.replace(/[[\]]/g, '\\$&')}](${source.url})` : source.label}`);
  return notes.length > 0 && text !== '' ? `${text}\n\n${notes.join('\n')}` : text;
}

/** The Copy button of a turn, or undefined when it has no text to copy. */
export function copyMessageButton(doc: Document, turn: ViewTurn): HTMLButtonElement | undefined {
  if (turnMarkdown(turn) === '') return undefined;
  const what = turn.role === 'assistant' ? 'this reply as Markdown' : 'this message';
  // No text of its own: the label is drawn by CSS, so the message's text (what tests and screen
  // readers read as the message) stays exactly what was written; the accessible name says it all.
  return actionButton(doc, 'copy-message', '', `Copy ${what}`, { class: 'button small message-action', 'data-testid': 'copy-message', 'data-turn-id': turn.id });
}

/** Regenerate on the last ended reply: asks its question again, the reply becoming an earlier version. */
export function regenerateButton(doc: Document, turn: ViewTurn): HTMLButtonElement {
  return actionButton(doc, 'regenerate', '', 'Regenerate this reply (the current one stays as an earlier version)', {
    class: 'button small message-action regenerate-action',
    'data-testid': 'regenerate',
    'data-turn-id': turn.id,
  });
}

/** Whether a user turn is a question that can be edited (not tool results, not a request to continue). */
export function isEditableQuestion(turn: ViewTurn): boolean {
  if (turn.role !== 'user' || turn.continueRequest || turn.editNote) return false;
  return !(turn.blocks.length > 0 && turn.blocks.every((block) => block.type === 'tool_result'));
}

/** Edit on a question: turns it into an inline editor to change and send again (not while a reply streams). */
export function editMessageButton(doc: Document, turn: ViewTurn, { busy }: { busy: boolean }): HTMLButtonElement {
  return actionButton(doc, 'edit-message', '', busy ? 'Edit this message (once the reply has finished)' : 'Edit this message and send it again', {
    class: 'button small message-action edit-action',
    'data-testid': 'edit-message',
    'data-turn-id': turn.id,
    disabled: busy,
  });
}
