/**
 * Wire types of the Anthropic Messages API, as this extension uses them.
 *
 * Blocks and events are open: the API adds block types, delta types and fields over time, and the
 * extension must keep what it does not know (an unknown block is sent back unchanged), so every
 * block type also admits `UnknownBlock` and objects keep unlisted fields.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

// ---------- Citations ----------

export interface CitationBase {
  type: string;
  cited_text?: string;
  [key: string]: unknown;
}
export interface WebSearchResultLocationCitation extends CitationBase {
  type: 'web_search_result_location';
  url: string;
  title: string | null;
  encrypted_index: string;
  cited_text: string;
}
export interface CharLocationCitation extends CitationBase {
  type: 'char_location';
  document_index: number;
  document_title: string | null;
  start_char_index: number;
  end_char_index: number;
}
export type Citation = WebSearchResultLocationCitation | CharLocationCitation | CitationBase;

// ---------- Content blocks (response and request) ----------

export interface TextBlock {
  type: 'text';
  text: string;
  citations?: Citation[] | null;
  cache_control?: CacheControl;
  /** Not an API field: marks editor context for cache placement (see caching.ts); stripped before sending. */
  editorContext?: true;
  [key: string]: unknown;
}
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
  [key: string]: unknown;
}
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
  [key: string]: unknown;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControl;
  [key: string]: unknown;
}
export interface ServerToolUseBlock {
  type: 'server_tool_use';
  id: string;
  name: string;
  input: unknown;
  [key: string]: unknown;
}
export interface WebSearchResult {
  type: 'web_search_result';
  url: string;
  title: string;
  encrypted_content: string;
  page_age?: string | null;
  [key: string]: unknown;
}
export interface WebSearchToolResultBlock {
  type: 'web_search_tool_result';
  tool_use_id: string;
  content: WebSearchResult[] | { type: 'web_search_tool_result_error'; error_code: string; [key: string]: unknown };
  [key: string]: unknown;
}
export interface WebFetchToolResultBlock {
  type: 'web_fetch_tool_result';
  tool_use_id: string;
  content:
    | { type: 'web_fetch_result'; url: string; retrieved_at?: string; content: unknown; [key: string]: unknown }
    | { type: 'web_fetch_tool_result_error'; error_code: string; [key: string]: unknown };
  [key: string]: unknown;
}
/** Any block type this code does not model; kept and round-tripped unchanged. */
export interface UnknownBlock {
  type: string;
  [key: string]: unknown;
}

export type KnownResponseBlock =
  | TextBlock
  | ThinkingBlock
  | RedactedThinkingBlock
  | ToolUseBlock
  | ServerToolUseBlock
  | WebSearchToolResultBlock
  | WebFetchToolResultBlock;
export type ContentBlock = KnownResponseBlock | UnknownBlock;

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | Array<TextBlock | UnknownBlock>;
  is_error?: boolean;
  cache_control?: CacheControl;
}
export interface ImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
  cache_control?: CacheControl;
}
export interface DocumentBlock {
  type: 'document';
  /**
   * Not an API field: marks editor context (see caching.ts); stripped before sending. Document
   * blocks count as context whether or not it is set.
   */
  editorContext?: true;
  source: { type: 'text'; media_type: 'text/plain'; data: string } | { type: string; [key: string]: unknown };
  title?: string;
  context?: string;
  citations?: { enabled: boolean };
  cache_control?: CacheControl;
}

export type UserContentBlock = TextBlock | ToolResultBlock | ImageBlock | DocumentBlock;

export interface UserMessageParam {
  role: 'user';
  content: string | UserContentBlock[];
}
export interface AssistantMessageParam {
  role: 'assistant';
  content: string | ContentBlock[];
}
export type MessageParam = UserMessageParam | AssistantMessageParam;

// ---------- Usage and the message ----------

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

export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
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
  delta: { stop_reason?: StopReason | null; stop_sequence?: string | null; [key: string]: unknown };
  usage: Partial<Usage>;
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

// ---------- Tools and the request ----------

export interface CustomTool {
  name: string;
  description?: string;
  input_schema: JsonObject;
  cache_control?: CacheControl;
  type?: 'custom';
}
/** Server tools and Anthropic-defined client tools (web_search, web_fetch, text editor, …). */
export interface VersionedTool {
  type: string;
  name: string;
  cache_control?: CacheControl;
  [key: string]: unknown;
}
export type Tool = CustomTool | VersionedTool;

export type ToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type ThinkingParam =
  | { type: 'enabled'; budget_tokens: number; display?: 'summarized' | 'omitted' }
  | { type: 'adaptive'; display?: 'summarized' | 'omitted' }
  | { type: 'disabled' };

export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface SystemTextBlock {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

/** The body of POST /v1/messages. */
export interface MessagesRequest {
  model: string;
  messages: MessageParam[];
  max_tokens: number;
  system?: string | SystemTextBlock[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  stream: true;
  thinking?: ThinkingParam;
  tools?: Tool[];
  tool_choice?: ToolChoice;
  metadata?: { user_id: string };
  output_config?: { effort?: Effort; [key: string]: unknown };
  service_tier?: 'auto' | 'standard_only';
  cache_control?: CacheControl;
}

// ---------- Models and token counting ----------

/** `{supported}` as the models endpoint reports each capability. */
export interface CapabilitySupport {
  supported: boolean;
  [key: string]: unknown;
}

/**
 * The part of `GET /v1/models` `capabilities` this extension reads. Everything is optional because
 * gateways send partial copies or nothing at all.
 */
export interface ApiModelCapabilities {
  thinking?: {
    supported?: boolean;
    types?: {
      adaptive?: CapabilitySupport | null;
      enabled?: CapabilitySupport | null;
      disabled?: CapabilitySupport | null;
      [key: string]: unknown;
    } | null;
  } | null;
  effort?: {
    supported?: boolean;
    low?: CapabilitySupport | null;
    medium?: CapabilitySupport | null;
    high?: CapabilitySupport | null;
    xhigh?: CapabilitySupport | null;
    max?: CapabilitySupport | null;
  } | null;
  server_tools?: {
    supported?: boolean;
    web_search?: CapabilitySupport | null;
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

/** One entry of `GET /v1/models`, normalized (gateways may send only `id`). */
export interface ModelInfo {
  id: string;
  display_name: string;
  created_at?: string;
  capabilities?: ApiModelCapabilities | null;
  max_input_tokens?: number | null;
  max_tokens?: number | null;
  [key: string]: unknown;
}

/** The answer of `POST /v1/messages/count_tokens`. */
export interface CountTokensResponse {
  input_tokens: number;
}
