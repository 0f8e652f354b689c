/**
 * Stored turns -> the turns the webview renders (`ViewTurn`).
 *
 * A user turn shows its own text and tool results; its context blocks are shown as chips instead
 * of repeating a whole file in the transcript. Assistant blocks are passed through unchanged (the
 * host serializes them into a message, so sharing the objects is safe).
 */
import type { ContentBlock } from '../anthropic/types';
import type { ViewTurn } from '../protocol';
import type { Conversation, StoredTurn } from './model';
import { isContextBlock } from './contextBlocks';
import type { PriceLookup } from './pricing';
import { fallbackPrices, turnCost } from './pricing';
import { turnUsage } from './turnUsage';
import { answersEditNote } from './versions';

function isBinaryBlock(block: { type: string }): boolean {
  return block.type === 'image' || block.type === 'document';
}

/** All turns of a conversation as the webview renders them. */
export function toViewTurns(conversation: Conversation, pricesFor: PriceLookup = fallbackPrices): ViewTurn[] {
  return conversation.turns.map((_turn, index) => viewTurnAt(conversation, index, pricesFor));
}

/**
 * The turn at `index` as the webview renders it; the first turn of a reply that has earlier
 * versions (kept on the turn before it) carries them, for the reply's pager.
 */
export function viewTurnAt(conversation: Conversation, index: number, pricesFor: PriceLookup = fallbackPrices): ViewTurn {
  const turn = conversation.turns[index];
  if (!turn) throw new Error(`No turn ${index} in conversation ${conversation.id}.`);
  const view = toViewTurn(turn, pricesFor);
  const earlier = conversation.turns[index - 1]?.earlierReplies;
  if (earlier && earlier.length > 0) view.earlierVersions = earlier.map((version) => versionView(version, pricesFor));
  if (turn.role === 'assistant' && answersEditNote(conversation, index)) view.editNote = true;
  return view;
}

/** One earlier version of a reply (its turns) as one read-only assistant turn: its replies' blocks in order, ended as its last reply ended. */
function versionView(turns: StoredTurn[], pricesFor: PriceLookup): ViewTurn {
  const replies = turns.filter((turn) => turn.role === 'assistant');
  const last = replies.at(-1);
  const first = turns[0];
  if (!last || !first) return { id: first?.id ?? 'empty-version', role: 'assistant', status: 'done', blocks: [] };
  const view = toViewTurn(last, pricesFor);
  view.id = first.id;
  view.blocks = replies.flatMap((turn) => turn.content);
  // The usage of one part would mislead as the version's; the current reply's figures stand.
  delete view.usage;
  delete view.cost;
  delete view.thinkingMs;
  return view;
}

/** One stored turn as the webview renders it, with its cost when it has usage. */
export function toViewTurn(turn: StoredTurn, pricesFor: PriceLookup = fallbackPrices): ViewTurn {
  if (turn.role === 'user') {
    // Context blocks show as chips, and image / document bytes never go to the view.
    const blocks: ContentBlock[] = turn.content.filter((block) => !isContextBlock(block) && !isBinaryBlock(block)).map((block) => ({ ...block }));
    const view: ViewTurn = { id: turn.id, role: 'user', status: 'done', blocks };
    if (turn.chips && turn.chips.length > 0) {
      view.chips = turn.chips;
    }
    if (turn.attachments && turn.attachments.length > 0) view.attachments = turn.attachments;
    if (turn.purpose === 'continue') {
      view.continueRequest = true;
    }
    if (turn.purpose === 'edit-note') view.editNote = true;
    return view;
  }
  const view: ViewTurn = {
    id: turn.id,
    role: 'assistant',
    status: turn.status,
    blocks: turn.content,
    model: turn.model,
    stopReason: turn.stopReason,
  };
  const counted = turnUsage(turn);
  if (counted) {
    view.usage = counted.usage;
    view.cost = turnCost(counted.usage, pricesFor(turn.model), turn.cacheTtl ? { assumedTtl: turn.cacheTtl } : {});
    if (counted.estimated) view.usageEstimated = true;
  }
  if (turn.error) {
    view.error = turn.error;
  }
  if (turn.interrupted) {
    view.interrupted = true;
  }
  if (turn.thinkingMs) {
    view.thinkingMs = { ...turn.thinkingMs };
  }
  return view;
}
