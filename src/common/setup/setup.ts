/**
 * The first-run setup card's pure logic: the provider presets, checking a base URL typed by hand,
 * which provider a saved URL is, and what to say about the scope a saved value lands in.
 */

import type { AuthHeader, ProviderId, SetupProvider } from '../protocol';

/**
 * Anthropic documents `x-api-key` (and, lately, Bearer); CometAPI accepts both, but its error guide
 * assumes Bearer (shared/reference/messages-api.md §7), so Bearer is its default. An unknown gateway
 * most often speaks OpenAI-style Bearer auth.
 */
export const PROVIDER_PRESETS: readonly SetupProvider[] = [
  { id: 'anthropic', label: 'Anthropic', baseUrl: 'https://api.anthropic.com', authHeader: 'x-api-key' },
  { id: 'cometapi', label: 'CometAPI', baseUrl: 'https://api.cometapi.com', authHeader: 'bearer' },
  { id: 'other', label: 'Other URL', baseUrl: '', authHeader: 'bearer' },
];

export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a base URL typed into the card. `https://` is required because the key travels in a header
 * of every request; plain `http://` is allowed only to this machine (a local proxy or test server),
 * where nothing crosses a network. A trailing slash is dropped (the client appends `/v1/messages`);
 * a path is kept (some gateways live under one), but a query or fragment would end up inside the
 * request path and is refused.
 */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Enter the API root, such as https://api.example.com.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${text.slice(0, 200)}" is not a URL. Enter one such as https://api.example.com.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `Use an https:// URL (this one starts with ${url.protocol}//).` };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, reason: 'Use https://: over plain http:// your API key would cross the network unencrypted. http:// is allowed only for localhost or 127.0.0.1.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Leave the user name and password out of the URL: the key is sent in a header, and a URL is shown and logged.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'Leave out the ?query and #fragment: the URL is the API root, and /v1/messages is added to it.' };
  }
  return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The preset a base URL belongs to ("other" unless it is exactly a preset's root). */
export function providerOf(baseUrl: string): ProviderId {
  const check = checkBaseUrl(baseUrl);
  const normalized = check.ok ? check.baseUrl : baseUrl.trim();
  return PROVIDER_PRESETS.find((preset) => preset.baseUrl !== '' && preset.baseUrl === normalized)?.id ?? 'other';
}

/** How a setting's value is known in each scope (VS Code's `inspect()`), and the value in force. */
export interface ScopedValues {
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  /** What `get()` returns after the save: the value the extension reads. */
  effective: unknown;
}

/**
 * What to tell the user when the value just saved at User level is not the one in force, naming
 * the scope that wins (VS Code's order: Workspace Folder beats Workspace beats Remote beats User).
 * Undefined when the saved value is in force. `baseUrl` and `authHeader` are machine-scoped, so
 * VS Code ignores them in workspace files; the last case (some other scope) is then the one met,
 * which in a remote window means the Remote settings.
 */
export function overrideNote(setting: string, saved: unknown, values: ScopedValues): string | undefined {
  if (values.effective === saved) return undefined;
  if (values.workspaceFolderValue !== undefined) {
    return `The Workspace Folder value of ${setting} (${JSON.stringify(values.workspaceFolderValue)}, in this folder's .vscode/settings.json) wins over the User value saved here.`;
  }
  if (values.workspaceValue !== undefined) {
    return `The Workspace value of ${setting} (${JSON.stringify(values.workspaceValue)}) wins over the User value saved here.`;
  }
  return `${setting} is still ${JSON.stringify(values.effective)}: another settings scope overrides the User value (in a remote window, the Remote settings). Change it there, or remove it there.`;
}

/** The connection in words, as Test Connection and the card name it. */
export function describeConnection(baseUrl: string, authHeader: AuthHeader): string {
  return `${baseUrl} (key sent as ${authHeader === 'bearer' ? 'Authorization: Bearer' : 'x-api-key'})`;
}
