/**
 * Run-time checks of what crosses the webview boundary.
 *
 * Webview -> host: the webview renders model output, so the host treats its messages as untrusted
 * input: anything not exactly of a known shape is dropped. The validator is a table keyed by kind,
 * so a kind without a validator fails to compile.
 *
 * Host -> webview: the host is trusted, so the webview only checks the kind (cheap), which is
 * enough to notice a message nobody handles instead of dropping it silently.
 */
import { isRecord } from '../guards';
import { isControlKey, isHostKind, isWebviewKind } from './kinds';
import type { WebviewKind } from './kinds';
import type { HostToWebview, WebviewToHost } from './messages';

type Json = Record<string, unknown>;

/** Checks one kind's fields; returns a fresh message holding only the known fields, or undefined. */
type Validator<K extends WebviewKind> = (raw: Json) => Extract<WebviewToHost, { type: K }> | undefined;

const MAX_TEXT = 1_000_000;

function str(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}
function id(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(value);
}
function nonBlank(value: unknown, max: number): value is string {
  return str(value, max) && value.trim().length > 0;
}
function controlValue(value: unknown): value is string | number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || str(value, 100);
}

const VALIDATORS: { readonly [K in WebviewKind]: Validator<K> } = {
  ready: () => ({ type: 'ready' }),
  newChat: () => ({ type: 'newChat' }),
  retry: () => ({ type: 'retry' }),
  continue: () => ({ type: 'continue' }),
  setApiKey: () => ({ type: 'setApiKey' }),
  send: (raw) => (nonBlank(raw.text, MAX_TEXT) ? { type: 'send', text: raw.text } : undefined),
  stop: (raw) => (id(raw.requestId) ? { type: 'stop', requestId: raw.requestId } : undefined),
  cancelRetry: (raw) => (id(raw.requestId) ? { type: 'cancelRetry', requestId: raw.requestId } : undefined),
  setModel: (raw) => (str(raw.model, 200) && raw.model.length > 0 ? { type: 'setModel', model: raw.model } : undefined),
  setControl: (raw) =>
    isControlKey(raw.key) && controlValue(raw.value) ? { type: 'setControl', key: raw.key, value: raw.value } : undefined,
  // Only web links: the host opens them with the system's handler, which would run `command:`,
  // `file:` and the like.
  openLink: (raw) => (str(raw.url, 8192) && /^https?:\/\//i.test(raw.url) ? { type: 'openLink', url: raw.url } : undefined),
  copyCode: (raw) => (str(raw.code) ? { type: 'copyCode', code: raw.code } : undefined),
  insertCode: (raw) => (str(raw.code) ? { type: 'insertCode', code: raw.code } : undefined),
  // Conversation ids name files in global storage, hence the strict id pattern.
  openConversation: (raw) => (id(raw.id) ? { type: 'openConversation', id: raw.id } : undefined),
  deleteConversation: (raw) => (id(raw.id) ? { type: 'deleteConversation', id: raw.id } : undefined),
  renameConversation: (raw) =>
    id(raw.id) && nonBlank(raw.title, 200) ? { type: 'renameConversation', id: raw.id, title: raw.title.trim() } : undefined,
  exportConversation: (raw) =>
    id(raw.id) && (raw.format === 'markdown' || raw.format === 'json')
      ? { type: 'exportConversation', id: raw.id, format: raw.format }
      : undefined,
  // Only this extension's settings: the settings editor is opened filtered to the id.
  openSetting: (raw) => (str(raw.setting, 100) && /^claudeMessages\.[A-Za-z][A-Za-z0-9.]*$/.test(raw.setting) ? { type: 'openSetting', setting: raw.setting } : undefined),
  testConnection: () => ({ type: 'testConnection' }),
};

/** Returns the message when it is exactly one of the protocol's shapes, else undefined. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || !isWebviewKind(raw.type)) return undefined;
  return VALIDATORS[raw.type](raw);
}

/** Whether `data` is a host message of a known kind (its fields are the trusted host's business). */
export function isHostMessage(data: unknown): data is HostToWebview {
  return isRecord(data) && isHostKind(data.type);
}
