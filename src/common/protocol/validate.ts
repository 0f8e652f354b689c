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
import type { AuthHeader, HostToWebview, WebviewToHost } from './messages';

type Json = Record<string, unknown>;

/** Checks one kind's fields; returns a fresh message holding only the known fields, or undefined. */
type Validator<K extends WebviewKind> = (raw: Json) => Extract<WebviewToHost, { type: K }> | undefined;

const MAX_TEXT = 1_000_000;
/** Base64 of the largest request the API takes (32 MB), so anything larger is refused here already. */
const MAX_BASE64 = Math.ceil((32 * 1024 * 1024) / 3) * 4;
const MEDIA_TYPE = /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A preview the view drew: a raster data URI only (an SVG one could carry script), kept small. */
const THUMBNAIL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]*={0,2}$/;
const THUMBNAIL_MAX = 32 * 1024;

function str(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}
function id(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(value);
}
function nonBlank(value: unknown, max: number): value is string {
  return str(value, max) && value.trim().length > 0;
}
function count(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1_000_000;
}
/** A workspace-relative path as the host offered it: no absolute paths, no `..` segments. */
function relativePath(value: unknown): value is string {
  return str(value, 4096) && value.length > 0 && !/^([/\\]|[A-Za-z]:)/.test(value) && !value.split(/[/\\]/).includes('..');
}
function attachData(raw: Json): Extract<WebviewToHost, { type: 'attachData' }> | undefined {
  if (!nonBlank(raw.name, 255) || !str(raw.mediaType, 100) || !MEDIA_TYPE.test(raw.mediaType)) return undefined;
  if (!str(raw.base64, MAX_BASE64) || !BASE64.test(raw.base64)) return undefined;
  if (raw.note !== undefined && !str(raw.note, 500)) return undefined;
  if (raw.thumbnail !== undefined && !(str(raw.thumbnail, THUMBNAIL_MAX) && THUMBNAIL.test(raw.thumbnail))) return undefined;
  const message: Extract<WebviewToHost, { type: 'attachData' }> = { type: 'attachData', name: raw.name, mediaType: raw.mediaType, base64: raw.base64 };
  if (raw.note !== undefined) message.note = raw.note;
  if (raw.thumbnail !== undefined) message.thumbnail = raw.thumbnail;
  return message;
}
function authHeader(value: unknown): value is AuthHeader {
  return value === 'x-api-key' || value === 'bearer';
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
  pickFiles: () => ({ type: 'pickFiles' }),
  attachPath: (raw) => (relativePath(raw.path) ? { type: 'attachPath', path: raw.path } : undefined),
  // The host still checks each URI's scheme and that it lies in the workspace.
  attachUris: (raw) =>
    Array.isArray(raw.uris) && raw.uris.length > 0 && raw.uris.length <= 100 && raw.uris.every((u) => str(u, 4096))
      ? { type: 'attachUris', uris: raw.uris }
      : undefined,
  attachData,
  removeAttachment: (raw) => (id(raw.id) ? { type: 'removeAttachment', id: raw.id } : undefined),
  openAttachment: (raw) => (id(raw.id) ? { type: 'openAttachment', id: raw.id } : undefined),
  queryFiles: (raw) => (str(raw.query, 500) ? { type: 'queryFiles', query: raw.query } : undefined),
  draftChanged: (raw) => (str(raw.text) ? { type: 'draftChanged', text: raw.text } : undefined),
  openCitation: (raw) =>
    id(raw.turnId) && count(raw.blockIndex) && count(raw.citationIndex)
      ? { type: 'openCitation', turnId: raw.turnId, blockIndex: raw.blockIndex, citationIndex: raw.citationIndex }
      : undefined,
  thumbnail: (raw) => (id(raw.id) && str(raw.thumbnail, THUMBNAIL_MAX) && THUMBNAIL.test(raw.thumbnail) ? { type: 'thumbnail', id: raw.id, thumbnail: raw.thumbnail } : undefined),
  // Only this extension's settings: the settings editor is opened filtered to the id.
  openSetting: (raw) => (str(raw.setting, 100) && /^claudeMessages\.[A-Za-z][A-Za-z0-9.]*$/.test(raw.setting) ? { type: 'openSetting', setting: raw.setting } : undefined),
  testConnection: () => ({ type: 'testConnection' }),
  regenerate: (raw) => (id(raw.turnId) ? { type: 'regenerate', turnId: raw.turnId } : undefined),
  editAndResend: (raw) => (id(raw.turnId) && nonBlank(raw.text, MAX_TEXT) ? { type: 'editAndResend', turnId: raw.turnId, text: raw.text } : undefined),
  setupLoad: () => ({ type: 'setupLoad' }),
  // The URL is only bounded here; the host checks it (common/setup) and says why when it refuses.
  setupTest: (raw) => (str(raw.baseUrl, 2048) && authHeader(raw.authHeader) ? { type: 'setupTest', baseUrl: raw.baseUrl, authHeader: raw.authHeader } : undefined),
  setupSave: (raw) => (str(raw.baseUrl, 2048) && authHeader(raw.authHeader) ? { type: 'setupSave', baseUrl: raw.baseUrl, authHeader: raw.authHeader } : undefined),
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
