/**
 * The conversation model the host owns: an append-only list of turns holding the API content
 * blocks exactly as they were sent and received. The types live in `model.ts`; this file holds the
 * mutations.
 *
 * The assistant content is stored as the API sent it (thinking with its signature, redacted
 * thinking, server tool blocks, citations, blocks this code does not know) and never re-typed,
 * because the API checks thinking signatures and server tool pairs when a turn is sent back.
 * Turning the history into a request lives in `apiMessages.ts`, into webview turns in
 * `viewTurns.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { UserContentBlock } from '../anthropic/types';
import type { AttachmentChip, ContextChip } from '../protocol';
import type { AssistantEnd, AssistantSnapshot, AssistantTurn, CacheTtl, Conversation, UserTurn } from './model';

/** A new conversation id: safe as a file name (see the store). */
export function newConversationId(): string {
  return randomUUID();
}

/** Creates an empty conversation. */
export function createConversation(init: { model: string; id?: string; title?: string; now?: number }): Conversation {
  const now = init.now ?? Date.now();
  return { id: init.id ?? newConversationId(), title: init.title ?? '', model: init.model, createdAt: now, updatedAt: now, turns: [] };
}

/** Appends a user turn. The blocks are copied so later changes by the caller cannot alter history. */
export function appendUserTurn(
  conversation: Conversation,
  input: { content: UserContentBlock[]; chips?: ContextChip[]; attachments?: AttachmentChip[]; id?: string; now?: number; purpose?: UserTurn['purpose'] },
): UserTurn {
  if (input.content.length === 0) {
    throw new Error('A user turn needs at least one content block.');
  }
  assertNotStreaming(conversation);
  const now = input.now ?? Date.now();
  const turn: UserTurn = { id: input.id ?? randomUUID(), role: 'user', createdAt: now, content: structuredClone(input.content) };
  if (input.chips && input.chips.length > 0) {
    turn.chips = structuredClone(input.chips);
  }
  if (input.attachments && input.attachments.length > 0) turn.attachments = structuredClone(input.attachments);
  if (input.purpose) turn.purpose = input.purpose;
  conversation.turns.push(turn);
  conversation.updatedAt = now;
  return turn;
}

/** Appends an empty assistant turn with status `streaming`, before the request is sent. */
export function startAssistantTurn(
  conversation: Conversation,
  input: { model: string; cacheTtl?: CacheTtl; id?: string; now?: number },
): AssistantTurn {
  assertNotStreaming(conversation);
  const now = input.now ?? Date.now();
  const turn: AssistantTurn = {
    id: input.id ?? randomUUID(),
    role: 'assistant',
    createdAt: now,
    status: 'streaming',
    content: [],
    model: input.model,
    stopReason: null,
  };
  if (input.cacheTtl) {
    turn.cacheTtl = input.cacheTtl;
  }
  conversation.turns.push(turn);
  conversation.updatedAt = now;
  return turn;
}

/**
 * Replaces the streaming turn's content with the accumulator's snapshot (a copy: the accumulator
 * keeps mutating its own objects). Call it per frame or before a save, not per delta.
 */
export function updateAssistantTurn(conversation: Conversation, turnId: string, snapshot: AssistantSnapshot, now = Date.now()): AssistantTurn {
  const turn = streamingTurn(conversation, turnId);
  applySnapshot(turn, snapshot);
  conversation.updatedAt = now;
  return turn;
}

/** Ends the streaming turn; it can no longer change afterwards. */
export function finishAssistantTurn(conversation: Conversation, turnId: string, end: AssistantEnd, now = Date.now()): AssistantTurn {
  const turn = streamingTurn(conversation, turnId);
  if (end.snapshot) {
    applySnapshot(turn, end.snapshot);
  }
  turn.status = end.status;
  if (end.error) {
    turn.error = structuredClone(end.error);
  }
  if (end.interrupted) {
    turn.interrupted = true;
  }
  conversation.updatedAt = now;
  return turn;
}

/** The last turn, if it is an assistant turn still streaming. */
export function streamingTurnOf(conversation: Conversation): AssistantTurn | undefined {
  const last = conversation.turns[conversation.turns.length - 1];
  return last?.role === 'assistant' && last.status === 'streaming' ? last : undefined;
}

function applySnapshot(turn: AssistantTurn, snapshot: AssistantSnapshot): void {
  turn.content = structuredClone(snapshot.content);
  if (snapshot.usage) {
    turn.usage = structuredClone(snapshot.usage);
  }
  if (snapshot.stopReason !== undefined) {
    turn.stopReason = snapshot.stopReason;
  }
  if (snapshot.model) {
    turn.model = snapshot.model;
  }
  if (snapshot.container) {
    turn.container = structuredClone(snapshot.container);
  }
}

// History is append-only: only the last turn may change, and only while it streams.
function streamingTurn(conversation: Conversation, turnId: string): AssistantTurn {
  const turn = streamingTurnOf(conversation);
  if (!turn || turn.id !== turnId) {
    throw new Error(`Turn ${turnId} is not the streaming turn of conversation ${conversation.id}.`);
  }
  return turn;
}

function assertNotStreaming(conversation: Conversation): void {
  if (streamingTurnOf(conversation)) {
    throw new Error(`Conversation ${conversation.id} has a turn still streaming; finish it first.`);
  }
}
