/**
 * The store's index file (`index.json`): the history list and the conversation open last, as pure
 * data. Parsing keeps only well-formed entries with valid ids; the file is derived from the
 * conversation files, so the store rebuilds it rather than trusting a damaged one.
 */
import { isRecord } from '../guards';
import type { ConversationSummary } from '../protocol';
import type { Conversation } from './model';
import { stableStringify } from './stableJson';
import { isContextBlock } from './contextBlocks';
import { titleForConversation, titleFromText } from './title';

export const INDEX_FILE = 'index.json';
export const INDEX_VERSION = 1;

/**
 * A history entry as the index keeps it: the summary, and when the entry was last written (epoch
 * ms), so a file changed after that (a save whose index update never happened) is read again at
 * startup.
 */
export interface IndexEntry extends ConversationSummary {
  savedAt?: number;
}

/** The index as read and written. */
export interface IndexData {
  version: number;
  lastOpenId?: string;
  conversations: IndexEntry[];
}

// Ids become file names: letters, digits, `-` and `_` only, so an id from the webview cannot
// reach outside the directory; `index` is the index file's name.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Whether a string can be a conversation id (and so a file name). */
export function isValidConversationId(id: string): boolean {
  return ID_PATTERN.test(id) && id !== 'index';
}

/** The history entry of a conversation saved under `id`. */
export function summaryOf(id: string, conversation: Conversation): ConversationSummary {
  const title = conversation.title || titleForConversation(conversation);
  const question = questionOf(conversation);
  return { id, title, model: conversation.model, updatedAt: conversation.updatedAt, ...(question && question !== title ? { question } : {}) };
}

/** How much of the first question the index keeps for the history's filter. */
const QUESTION_MAX_CHARS = 200;

/** The first line of the first question the user typed (not a context block), if any. */
function questionOf(conversation: Conversation): string | undefined {
  for (const turn of conversation.turns) {
    if (turn.role !== 'user') continue;
    for (const block of turn.content) {
      const line = block.type === 'text' && !isContextBlock(block) ? titleFromText(block.text, QUESTION_MAX_CHARS) : '';
      if (line) return line;
    }
  }
  return undefined;
}

/** Newest first; ties by id, so the order is stable. */
export function sortSummaries<T extends ConversationSummary>(conversations: readonly T[]): T[] {
  return [...conversations].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

/** The history as the view gets it: newest first, the summary fields only. */
export function historyOf(entries: readonly IndexEntry[]): ConversationSummary[] {
  return sortSummaries(entries).map(({ id, title, model, updatedAt, question }) => ({ id, title, model, updatedAt, ...(question ? { question } : {}) }));
}

/** The index file's text: stable key order and sorted entries, so rewriting it changes nothing. */
export function formatIndex(index: IndexData): string {
  return `${stableStringify({ ...index, conversations: sortSummaries(index.conversations) })}\n`;
}

/** Parses the index file; throws when it is not JSON or has no conversations list. */
export function parseIndex(text: string): IndexData {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || !('conversations' in data) || !Array.isArray(data.conversations)) {
    throw new Error('The index has no conversations list.');
  }
  const conversations: IndexEntry[] = [];
  for (const entry of data.conversations as unknown[]) {
    if (isSummary(entry) && isValidConversationId(entry.id)) {
      const kept: IndexEntry = { id: entry.id, title: entry.title, model: entry.model, updatedAt: entry.updatedAt };
      const savedAt: unknown = 'savedAt' in entry ? entry.savedAt : undefined;
      if (typeof savedAt === 'number') kept.savedAt = savedAt;
      const question: unknown = 'question' in entry ? entry.question : undefined;
      if (typeof question === 'string' && question.length <= QUESTION_MAX_CHARS * 2) kept.question = question;
      conversations.push(kept);
    }
  }
  const index: IndexData = { version: INDEX_VERSION, conversations };
  if ('lastOpenId' in data && typeof data.lastOpenId === 'string') {
    index.lastOpenId = data.lastOpenId;
  }
  return index;
}

function isSummary(entry: unknown): entry is ConversationSummary {
  return isRecord(entry) && typeof entry['id'] === 'string' && typeof entry['title'] === 'string' && typeof entry['model'] === 'string' && typeof entry['updatedAt'] === 'number';
}
