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

// ---------- Code execution (server tool `code_execution`) ----------

/** A file the sandbox wrote, by its Files API id. */
export interface CodeExecutionOutputFile {
  type: 'code_execution_output' | 'bash_code_execution_output';
  file_id: string;
  [key: string]: unknown;
}
/** A finished run: what it printed, its exit code and the files it wrote. */
export interface CodeExecutionRun {
  type: 'code_execution_result' | 'bash_code_execution_result';
  stdout: string;
  stderr: string;
  return_code: number;
  content: CodeExecutionOutputFile[];
  [key: string]: unknown;
}
/** A run whose stdout is encrypted (newer tool versions, when the output fed another tool). */
export interface EncryptedCodeExecutionRun {
  type: 'encrypted_code_execution_result';
  encrypted_stdout: string;
  stderr: string;
  return_code: number;
  content: CodeExecutionOutputFile[];
  [key: string]: unknown;
}
/** The tool could not run (`unavailable`, `execution_time_exceeded`, `file_not_found`, …). */
export interface CodeExecutionToolError {
  type: 'code_execution_tool_result_error' | 'bash_code_execution_tool_result_error' | 'text_editor_code_execution_tool_result_error';
  error_code: string;
  /** Only the text editor's errors carry one. */
  error_message?: string | null;
  [key: string]: unknown;
}
/** The result of a Python run (`code_execution_20250522`, or a programmatic call). */
export interface CodeExecutionToolResultBlock {
  type: 'code_execution_tool_result';
  tool_use_id: string;
  content: CodeExecutionRun | EncryptedCodeExecutionRun | CodeExecutionToolError;
  [key: string]: unknown;
}
/** The result of a `bash_code_execution` call (`code_execution_20250825` and later). */
export interface BashCodeExecutionToolResultBlock {
  type: 'bash_code_execution_tool_result';
  tool_use_id: string;
  content: CodeExecutionRun | CodeExecutionToolError;
  [key: string]: unknown;
}
export interface TextEditorViewResult {
  type: 'text_editor_code_execution_view_result';
  content: string;
  file_type: 'text' | 'image' | 'pdf';
  num_lines?: number | null;
  start_line?: number | null;
  total_lines?: number | null;
  [key: string]: unknown;
}
export interface TextEditorCreateResult {
  type: 'text_editor_code_execution_create_result';
  /** True when the file existed and was overwritten. */
  is_file_update: boolean;
  [key: string]: unknown;
}
export interface TextEditorStrReplaceResult {
  type: 'text_editor_code_execution_str_replace_result';
  /** The changed lines, diff-style. */
  lines?: string[] | null;
  old_start?: number | null;
  old_lines?: number | null;
  new_start?: number | null;
  new_lines?: number | null;
  [key: string]: unknown;
}
/** The result of a `text_editor_code_execution` call (view, create or str_replace in the sandbox). */
export interface TextEditorCodeExecutionToolResultBlock {
  type: 'text_editor_code_execution_tool_result';
  tool_use_id: string;
  content: TextEditorViewResult | TextEditorCreateResult | TextEditorStrReplaceResult | CodeExecutionToolError;
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
  | WebFetchToolResultBlock
  | CodeExecutionToolResultBlock
  | BashCodeExecutionToolResultBlock
  | TextEditorCodeExecutionToolResultBlock;
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
  /** Not an API field: marks an attachment as context (see caching.ts); stripped before sending. */
  editorContext?: true;
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
