/**
 * The text editor tool loop: send, execute every `str_replace_based_edit_tool` call against a
 * working copy, send all results back in one user turn, until the model ends its turn or the round
 * cap is reached. Nothing is written here: the caller gets the changed files and proposes them for
 * review. Used by the inline edit and by the chat's workspace edits.
 */
import type { ContentBlock, Message, MessageParam, MessagesRequest, Tool, ToolResultBlock, ToolUseBlock } from '../anthropic/types';
import { executeEditorCommand, type EditorToolContext } from '../edits/editorTool';
import { TEXT_EDITOR_TOOL_NAME } from '../edits/toolDefinition';
import type { WorkingSet } from '../edits/workingSet';
import type { RetryNotice, StreamingClient } from './ports';
import { streamTurn } from './streamTurn';

export interface ToolLoopOptions {
  client: StreamingClient;
  /** The first user turn's content is already in `messages`. */
  messages: MessageParam[];
  tools: Tool[];
  buildRequest(messages: MessageParam[], tools: Tool[]): { body: MessagesRequest; warnings: string[] };
  toolContext: Omit<EditorToolContext, 'workingSet'>;
  workingSet: WorkingSet;
  maxRounds: number;
  signal: AbortSignal;
  onText?: (text: string) => void;
  onRetry?: (notice: RetryNotice) => void;
  onToolCall?: (call: ToolUseBlock, result: ToolResultBlock) => void;
  /** What the request builder changed to make a request acceptable (a dropped parameter…). */
  onWarning?: (message: string) => void;
}

export type ToolLoopResult =
  | { kind: 'finished'; messages: MessageParam[]; last: Message; rounds: number }
  | { kind: 'round-cap'; messages: MessageParam[]; rounds: number }
  | { kind: 'stopped'; messages: MessageParam[] }
  | { kind: 'error'; error: unknown; messages: MessageParam[] };

/** Runs one tool call; calls of other tools get an error result rather than being dropped. */
export function runEditorToolCall(call: ToolUseBlock, context: EditorToolContext): ToolResultBlock {
  if (call.name !== TEXT_EDITOR_TOOL_NAME) {
    return { type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The tool "${call.name}" is not available here; use ${TEXT_EDITOR_TOOL_NAME}.` };
  }
  const outcome = executeEditorCommand(call.input, context);
  const result: ToolResultBlock = { type: 'tool_result', tool_use_id: call.id, content: outcome.content };
  if (outcome.isError) result.is_error = true;
  return result;
}

export async function runToolLoop(options: ToolLoopOptions): Promise<ToolLoopResult> {
  const messages = [...options.messages];
  const context: EditorToolContext = { ...options.toolContext, workingSet: options.workingSet };
  for (let round = 0; ; round++) {
    const { body, warnings } = options.buildRequest(messages, options.tools);
    for (const warning of warnings) options.onWarning?.(warning);
    let textSoFar = '';
    const outcome = await streamTurn({
      client: options.client,
      body,
      signal: options.signal,
      onRetry: options.onRetry,
      onEvent: (event) => {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta' && options.onText) {
          textSoFar += (event.delta as { text: string }).text;
          options.onText(textSoFar);
        }
      },
    });
    if (outcome.kind === 'stopped') return { kind: 'stopped', messages };
    if (outcome.kind === 'error') return { kind: 'error', error: outcome.error, messages };
    const message = outcome.message;
    messages.push({ role: 'assistant', content: message.content as ContentBlock[] });
    const calls = message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    if (message.stop_reason !== 'tool_use' || calls.length === 0) {
      return { kind: 'finished', messages, last: message, rounds: round };
    }
    if (round >= options.maxRounds) return { kind: 'round-cap', messages, rounds: round };
    const results = calls.map((call) => {
      const result = runEditorToolCall(call, context);
      options.onToolCall?.(call, result);
      return result;
    });
    messages.push({ role: 'user', content: results });
  }
}
