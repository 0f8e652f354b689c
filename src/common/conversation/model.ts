/**
 * The conversation model's types: what the host keeps about a chat, turn by turn.
 *
 * A leaf module (it imports only API and protocol types) so that the mutations (`conversation.ts`),
 * the request builder (`apiMessages.ts`), the view (`viewTurns.ts`), pricing, export and the store
 * can all depend on the shape without depending on each other.
 */
import type { Container, ContentBlock, StopReason, Usage, UserContentBlock } from '../anthropic/types';
import type { AttachmentChip, ContextChip, TurnStatus, ViewError } from '../protocol';

/** The cache TTL a request asked for; used to price cache writes when usage has no TTL split. */
export type CacheTtl = '5m' | '1h';

/** A user turn: the content blocks exactly as sent (text, tool results, context blocks). */
export interface UserTurn {
  id: string;
  role: 'user';
  createdAt: number;
  content: UserContentBlock[];
  /** How the context blocks are shown; the blocks themselves stay in `content`. */
  chips?: ContextChip[];
  /** The attachments sent with this turn as the view shows them; their blocks stay in `content`. */
  attachments?: AttachmentChip[];
  /**
   * `continue`: not a question of the user's but the request to go on with a reply cut by
   * `max_tokens`, for models that refuse a prefill; the view shows it as part of that reply.
   * `edit-note`: an inline edit's note (its instruction; the reply says what changed and what it
   * cost); made outside the chat, so it is neither edited nor regenerated here.
   */
  purpose?: 'continue' | 'edit-note';
  /**
   * Earlier versions of the reply that follows this turn (regenerated, or retried after an error),
   * oldest first, each the list of turns it was. Kept to read and saved; never sent (only `turns`
   * of the conversation is). See `versions.ts`.
   */
  earlierReplies?: StoredTurn[][];
}

/** An assistant turn: the response content as received, plus how the response ended. */
export interface AssistantTurn {
  id: string;
  role: 'assistant';
  createdAt: number;
  status: TurnStatus;
  /** The accumulated response blocks, field for field as received. */
  content: ContentBlock[];
  /** The model that answered (from `message_start`), else the model asked for. */
  model: string;
  stopReason: StopReason | null;
  usage?: Usage;
  error?: ViewError;
  /** The stream broke (network, crash, reload): the content is what arrived. */
  interrupted?: boolean;
  /** The cache TTL the request used, to price writes when usage has no per-TTL split. */
  cacheTtl?: CacheTtl;
  /** The code execution container the reply ran in; later requests reuse it while it lives. */
  container?: Container;
  /** Earlier versions of the turns that follow this one (see `UserTurn.earlierReplies`). */
  earlierReplies?: StoredTurn[][];
  /** How long each thinking block took to arrive, in ms, by block index ("Thought for 12 s"). */
  thinkingMs?: Record<number, number>;
}

export type StoredTurn = UserTurn | AssistantTurn;

/** One conversation as the host keeps it and the store writes it. */
export interface Conversation {
  id: string;
  title: string;
  /** The model chosen for the next request. */
  model: string;
  createdAt: number;
  updatedAt: number;
  turns: StoredTurn[];
}

/** What the accumulator knows about the streaming response at one moment. */
export interface AssistantSnapshot {
  content: ContentBlock[];
  usage?: Usage;
  stopReason?: StopReason | null;
  model?: string;
  /** The message's `container`, when the reply used code execution. */
  container?: Container;
}

/** How an assistant turn ended. */
export interface AssistantEnd {
  status: Exclude<TurnStatus, 'streaming'>;
  /** The final snapshot; when left out the last update stands. */
  snapshot?: AssistantSnapshot;
  error?: ViewError;
  interrupted?: boolean;
}
