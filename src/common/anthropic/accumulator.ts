/**
 * Builds the assistant `Message` from stream events, field for field as @anthropic-ai/sdk's beta
 * `MessageStream` (`client.beta.messages.stream()`) does, which on streams without beta features
 * is also what its standard `MessageStream` does (a conformance test replays recorded streams
 * through them and compares). The beta stream is the model because it keeps what beta features
 * send (MCP tool input, compaction summaries, `usage.iterations`, `context_management`, the
 * fallback model), and those must go back to the API unchanged. It is faster than the SDK: blocks
 * are updated in place instead of copied on every delta, and tool input JSON is collected as
 * string parts and parsed once, when its block stops (or when the message ends without that).
 */
import type {
  ContentBlock,
  ContentBlockDeltaEvent,
  Message,
  MessageDeltaEvent,
  StreamEvent,
  Usage,
} from './types';
import { parsePartialJson } from './partialJson';
import { isRecord } from '../guards';

/** Thrown when events arrive in an order no valid stream has (a second `message_start`). */
export class EventOrderError extends Error {
  override readonly name = 'EventOrderError';
}

type MutableBlock = ContentBlock & Record<string, unknown>;

/** Per-block bookkeeping that must not appear in the message itself. */
interface BlockState {
  /** `partial_json` pieces of a tool_use / server_tool_use block, joined at its stop. */
  json?: string[];
  /** Whether `citations` is an array this accumulator made (safe to push to). */
  ownCitations?: boolean;
}

/** Blocks whose `input` streams as `input_json_delta`s (`mcp_tool_use` is a beta block). */
function tracksToolInput(block: ContentBlock): boolean {
  return block.type === 'tool_use' || block.type === 'server_tool_use' || block.type === 'mcp_tool_use';
}

/** An empty message, for errors that happen before `message_start`. */
function emptyMessage(): Message {
  return {
    id: '',
    type: 'message',
    role: 'assistant',
    model: '',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  };
}

/**
 * Accumulates one streamed message. `snapshot()` returns the live object: it changes as events are
 * applied, so copy it if you need a frozen view.
 */
export class MessageAccumulator {
  #message: Message | undefined;
  #blocks: BlockState[] = [];
  #stopped = false;

  /** Whether `message_start` has arrived. */
  get started(): boolean {
    return this.#message !== undefined;
  }

  /** Whether `message_stop` has arrived: the message is complete. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * The message so far (the same mutable object on every call). Before `message_start` it is an
   * empty placeholder, so that an early failure still has a message to show.
   */
  snapshot(): Message {
    return this.#message ?? emptyMessage();
  }

  /**
   * The raw tool input JSON received so far for the block at `index`, for showing a tool call as it
   * streams; `input` itself is only set when the block stops.
   */
  partialJson(index: number): string | undefined {
    return this.#blocks[index]?.json?.join('');
  }

  /** Applies one event. Events before `message_start` are ignored, as the SDK does. */
  apply(event: StreamEvent): void {
    if (event.type === 'message_start') {
      if (this.#message) throw new EventOrderError('Unexpected event order: message_start before message_stop');
      // Used as is, like the SDK: the event object becomes the snapshot.
      this.#message = event.message;
      return;
    }
    const message = this.#message;
    if (!message) return;
    switch (event.type) {
      case 'content_block_start':
        this.#startBlock(message, event.content_block);
        return;
      case 'content_block_delta':
        this.#applyDelta(message, event);
        return;
      case 'content_block_stop':
        this.#finishBlock(message, event.index);
        return;
      case 'message_delta':
        this.#applyMessageDelta(message, event);
        return;
      case 'message_stop':
        this.#stopped = true;
        // A block cut off by max_tokens gets no content_block_stop; its input is what arrived.
        this.finishOpenBlocks();
        return;
      default:
        // ping, error and unrecognized events leave the message as it is.
        return;
    }
  }

  #startBlock(message: Message, started: ContentBlock): void {
    const block = { ...started } as MutableBlock;
    message.content.push(block);
    this.#blocks[message.content.length - 1] = {};
    // A server-side fallback (beta) names the model that went on to serve the reply; the SDK's
    // beta stream relabels the message with it, as the non-streaming answer is labelled.
    if (block.type === 'fallback') {
      const to = block['to'];
      if (isRecord(to) && typeof to['model'] === 'string') message.model = to['model'];
    }
  }

