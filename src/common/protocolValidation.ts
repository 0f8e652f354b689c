/**
 * Run-time validation of what arrives from the webview. The webview renders model output, so the
 * host treats its messages as untrusted input: anything not exactly of a known shape is dropped.
 */
import type { ControlKey, WebviewToHost } from './protocol';

type Json = Record<string, unknown>;

const MAX_TEXT = 1_000_000;
const CONTROL_KEYS: ReadonlySet<ControlKey> = new Set(['effort', 'thinking', 'thinkingBudgetTokens', 'webSearch', 'webFetch']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function str(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}
function id(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(value);
}

/** Returns the message when it is exactly one of the protocol's shapes, else undefined. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'newChat':
    case 'retry':
    case 'continue':
    case 'setApiKey':
      return { type: raw.type };
    case 'send':
      return str(raw.text) && raw.text.trim().length > 0 ? { type: 'send', text: raw.text } : undefined;
    case 'stop':
    case 'cancelRetry':
      return id(raw.requestId) ? { type: raw.type, requestId: raw.requestId } : undefined;
    case 'setModel':
      return str(raw.model, 200) && raw.model.length > 0 ? { type: 'setModel', model: raw.model } : undefined;
    case 'setControl': {
      const key = raw.key;
      const value = raw.value;
      if (typeof key !== 'string' || !CONTROL_KEYS.has(key as ControlKey)) return undefined;
      if (!(typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || str(value, 100))) return undefined;
      return { type: 'setControl', key: key as ControlKey, value };
    }
    case 'openLink':
      return str(raw.url, 8192) && /^https?:\/\//i.test(raw.url) ? { type: 'openLink', url: raw.url } : undefined;
    case 'copyCode':
    case 'insertCode':
      return str(raw.code) ? { type: raw.type, code: raw.code } : undefined;
    case 'openConversation':
    case 'deleteConversation':
      return id(raw.id) ? { type: raw.type, id: raw.id } : undefined;
    case 'renameConversation':
      return id(raw.id) && str(raw.title, 200) && raw.title.trim().length > 0
        ? { type: 'renameConversation', id: raw.id, title: raw.title.trim() }
        : undefined;
    case 'exportConversation':
      return id(raw.id) && (raw.format === 'markdown' || raw.format === 'json')
        ? { type: 'exportConversation', id: raw.id, format: raw.format }
        : undefined;
    default:
      return undefined;
  }
}
