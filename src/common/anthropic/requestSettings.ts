/**
 * What a request is built from: the request-shaping settings, the model's capabilities and the
 * conversation, and what building gives back. Shared by `request.ts` and the files that decide
 * one part of the body each.
 */
import type { ModelCapabilities } from './modelTypes';
import type { Effort, MessageParam, MessagesRequest, Tool, ToolChoice } from './types';

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
  cacheTtl: '5m' | '1h' | 'off';
  serviceTier: 'default' | 'auto' | 'standard_only';
  metadataUserId: string;
}

/** Everything one request is built from. */
export interface BuildRequestInput {
  settings: RequestSettings;
  capabilities: ModelCapabilities;
  messages: MessageParam[];
  /** Tools of the calling feature (e.g. the text editor tool), placed before web search/fetch. */
  tools?: Tool[];
  toolChoice?: ToolChoice;
  /** A feature's own instructions, sent as a second system block after the user's system prompt. */
  extraSystem?: string;
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