  #applyDelta(message: Message, event: ContentBlockDeltaEvent): void {
    const block = message.content[event.index] as MutableBlock | undefined;
    if (!block) return;
    const delta = event.delta as Record<string, unknown> & { type: string };
    switch (delta.type) {
      case 'text_delta':
        if (block.type === 'text') block['text'] = ((block['text'] as string | undefined) || '') + (delta['text'] as string);
        return;
      case 'thinking_delta':
        if (block.type === 'thinking') block['thinking'] = (block['thinking'] as string) + (delta['thinking'] as string);
        return;
      case 'signature_delta':
        if (block.type === 'thinking') block['signature'] = delta['signature'];
        return;
      case 'input_json_delta':
        if (tracksToolInput(block)) {
          const state = (this.#blocks[event.index] ??= {});
          (state.json ??= []).push(delta['partial_json'] as string);
        }
        return;
      case 'citations_delta':
        if (block.type === 'text') this.#addCitation(block, event.index, delta['citation']);
        return;
      case 'compaction_delta':
        // A beta block: the delta carries the block's final summary (null when compaction failed),
        // so it replaces the content rather than appending to it.
        if (block.type === 'compaction') {
          block['content'] = delta['content'];
          if ('encrypted_content' in delta) block['encrypted_content'] = delta['encrypted_content'];
        }
        return;
      default:
        // Unknown delta types reach listeners as events but do not change the message.
        return;
    }
  }

  #addCitation(block: MutableBlock, index: number, citation: unknown): void {
    const state = (this.#blocks[index] ??= {});
    const citations = block['citations'];
    if (state.ownCitations && Array.isArray(citations)) {
      citations.push(citation);
    } else {
      // The array from content_block_start belongs to the event; copy before growing it.
      block['citations'] = [...(Array.isArray(citations) ? citations : []), citation];
      state.ownCitations = true;
    }
  }

  /**
   * Gives every tool block that never got its `content_block_stop` the input parsed from what did
   * arrive, so a message cut off mid-stream shows the tool call as far as it went.
   */
  finishOpenBlocks(): void {
    const message = this.#message;
    if (!message) return;
    for (let i = 0; i < this.#blocks.length; i++) this.#finishBlock(message, i);
  }

  #finishBlock(message: Message, index: number): void {
    const block = message.content[index] as MutableBlock | undefined;
    const state = this.#blocks[index];
    if (!block || !state?.json || !tracksToolInput(block)) return;
    const text = state.json.join('');
    state.json = undefined;
    // Empty input means "no arguments": {} as the API documents. Truncated JSON is repaired as the
    // SDK repairs it. JSON that is broken rather than cut off makes the SDK fail the stream; here
    // the call keeps {} instead, so the reply is not lost over one tool call.
    block['input'] = text ? (parsePartialJson(text)?.value ?? {}) : {};
  }

  #applyMessageDelta(message: Message, event: MessageDeltaEvent): void {
    const delta = event.delta;
    const usage = event.usage;
    // Assigned even when absent, exactly as the SDK does, so both give the same object.
    message.stop_reason = delta.stop_reason as Message['stop_reason'];
    message.stop_sequence = delta.stop_sequence as Message['stop_sequence'];
    message['stop_details'] = delta['stop_details'];
    const target: Usage = message.usage;
    target.output_tokens = usage.output_tokens as number;
    if (delta['container'] != null) message['container'] = delta['container'];
    // Beta fields, kept as the SDK's beta stream keeps them.
    if (event.context_management != null) message['context_management'] = event.context_management;
    if (event.input_transformations != null) message['input_transformations'] = event.input_transformations;
    // The other counters are whole-message running totals, sent only when they apply: overwrite
    // when present, never add.
    if (usage.input_tokens != null) target.input_tokens = usage.input_tokens;
    if (usage.cache_creation_input_tokens != null) target.cache_creation_input_tokens = usage.cache_creation_input_tokens;
    if (usage.cache_read_input_tokens != null) target.cache_read_input_tokens = usage.cache_read_input_tokens;
    if (usage.server_tool_use != null) target.server_tool_use = usage.server_tool_use;
    if (usage['iterations'] != null) target['iterations'] = usage['iterations'];
    if (usage['fallback_credit'] != null) target['fallback_credit'] = usage['fallback_credit'];
    if (usage['output_tokens_details'] != null) target['output_tokens_details'] = usage['output_tokens_details'];
  }
}
