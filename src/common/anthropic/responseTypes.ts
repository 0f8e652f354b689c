/**
 * What the Messages API sends back: the message with its usage, and the stream events it is built
 * from. Events are open like blocks: an event type this code does not know is passed through.
 */
import type { Citation, ContentBlock } from './blockTypes';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null;
  server_tool_use?: { web_search_requests?: number; web_fetch_requests?: number; [key: string]: unknown } | null;
  service_tier?: string | null;
  [key: string]: unknown;
}

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded'
  | (string & {});

/**
 * The code execution sandbox a reply ran in. Sending its id as the next request's `container`
 * keeps the files and state of earlier runs, until it expires.
 */
export interface Container {
  id: string;
  /** RFC 3339 time after which the id is no longer accepted. */
  expires_at: string;
  [key: string]: unknown;
}

export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
  /** Set (from `message_delta`) when the reply used code execution. */
  container?: Container | null;
  [key: string]: unknown;
}

// ---------- Stream events ----------

export interface MessageStartEvent {
  type: 'message_start';
  message: Message;
}
export interface ContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block: ContentBlock;
}
export type ContentBlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'citations_delta'; citation: Citation }
  | { type: string; [key: string]: unknown };
export interface ContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta: ContentBlockDelta;
}
export interface ContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}
export interface MessageDeltaEvent {
  type: 'message_delta';
  delta: { stop_reason?: StopReason | null; stop_sequence?: string | null; container?: Container | null; [key: string]: unknown };
  usage: Partial<Usage>;
  /** Beta (context management): the edits the API applied to the conversation. */
  context_management?: unknown;
  /** Beta: how the API transformed the input before the model saw it. */
  input_transformations?: unknown;
}
export interface MessageStopEvent {
  type: 'message_stop';
}
export interface PingEvent {
  type: 'ping';
}
export interface ErrorEvent {
  type: 'error';
  error: { type: string; message: string };
}
export interface UnknownEvent {
  type: string;
  [key: string]: unknown;
}
/**
 * An event whose type this code does not know. The API adds event types over time; they are
 * passed through to listeners (never dropped) but leave the message snapshot alone. Wrapped under
 * its own literal `type` so that narrowing on the known types keeps working.
 */
export interface UnrecognizedStreamEvent {
  type: 'unrecognized';
  /** The SSE `event:` name, or the JSON's `type` when the name is missing. */
  name: string;
  /** The parsed `data:` JSON, unchanged. */
  payload: unknown;
}
export type StreamEvent =
  | MessageStartEvent
  | ContentBlockStartEvent
  | ContentBlockDeltaEvent
  | ContentBlockStopEvent
  | MessageDeltaEvent
  | MessageStopEvent
  | PingEvent
  | ErrorEvent
  | UnrecognizedStreamEvent;
