/**
 * The on-disk form of one conversation: `{ "version": 1, "conversation": {...} }`, keys sorted.
 * A conversation with large attachment payloads is written as version 2, with a `blobs` table
 * holding each payload once (see `blobs.ts`), so files without attachments stay readable by
 * older versions of the extension.
 *
 * Parsing checks the shape the rest of the code relies on (ids, roles, statuses, content arrays)
 * but not the blocks themselves, which are open and kept as they are. A file from a newer version
 * is refused rather than guessed at, so older code never rewrites data it does not understand.
 */
import type { ContentBlock, UserContentBlock } from '../anthropic/types';
import type { AssistantTurn, Conversation, StoredTurn, UserTurn } from './model';
import { packBlobs, unpackBlobs, type BlobTable } from './blobs';
import { stableStringify } from './stableJson';
import { foldLegacySuperseded } from './versions';
import { isRecord } from '../guards';

/** The version written in each conversation file; bump it and add a migration when the shape changes. */
export const CONVERSATION_FILE_VERSION = 1;
/** The version of files with a blob table: the newest this code reads. */
export const BLOB_FILE_VERSION = 2;

/** Thrown when a file is not a conversation this code can read. */
export class ConversationFormatError extends Error {
  override readonly name = 'ConversationFormatError';
}

/** The file text of a conversation, each large attachment payload stored once. */
export function serializeConversation(conversation: Conversation): string {
  const packed = packBlobs(conversation);
  const hasBlobs = Object.keys(packed.blobs).length > 0;
  const file: Record<string, unknown> = { version: hasBlobs ? BLOB_FILE_VERSION : CONVERSATION_FILE_VERSION, conversation: packed.conversation };
  if (hasBlobs) file['blobs'] = packed.blobs;
  return `${stableStringify(file)}\n`;
}

/** The file text with every payload inline (for export: one self-contained JSON document). */
export function serializeConversationInline(conversation: Conversation): string {
  return `${stableStringify({ version: CONVERSATION_FILE_VERSION, conversation })}\n`;
}

/**
 * Reads a conversation file. A turn saved while it was still streaming (the window closed or the
 * host crashed) comes back as `stopped` and `interrupted`: its content is what had arrived.
 * @throws ConversationFormatError when the text is not a readable conversation file.
 */
export function parseConversation(text: string): Conversation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConversationFormatError(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(data)) {
    throw new ConversationFormatError('Not a JSON object.');
  }
  const version = data['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ConversationFormatError('No valid version field.');
  }
  if (version > BLOB_FILE_VERSION) {
    throw new ConversationFormatError(`Written by a newer version of the extension (file version ${version}).`);
  }
  const conversation = readConversation(data['conversation']);
  const blobs = data['blobs'];
  if (blobs === undefined) return conversation;
  if (!isRecord(blobs) || !Object.values(blobs).every((v) => typeof v === 'string')) throw new ConversationFormatError('The blobs table is malformed.');
  try {
    return unpackBlobs(conversation, blobs as BlobTable);
  } catch (error) {
    throw new ConversationFormatError(error instanceof Error ? error.message : String(error));
  }
}

function readConversation(value: unknown): Conversation {
  if (!isRecord(value)) {
    throw new ConversationFormatError('No conversation object.');
  }
  const { id, title, model, createdAt, updatedAt, turns } = value;
  if (typeof id !== 'string' || typeof title !== 'string' || typeof model !== 'string') {
    throw new ConversationFormatError('Conversation id, title or model missing.');
  }
  if (typeof createdAt !== 'number' || typeof updatedAt !== 'number' || !Array.isArray(turns)) {
    throw new ConversationFormatError('Conversation times or turns missing.');
  }
  return foldLegacySuperseded({ ...value, id, title, model, createdAt, updatedAt, turns: turns.map(readTurn) });
}

function readTurn(value: unknown, index: number): StoredTurn {
  const turn = readOneTurn(value, index);
  const earlier: unknown = turn.earlierReplies;
  if (earlier === undefined) return turn;
  // Earlier versions of a reply are turns too, read the same way (and never sent).
  if (!Array.isArray(earlier) || !earlier.every((version) => Array.isArray(version))) throw new ConversationFormatError(`Turn ${index} has malformed earlier replies.`);
  turn.earlierReplies = earlier.map((version: unknown[]) => version.map(readTurn));
  return turn;
}

function readOneTurn(value: unknown, index: number): StoredTurn {
  if (!isRecord(value) || typeof value['id'] !== 'string' || typeof value['createdAt'] !== 'number' || !isBlockArray(value['content'])) {
    throw new ConversationFormatError(`Turn ${index} is malformed.`);
  }
  const id = value['id'];
  const createdAt = value['createdAt'];
  if (value['role'] === 'user') {
    // Blocks are open: checked for a string `type` only, and kept as they are.
    const turn: UserTurn = { ...value, id, role: 'user', createdAt, content: value['content'] as UserContentBlock[] };
    return turn;
  }
  if (value['role'] !== 'assistant') {
    throw new ConversationFormatError(`Turn ${index} has no valid role.`);
  }
  const status = value['status'];
  const model = value['model'];
  const stopReason = value['stopReason'];
  if (status !== 'streaming' && status !== 'done' && status !== 'stopped' && status !== 'error') {
    throw new ConversationFormatError(`Turn ${index} has no valid status.`);
  }
  if (typeof model !== 'string' || (stopReason !== null && typeof stopReason !== 'string')) {
    throw new ConversationFormatError(`Turn ${index} has no valid model or stop reason.`);
  }
  const turn: AssistantTurn = { ...value, id, role: 'assistant', createdAt, status, model, stopReason, content: value['content'] as ContentBlock[] };
  if (status === 'streaming') {
    turn.status = 'stopped';
    turn.interrupted = true;
  }
  return turn;
}

function isBlockArray(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.every((block) => isRecord(block) && typeof block['type'] === 'string');
}
