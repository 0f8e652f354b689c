import * as vscode from 'vscode';
import type { Effort } from '../common/anthropic/types';
import type { RequestSettings } from '../common/anthropic/request';

const SECTION = 'claudeMessages';

/** Everything the extension reads from settings, typed; the key is never among them. */
export interface ExtensionSettings {
  connection: {
    baseUrl: string;
    authHeader: 'x-api-key' | 'bearer';
    anthropicVersion: string;
    betas: string[];
    maxRetries: number;
  };
  request: RequestSettings;
  contextFileMaxChars: number;
  maxToolRounds: number;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim().length > 0) : [];
}
function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads the current settings. Cheap: call it per request so changes apply at once. */
export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const effort = oneOf(c.get('effort'), ['default', 'low', 'medium', 'high', 'xhigh', 'max'] as const, 'default');
  return {
    connection: {
      baseUrl: (c.get<string>('baseUrl') ?? '').trim() || 'https://api.anthropic.com',
      authHeader: oneOf(c.get('authHeader'), ['x-api-key', 'bearer'] as const, 'x-api-key'),
      anthropicVersion: (c.get<string>('anthropicVersion') ?? '').trim() || '2023-06-01',
      betas: strings(c.get('betas')),
      maxRetries: Math.max(0, Math.min(10, Math.floor(numberOrNull(c.get('maxRetries')) ?? 2))),
    },
    request: {
      model: (c.get<string>('model') ?? '').trim() || 'claude-sonnet-5',
      maxTokens: Math.max(1, Math.floor(numberOrNull(c.get('maxTokens')) ?? 16000)),
      system: c.get<string>('systemPrompt') ?? '',
      temperature: numberOrNull(c.get('temperature')),
      topP: numberOrNull(c.get('topP')),
      topK: numberOrNull(c.get('topK')),
      stopSequences: strings(c.get('stopSequences')),
      thinking: oneOf(c.get('thinking'), ['auto', 'on', 'off'] as const, 'auto'),
      thinkingBudgetTokens: Math.floor(numberOrNull(c.get('thinkingBudgetTokens')) ?? 8000),
      thinkingDisplay: oneOf(c.get('thinkingDisplay'), ['summarized', 'omitted'] as const, 'summarized'),
      effort: effort === 'default' ? 'default' : (effort as Effort),
      webSearch: {
        enabled: c.get<boolean>('webSearch') === true,
        toolVersion: c.get<string>('webSearchToolVersion') || 'web_search_20250305',
        maxUses: Math.floor(numberOrNull(c.get('webSearchMaxUses')) ?? 5),
        allowedDomains: strings(c.get('webSearchAllowedDomains')),
        blockedDomains: strings(c.get('webSearchBlockedDomains')),
      },
      webFetch: {
        enabled: c.get<boolean>('webFetch') === true,
        toolVersion: c.get<string>('webFetchToolVersion') || 'web_fetch_20250910',
        maxUses: Math.floor(numberOrNull(c.get('webFetchMaxUses')) ?? 5),
        allowedDomains: strings(c.get('webFetchAllowedDomains')),
        blockedDomains: strings(c.get('webFetchBlockedDomains')),
        citations: c.get<boolean>('webFetchCitations') !== false,
      },
      cacheTtl: oneOf(c.get('cacheTtl'), ['5m', '1h', 'off'] as const, '5m'),
      serviceTier: oneOf(c.get('serviceTier'), ['default', 'auto', 'standard_only'] as const, 'default'),
      metadataUserId: (c.get<string>('metadataUserId') ?? '').trim(),
    },
    contextFileMaxChars: Math.max(0, Math.floor(numberOrNull(c.get('contextFileMaxChars')) ?? 60000)),
    maxToolRounds: Math.max(1, Math.min(50, Math.floor(numberOrNull(c.get('maxToolRounds')) ?? 8))),
  };
}

/** Writes one setting where the user keeps it (workspace value if one exists, else user). */
export async function writeSetting(name: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect(name);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(name, value, target);
}

/** Fires when any claudeMessages.* setting changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener();
  });
}
