/**
 * Versions of a reply, and editing a question: the history operations behind Regenerate, Retry
 * and Edit & Resend.
 *
 * A reply that is asked again (regenerated, or retried after an error) is not deleted: its turns
 * move into `earlierReplies` of the turn they answered (the anchor), and the new reply is appended
 * after the anchor as usual. So the history stays a plain list of what is sent (alternating roles,
 * every tool call answered) while every earlier version stays saved to read, and a turn is never
 * mutated in place once finished: only moved. The view shows the versions as a pager on the reply
 * (`toViewTurns`); the request builder never sees them (`apiMessages.ts` reads `turns` only).
 */
import type { UserContentBlock } from '../anthropic/types';
import { isContextBlock } from './contextBlocks';
import type { Conversation, StoredTurn, UserTurn } from './model';
import { streamingTurnOf } from './conversation';

/** Whether a user turn is a question the person asked (not tool results, not a request to go on). */
export function isQuestion(turn: StoredTurn): turn is UserTurn {
  if (turn.role !== 'user' || turn.purpose !== undefined) return false;
  return !(turn.content.length > 0 && turn.content.every((block) => block.type === 'tool_result'));
}

/** The index of the last question, or -1. */
export function lastQuestionIndex(conversation: Conversation): number {
  for (let i = conversation.turns.length - 1; i >= 0; i--) {
    const turn = conversation.turns[i];
    if (turn && isQuestion(turn)) return i;
  }
  return -1;
}

/**
 * Whether `turnId` names the last reply and it can be asked again: it is the last turn, an
 * assistant turn that has ended (done, stopped or failed), and a question comes before it.
 */
export function canRegenerate(conversation: Conversation, turnId: string): boolean {
  const last = conversation.turns.at(-1);
  return last?.id === turnId && last.role === 'assistant' && last.status !== 'streaming' && lastQuestionIndex(conversation) >= 0 && !answersEditNote(conversation, conversation.turns.length - 1);
}

/** Whether the reply turn at `index` answers an inline edit's note (made outside the chat, not asked again here). */
export function answersEditNote(conversation: Conversation, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const turn = conversation.turns[i];
    if (turn?.role === 'user' && turn.purpose !== 'continue' && !turn.content.every((block) => block.type === 'tool_result')) return turn.purpose === 'edit-note';
  }
  return false;
}

/**
 * Moves `turns[from..]` into `earlierReplies` of `turns[from - 1]` (newest version last), so the
 * next reply is appended in their place. Returns the anchor.
 */
function moveToEarlierVersions(conversation: Conversation, from: number, now: number): StoredTurn {
  const anchor = conversation.turns[from - 1];
  if (!anchor || from >= conversation.turns.length) throw new Error('There is no reply to replace.');
  const replaced = conversation.turns.splice(from);
  anchor.earlierReplies = [...(anchor.earlierReplies ?? []), replaced];
  conversation.updatedAt = now;
  return anchor;
}

/**
 * Regenerate: the whole last reply (every turn after the last question: tool rounds, continuations)
 * becomes an earlier version of the answer to that question. False when `turnId` is not the last,
 * ended reply.
 */
export function regenerateReply(conversation: Conversation, turnId: string, now = Date.now()): boolean {
  if (!canRegenerate(conversation, turnId)) return false;
  moveToEarlierVersions(conversation, lastQuestionIndex(conversation) + 1, now);
  return true;
}

/**
 * Retry after an error: the failed turn (only it: tool rounds before it stay, their edits are not
 * redone) becomes an earlier version of what follows the turn before it. Undefined when the last
 * turn is not a failed reply.
 */
export function retryFailedReply(conversation: Conversation, now = Date.now()): StoredTurn | undefined {
  const last = conversation.turns.at(-1);
  if (last?.role !== 'assistant' || last.status !== 'error' || conversation.turns.length < 2) return undefined;
  moveToEarlierVersions(conversation, conversation.turns.length - 1, now);
  return last;
}

/** Every turn kept: the history's, each followed by the turns of its earlier replies (nested ones too). */
export function allKeptTurns(turns: readonly StoredTurn[]): StoredTurn[] {
  return turns.flatMap((turn) => [turn, ...(turn.earlierReplies ?? []).flatMap((version) => allKeptTurns(version))]);
}

/** How many turns an edit of `turnId` would drop (the turns after it); undefined when it cannot be edited. */
export function turnsAfterQuestion(conversation: Conversation, turnId: string): number | undefined {
  const index = conversation.turns.findIndex((turn) => turn.id === turnId);
  const turn = conversation.turns[index];
  if (!turn || !isQuestion(turn)) return undefined;
  return conversation.turns.length - index - 1;
}

/**
 * Edit & resend: the question's typed text becomes `text` (its attachments and context blocks are
 * kept, in their place before the text), and every turn after it is dropped, as are the earlier
 * versions of its reply (they answered the old wording). False when `turnId` is no question, the
 * text is blank, or a reply is streaming.
 */
export function editQuestion(conversation: Conversation, turnId: string, text: string, now = Date.now()): boolean {
  if (streamingTurnOf(conversation) || text.trim() === '') return false;
  const index = conversation.turns.findIndex((turn) => turn.id === turnId);
  const turn = conversation.turns[index];
  if (!turn || !isQuestion(turn)) return false;
  const kept: UserContentBlock[] = turn.content.filter((block) => block.type !== 'text' || isContextBlock(block));
  turn.content = [...kept, { type: 'text', text }];
  delete turn.earlierReplies;
  conversation.turns.splice(index + 1);
  conversation.updatedAt = now;
  return true;
}

/**
 * Files written before versions existed marked a retried failed reply `superseded` and kept it in
 * the list; such a turn becomes an earlier version of what follows the turn before it.
 */
export function foldLegacySuperseded(conversation: Conversation): Conversation {
  const turns: StoredTurn[] = [];
  for (const turn of conversation.turns) {
    const anchor = turns.at(-1);
    const legacy = turn as StoredTurn & { superseded?: unknown };
    if (turn.role === 'assistant' && legacy.superseded !== undefined && anchor) {
      delete legacy.superseded;
      anchor.earlierReplies = [...(anchor.earlierReplies ?? []), [turn]];
      continue;
    }
    turns.push(turn);
  }
  conversation.turns = turns;
  return conversation;
}
