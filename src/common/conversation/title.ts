/**
 * A conversation's title, derived from its first question.
 *
 * The title depends only on what the user wrote: no date, time, counter or random part, so the
 * same question always gives the same title and nothing volatile leaks into history or exports.
 */
import type { Conversation } from './model';
import { isContextBlock, parseContextHeader } from './contextBlocks';

/** The longest title, in characters, before it is cut with an ellipsis. */
export const TITLE_MAX_CHARS = 60;

/** The title given when there is no text to take one from. */
export const UNTITLED = 'New chat';

/**
 * A title from a piece of user text: its first non-empty line, markdown heading and quote marks
 * removed, whitespace collapsed, cut at a word boundary near `max` characters.
 */
export function titleFromText(text: string, max = TITLE_MAX_CHARS): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:#{1,6}\s+|>\s*|[-*]\s+)/, '').replace(/\s+/g, ' ').trim())
    .find((l) => l !== '');
  if (!line) {
    return '';
  }
  if (line.length <= max) {
    return line;
  }
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // Cut at a word boundary unless that would throw away most of the line.
  const base = space > max / 2 ? cut.slice(0, space) : cut;
  return `${base.trimEnd()}…`;
}

/**
 * The title of a conversation: from the first user text that is not a context block; if the first
 * question is only context, from the selection's label (e.g. `src/a.ts:10-24`).
 */
export function titleForConversation(conversation: Conversation): string {
  let contextLabel: string | undefined;
  for (const turn of conversation.turns) {
    if (turn.role !== 'user') {
      continue;
    }
    for (const block of turn.content) {
      if (block.type !== 'text') {
        continue;
      }
      if (isContextBlock(block)) {
        const header = parseContextHeader(block.text);
        if (header?.kind === 'selection' && contextLabel === undefined) {
          contextLabel = `${header.path}:${header.startLine}-${header.endLine}`;
        }
        continue;
      }
      const title = titleFromText(block.text);
      if (title !== '') {
        return title;
      }
    }
  }
  return contextLabel ? titleFromText(contextLabel) : UNTITLED;
}
