/** The whole state the chat view is drawn from (`init`), built from the open conversation. */
import type { Message } from '../anthropic/types';
import { finishAssistantTurn, startAssistantTurn } from '../conversation/conversation';
import type { AssistantTurn, CacheTtl, Conversation } from '../conversation/model';
import { conversationTotals, type PriceLookup } from '../conversation/pricing';
import { toViewTurns } from '../conversation/viewTurns';
import type { ConversationTranscript } from './conversationTranscript';
import type { AttachmentChip, ApiKeyState, ChatControls, ChatState, ConversationSummary } from '../protocol';

/** The reply streaming now in the session. */
export interface ActiveTurn {
  requestId: string;
  controller: AbortController;
  transcript: ConversationTranscript;
}

export interface ChatStateParts {
  prices: PriceLookup;
  /** The controls for the conversation's own model. */
  controls: ChatControls;
  apiKey: ApiKeyState;
  history: ConversationSummary[];
  attachments: AttachmentChip[];
  activeRequestId: string | undefined;
}

export function chatState(conversation: Conversation, parts: ChatStateParts): ChatState {
  const { prices, ...rest } = parts;
  return {
    conversationId: conversation.id,
    title: conversation.title,
    turns: toViewTurns(conversation, prices),
    totals: conversationTotals(conversation, prices),
    ...rest,
  };
}

/** Appends a reply received elsewhere (an inline edit answered in words) as a finished assistant turn. */
export function appendFinishedReply(conversation: Conversation, reply: Message, input: { id: string; now: number; cacheTtl: CacheTtl | undefined }): AssistantTurn {
  const turn = startAssistantTurn(conversation, { model: reply.model, cacheTtl: input.cacheTtl, id: input.id, now: input.now });
  const snapshot = { content: reply.content, usage: reply.usage, stopReason: reply.stop_reason, model: reply.model };
  return finishAssistantTurn(conversation, turn.id, { status: 'done', snapshot }, input.now);
}
