/**
 * What a request is built from: the request-shaping settings, the model's capabilities and the
 * conversation, and what building gives back. Shared by `request.ts` and the files that decide
 * one part of the body each.
 */
import type { ModelCapabilities } from './modelTypes';
import type { Container, Effort, MessageParam, MessagesRequest, Tool, ToolChoice } from './types';

/** Server web search settings (`claudeMessages.webSearch*`). */
export interface WebSearchSettings {
  enabled: boolean;
  toolVersion: string;
  maxUses: number;
  allowedDomains: string[];
  blockedDomains: string[];
}

/** Server web fetch settings (`claudeMessages.webFetch*`). */
export interface WebFetchSettings extends WebSearchSettings {
  citations: boolean;
}

/** Server code execution settings (`claudeMessages.codeExecution*`). */
export interface CodeExecutionSettings {
  enabled: boolean;
  toolVersion: string;
}

/** How the user wants Claude to use tools (`claudeMessages.toolChoice*`, `disableParallelToolUse`). */
export interface ToolChoiceSettings {
  mode: 'auto' | 'any' | 'none' | 'tool';
  /** The tool `tool` forces. */
  name: string;
  disableParallelToolUse: boolean;
}

/** The request-shaping settings, as read from `claudeMessages.*`. */
export interface RequestSettings {
  model: string;
  maxTokens: number;
  system: string;
  temperature: number | null;
  topP: number | null;
  topK: number | null;
  stopSequences: string[];
  thinking: 'auto' | 'on' | 'off';
  thinkingBudgetTokens: number;
  thinkingDisplay: 'summarized' | 'omitted';
  effort: 'default' | Effort;
  webSearch: WebSearchSettings;
  webFetch: WebFetchSettings;
  codeExecution: CodeExecutionSettings;
  toolChoice: ToolChoiceSettings;
  cacheTtl: '5m' | '1h' | 'off';
  serviceTier: 'default' | 'auto' | 'standard_only';
  metadataUserId: string;
  /**
   * The `anthropic-version` the request goes out under (`claudeMessages.anthropicVersion`, the
   * value the client puts in the header): the body must be one that version takes, and
   * `2026-10-21` removed the sampling parameters.
   */
  anthropicVersion: string;
}

/** Everything one request is built from. */
export interface BuildRequestInput {
  settings: RequestSettings;
  capabilities: ModelCapabilities;
  messages: MessageParam[];
  /** Tools of the calling feature (e.g. the text editor tool), placed before web search/fetch. */
  tools?: Tool[];
  /**
   * A feature's own tool choice. It overrides `settings.toolChoice` and, unlike the setting, falls
   * back to `auto` (with a warning) where forcing is refused: the feature works without it.
   */
  toolChoice?: ToolChoice;
  /** A feature's own instructions, sent as a second system block after the user's system prompt. */
  extraSystem?: string;
  /** The code execution container of the latest reply that had one; sent while it lives. */
  container?: Container;
  /** The time (ms since the epoch) the container's expiry is checked against; now when left out. */
  now?: number;
}

/** The body to send and what was changed to make it acceptable. */
export interface BuiltRequest {
  body: MessagesRequest;
  warnings: string[];
}

/** What each part of the body is decided from, and where it reports what it had to change. */
export interface RequestPartContext {
  settings: RequestSettings;
  capabilities: ModelCapabilities;
  /** One line per setting dropped or changed, in the order the parts are decided. */
  warnings: string[];
}
