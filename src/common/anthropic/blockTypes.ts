/**
 * Content blocks of the Messages API (in responses and in requests) and the messages that carry
 * them. Blocks are open: the API adds block types and fields over time, and the extension must keep
 * what it does not know (an unknown block is sent back unchanged), so every block type also admits
 * `UnknownBlock` and objects keep unlisted fields.
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
