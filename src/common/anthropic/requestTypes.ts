/**
 * The body of `POST /v1/messages`: tools, tool choice, thinking, effort and the system prompt.
 */
import type { CacheControl, JsonObject, MessageParam } from './blockTypes';

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
  | { type: 'disabled' }
  // Sonnet 5.5: no up-front thinking, short notes between tool calls; takes no other field (reference §1.5).
  | { type: 'between_tools' };

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
  /** The id of an earlier reply's code execution container, to keep working in it. */
  container?: string;
}
