/**
 * Inputs for the tests of single request parts: settings with nothing optional set, and a part
 * context whose capabilities can be bent into shapes no built-in model has.
 */
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import type { ModelCapabilities } from '../../../src/common/anthropic/models';
import type { RequestPartContext, RequestSettings } from '../../../src/common/anthropic/requestSettings';

export function plainSettings(overrides: Partial<RequestSettings> = {}): RequestSettings {
  return {
    model: 'claude-sonnet-4-6',
    maxTokens: 16000,
    system: '',
    temperature: null,
    topP: null,
    topK: null,
    stopSequences: [],
    thinking: 'off',
    thinkingBudgetTokens: 8000,
    thinkingDisplay: 'summarized',
    effort: 'default',
    webSearch: { enabled: false, toolVersion: 'web_search_20250305', maxUses: 5, allowedDomains: [], blockedDomains: [] },
    webFetch: { enabled: false, toolVersion: 'web_fetch_20250910', maxUses: 5, allowedDomains: [], blockedDomains: [], citations: true },
    codeExecution: { enabled: false, toolVersion: 'code_execution_20250825' },
    toolChoice: { mode: 'auto', name: '', disableParallelToolUse: false },
    cacheTtl: 'off',
    serviceTier: 'default',
    metadataUserId: '',
    anthropicVersion: '2023-06-01',
    ...overrides,
  };
}

/** A part context for `settings.model`'s capabilities, with `capabilities` laid over them. */
export function partContext(
  settings: Partial<RequestSettings> = {},
  capabilities: Partial<ModelCapabilities> = {},
): RequestPartContext {
  const full = plainSettings(settings);
  return { settings: full, capabilities: { ...capabilitiesFor(full.model), ...capabilities }, warnings: [] };
}
