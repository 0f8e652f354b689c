/**
 * The stored history -> the `messages` array of the next request.
 *
 * Rules, each forced by what the API accepts:
 * - A finished (`done`) assistant turn is sent block for block and field for field as received.
 * - Only `turns` is sent: earlier versions of a reply (regenerated, or a failed reply retried) live
 *   in `earlierReplies` of the turn before them (`versions.ts`), so a retry is sent the
 *   conversation as it stood before the failed reply, never its partial text as a prefill.
 * - A turn with no content (errored before anything arrived, or empty) is left out; the turns
 *   around it are then merged with their neighbours of the same role so roles still alternate
 *   (two user turns become one user message with both contents, in order).
 * - A partial turn (stopped, interrupted, errored mid-stream) is sent with what is complete:
 *   non-blank text blocks (with their citations), thinking blocks that carry a signature,
 *   redacted thinking, tool calls the next user turn answers, and server tool calls together with
 *   their results. Unsigned thinking, unanswered tool calls (their input may be cut off), server
 *   tool calls without a result and blocks of unknown type (we cannot tell whether they finished)
 *   are dropped, since the API rejects them.
 * - A `tool_use` of a finished turn that the next user turn does not answer (the user stopped
 *   during a tool round, the round cap was hit) gets a synthetic error `tool_result` at the start
 *   of that user message, because the API requires every tool call to be answered there.
 * - When the last message is an assistant message (continuing after `max_tokens` or
 *   `pause_turn`), trailing whitespace of its last text block is trimmed: the API rejects a final
 *   assistant message that ends with whitespace.
 *
 * The result is a deep copy: the caching code adds `cache_control` to it without touching history.
 */
import type { ContentBlock, MessageParam, ToolResultBlock, UserContentBlock } from '../anthropic/types';
import type { AssistantTurn, Conversation, StoredTurn } from './model';

/** Text of the synthetic result sent for a tool call that was never answered. */
export const UNANSWERED_TOOL_RESULT = 'The tool was not run: the user interrupted this step.';

/** Builds the `messages` array for the next request from the stored history. */
export function toApiMessages(conversation: Conversation): MessageParam[] {
  const turns = conversation.turns;
  const messages: MessageParam[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i];
    if (!turn) {
      continue;
    }
    if (turn.role === 'user') {
      const content = structuredClone(turn.content);
      const previous = messages[messages.length - 1];
      // Answers owed by the preceding assistant turn go first: tool results must lead the message.
      const owed = previous?.role === 'assistant' ? unansweredToolResults(previous.content, content) : [];
      pushUser(messages, [...owed, ...content]);
      continue;
    }
    const blocks = turn.status === 'done' ? structuredClone(turn.content) : completeBlocks(turn, nextTurn(turns, i));
    if (blocks.length > 0) {
      pushAssistant(messages, blocks);
    }
  }
  trimFinalAssistantWhitespace(messages);
  return messages;
}

function nextTurn(turns: StoredTurn[], index: number): StoredTurn | undefined {
  return turns[index + 1];
}

function pushUser(messages: MessageParam[], content: UserContentBlock[]): void {
  if (content.length === 0) {
    return;
  }
  const previous = messages[messages.length - 1];
  if (previous?.role === 'user') {
    previous.content = [...asBlocks(previous.content), ...content];
  } else {
    messages.push({ role: 'user', content });
  }
}

function pushAssistant(messages: MessageParam[], content: ContentBlock[]): void {
  const previous = messages[messages.length - 1];
  // Consecutive assistant turns happen after `pause_turn`: the continuation extends the same message.
  if (previous?.role === 'assistant') {
    previous.content = [...asAssistantBlocks(previous.content), ...content];
  } else {
    messages.push({ role: 'assistant', content });
  }
}

function asBlocks(content: string | UserContentBlock[]): UserContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function asAssistantBlocks(content: string | ContentBlock[]): ContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** The complete blocks of a partial (stopped, interrupted, errored) turn, copied. */
function completeBlocks(turn: AssistantTurn, next: StoredTurn | undefined): ContentBlock[] {
  const answered = next?.role === 'user' ? toolResultIds(next.content) : new Set<string>();
  const serverResults = new Set<string>();
  for (const block of turn.content) {
    const toolUseId = block['tool_use_id'];
    if (block.type.endsWith('_tool_result') && typeof toolUseId === 'string') {
      serverResults.add(toolUseId);
    }
  }
  const keptServerCalls = new Set<string>();
  const kept: ContentBlock[] = [];
  for (const block of turn.content) {
    const id = block['id'];
    switch (block.type) {
      case 'text': {
        const text = block['text'];
        if (typeof text === 'string' && text.trim() !== '') {
          kept.push(block);
        }
        break;
      }
      case 'thinking': {
        const signature = block['signature'];
        if (typeof signature === 'string' && signature !== '') {
          kept.push(block);
        }
        break;
      }
      case 'redacted_thinking':
        if (typeof block['data'] === 'string' && block['data'] !== '') {
          kept.push(block);
        }
        break;
      case 'tool_use':
        if (typeof id === 'string' && answered.has(id)) {
          kept.push(block);
        }
        break;
      case 'server_tool_use':
        if (typeof id === 'string' && serverResults.has(id)) {
          keptServerCalls.add(id);
          kept.push(block);
        }
        break;
      default: {
        const toolUseId = block['tool_use_id'];
        if (block.type.endsWith('_tool_result') && typeof toolUseId === 'string' && keptServerCalls.has(toolUseId)) {
          kept.push(block);
        }
      }
    }
  }
  return structuredClone(kept);
}

function toolResultIds(content: UserContentBlock[]): Set<string> {
  const ids = new Set<string>();
  for (const block of content) {
    if (block.type === 'tool_result') {
      ids.add(block.tool_use_id);
    }
  }
  return ids;
}

function unansweredToolResults(assistantContent: string | ContentBlock[], userContent: UserContentBlock[]): ToolResultBlock[] {
  if (typeof assistantContent === 'string') {
    return [];
  }
  const answered = toolResultIds(userContent);
  const owed: ToolResultBlock[] = [];
  for (const block of assistantContent) {
    const id = block['id'];
    if (block.type === 'tool_use' && typeof id === 'string' && !answered.has(id)) {
      owed.push({ type: 'tool_result', tool_use_id: id, content: UNANSWERED_TOOL_RESULT, is_error: true });
    }
  }
  return owed;
}

function trimFinalAssistantWhitespace(messages: MessageParam[]): void {
  const last = messages[messages.length - 1];
  if (last?.role !== 'assistant' || typeof last.content === 'string') {
    return;
  }
  const block = last.content[last.content.length - 1];
  if (block?.type !== 'text' || typeof block['text'] !== 'string') {
    return;
  }
  block['text'] = block['text'].trimEnd();
  // An empty text block is rejected too: drop it, and the message if nothing is left.
  if (block['text'] === '') {
    last.content.pop();
    if (last.content.length === 0) {
      messages.pop();
    }
  }
}
