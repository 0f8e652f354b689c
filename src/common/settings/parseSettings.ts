/**
 * Raw `claudeMessages.*` values -> the typed settings the extension runs on.
 *
 * Settings files are hand-edited JSON: any value can have any type, whatever package.json declares.
 * So every value is checked here, and a wrong or missing one falls back to the declared default
 * rather than reaching a request (or throwing on `.trim()` of a number).
 *
 * The host passes VS Code's `WorkspaceConfiguration`; tests pass a plain object. Each setting is
 * read by a `c.get` call with a literal name: the manifest test finds the names that way and checks
 * them against package.json.
 */
import type { CodeExecutionSettings, RequestSettings, ToolChoiceSettings, WebFetchSettings, WebSearchSettings } from '../anthropic/request';
import { EFFORT_LEVELS } from '../anthropic/modelTypes';

/** Where raw values come from: the `claudeMessages` section, names without the prefix. */
export interface SettingsSource {
  get(name: string): unknown;
}

/** The connection to the endpoint (everything but the key, which lives in Secret Storage). */
export interface ConnectionSettings {
  baseUrl: string;
  authHeader: 'x-api-key' | 'bearer';
  anthropicVersion: string;
  betas: string[];
  maxRetries: number;
  /** How long to wait for the response headers, in ms (the setting is in seconds). */
  headersTimeoutMs: number;
  /** How long a started reply may go without a non-ping event, in ms (the client's `streamIdleTimeoutMs`). */
  streamIdleTimeoutMs: number;
}

/** Everything the extension reads from settings, typed; the key is never among them. */
export interface ExtensionSettings {
  connection: ConnectionSettings;
  request: RequestSettings;
  contextFileMaxChars: number;
  /** What attaching a file may read, and how PDFs are sent. */
  attachments: { maxBytes: number; citations: boolean };
  maxToolRounds: number;
}

/** The typed settings from raw values; never throws. */
export function parseSettings(c: SettingsSource): ExtensionSettings {
  return {
    connection: parseConnection(c),
    request: parseRequest(c),
    contextFileMaxChars: Math.max(0, Math.floor(numberOrNull(c.get('contextFileMaxChars')) ?? 60000)),
    attachments: {
      maxBytes: clampInteger(numberOrNull(c.get('attachmentMaxBytes')) ?? 10 * 1024 * 1024, 1024, 32 * 1024 * 1024),
      citations: c.get('documentCitations') !== false,
    },
    maxToolRounds: clampInteger(numberOrNull(c.get('maxToolRounds')) ?? 8, 1, 50),
  };
}

function parseConnection(c: SettingsSource): ConnectionSettings {
  return {
    baseUrl: trimmed(c.get('baseUrl')) || 'https://api.anthropic.com',
    authHeader: oneOf(c.get('authHeader'), ['x-api-key', 'bearer'] as const, 'x-api-key'),
    anthropicVersion: anthropicVersion(c),
    betas: strings(c.get('betas')),
    maxRetries: clampInteger(numberOrNull(c.get('maxRetries')) ?? 2, 0, 10),
    // Below 5 s a healthy but busy endpoint would be cut off; the manifest declares the same minimum.
    headersTimeoutMs: Math.max(5, numberOrNull(c.get('headersTimeoutSeconds')) ?? 30) * 1000,
    // The same floor: a model that thinks before its first word would otherwise be cut off.
    streamIdleTimeoutMs: Math.max(5, numberOrNull(c.get('streamIdleTimeoutSeconds')) ?? 120) * 1000,
  };
}

function parseRequest(c: SettingsSource): RequestSettings {
  return {
    model: trimmed(c.get('model')) || 'claude-sonnet-5-5',
    maxTokens: Math.max(1, Math.floor(numberOrNull(c.get('maxTokens')) ?? 16000)),
    // Not trimmed: the system prompt is sent as written (it is part of the cached prefix).
    system: text(c.get('systemPrompt')),
    temperature: numberOrNull(c.get('temperature')),
    topP: numberOrNull(c.get('topP')),
    topK: numberOrNull(c.get('topK')),
    stopSequences: strings(c.get('stopSequences')),
    thinking: oneOf(c.get('thinking'), ['auto', 'on', 'off'] as const, 'auto'),
    thinkingBudgetTokens: Math.floor(numberOrNull(c.get('thinkingBudgetTokens')) ?? 8000),
    thinkingDisplay: oneOf(c.get('thinkingDisplay'), ['summarized', 'omitted'] as const, 'summarized'),
    effort: oneOf(c.get('effort'), ['default', ...EFFORT_LEVELS] as const, 'default'),
    webSearch: parseWebSearch(c),
    webFetch: parseWebFetch(c),
    codeExecution: parseCodeExecution(c),
    toolChoice: parseToolChoice(c),
    cacheTtl: oneOf(c.get('cacheTtl'), ['5m', '1h', 'off'] as const, '5m'),
    serviceTier: oneOf(c.get('serviceTier'), ['default', 'auto', 'standard_only'] as const, 'default'),
    metadataUserId: trimmed(c.get('metadataUserId')),
    // The header's version again: which fields the body may have depends on it.
    anthropicVersion: anthropicVersion(c),
  };
}

function anthropicVersion(c: SettingsSource): string {
  return trimmed(c.get('anthropicVersion')) || '2023-06-01';
}

function parseWebSearch(c: SettingsSource): WebSearchSettings {
  return {
    enabled: c.get('webSearch') === true,
    toolVersion: text(c.get('webSearchToolVersion')) || 'web_search_20250305',
    maxUses: Math.floor(numberOrNull(c.get('webSearchMaxUses')) ?? 5),
    allowedDomains: strings(c.get('webSearchAllowedDomains')),
    blockedDomains: strings(c.get('webSearchBlockedDomains')),
  };
}

function parseWebFetch(c: SettingsSource): WebFetchSettings {
  return {
    enabled: c.get('webFetch') === true,
    toolVersion: text(c.get('webFetchToolVersion')) || 'web_fetch_20250910',
    maxUses: Math.floor(numberOrNull(c.get('webFetchMaxUses')) ?? 5),
    allowedDomains: strings(c.get('webFetchAllowedDomains')),
    blockedDomains: strings(c.get('webFetchBlockedDomains')),
    // On unless turned off explicitly: citations are the declared default.
    citations: c.get('webFetchCitations') !== false,
  };
}

function parseCodeExecution(c: SettingsSource): CodeExecutionSettings {
  return {
    enabled: c.get('codeExecution') === true,
    toolVersion: trimmed(c.get('codeExecutionToolVersion')) || 'code_execution_20250825',
  };
}

function parseToolChoice(c: SettingsSource): ToolChoiceSettings {
  return {
    mode: oneOf(c.get('toolChoice'), ['auto', 'any', 'none', 'tool'] as const, 'auto'),
    name: trimmed(c.get('toolChoiceName')),
    disableParallelToolUse: c.get('disableParallelToolUse') === true,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function clampInteger(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(value)));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function trimmed(value: unknown): string {
  return text(value).trim();
}

/** The non-blank strings of an array; anything else is an empty list. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim().length > 0) : [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const match = allowed.find((option) => option === value);
  return match ?? fallback;
}
