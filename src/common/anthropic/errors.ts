/**
 * The error taxonomy of the client. Every failure the client throws is a `ClaudeApiError` with a
 * `kind` the UI can switch on (stay quiet on `aborted`, ask for a key on `authentication_error`,
 * count down on `rate_limit_error`), a human `message` that says what happened and what to do,
 * and never the API key: server text is scrubbed and no request object is kept.
 */
import type { Message } from './types';
import { isRetryableResponse, retryAfterMs } from './retryPolicy';
import type { HeaderSource } from './retryPolicy';
import { displayUrl } from './url';
import { isRecord } from '../guards';

/** What went wrong, as a closed set of kinds. API error types keep the API's names. */
export type ErrorKind =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error'
  /** HTML, an empty body or non-API text: the base URL is probably not a Messages API endpoint. */
  | 'not_messages_endpoint'
  /** The server could not be reached at all (refused, DNS, TLS, reset before a response). */
  | 'connection_error'
  /** The user cancelled. Not a failure: the UI should stay quiet. */
  | 'aborted'
  /** The 200 stream broke off after it began; `partial` holds what arrived. */
  | 'stream_interrupted'
  /** An event's JSON could not be read; `partial` holds what arrived before it. */
  | 'malformed_event';

/** Settings under `claudeMessages.` that a 400 can point at. */
export type SettingName =
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'thinking'
  | 'thinkingBudgetTokens'
  | 'effort'
  | 'serviceTier'
  | 'webSearch'
  | 'webFetch'
  | 'model'
  | 'maxTokens'
  | 'baseUrl'
  | 'authHeader';

/** Fields of a `ClaudeApiError` besides its message. */
export interface ClaudeApiErrorInit {
  kind: ErrorKind;
  status?: number;
  requestId?: string;
  retryable: boolean;
  /** The API's `error.type` as sent (e.g. `comet_api_error` from CometAPI). */
  apiErrorType?: string;
  /** The server's own words, scrubbed and shortened. */
  apiMessage?: string;
  /** The setting to change, when the error points at one (without the `claudeMessages.` prefix). */
  setting?: SettingName;
  /** How long the server asked us to wait before retrying, in ms. */
  retryAfterMs?: number;
  partial?: Message;
}

/** Base class of every error the client throws. */
export class ClaudeApiError extends Error {
  override readonly name: string = 'ClaudeApiError';
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly requestId?: string;
  /**
   * Whether sending the same request again may succeed. The client itself only retries before a
   * stream begins; after that this tells the UI whether to offer "try again".
   */
  readonly retryable: boolean;
  readonly apiErrorType?: string;
  readonly apiMessage?: string;
  readonly setting?: SettingName;
  readonly retryAfterMs?: number;
  /** The message as accumulated so far, when the failure came after the stream began. */
  partial?: Message;

  constructor(message: string, init: ClaudeApiErrorInit) {
    super(message);
    this.kind = init.kind;
    this.retryable = init.retryable;
    // Only own properties that are set, so a logged error shows no noise.
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.apiErrorType !== undefined) this.apiErrorType = init.apiErrorType;
    if (init.apiMessage !== undefined) this.apiMessage = init.apiMessage;
    if (init.setting !== undefined) this.setting = init.setting;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.partial !== undefined) this.partial = init.partial;
  }
}

/** The user (or the caller's signal) cancelled the request. */
export class UserAbortError extends ClaudeApiError {
  override readonly name = 'UserAbortError';
  constructor(partial?: Message) {
    super('Request cancelled.', { kind: 'aborted', retryable: false, ...(partial ? { partial } : {}) });
  }
}

/** The server could not be reached. `url` is the address that failed (credentials removed). */
export class ConnectionError extends ClaudeApiError {
  override readonly name = 'ConnectionError';
  readonly url: string;
  /** The system error code, such as `ECONNREFUSED` or `ENOTFOUND`, when known. */
  readonly code?: string;
  constructor(message: string, url: string, code: string | undefined, retryable: boolean) {
    super(message, { kind: 'connection_error', retryable });
    this.url = url;
    if (code !== undefined) this.code = code;
  }
}

/** The stream broke off after it had begun (network drop, end without `message_stop`). */
export class StreamInterruptedError extends ClaudeApiError {
  override readonly name = 'StreamInterruptedError';
  declare partial: Message;
  constructor(message: string, partial: Message, requestId?: string) {
    super(message, { kind: 'stream_interrupted', retryable: true, partial, ...(requestId ? { requestId } : {}) });
  }
}

/** An SSE event whose data is not the JSON it should be. Keeps the raw data that arrived. */
export class MalformedEventError extends ClaudeApiError {
  override readonly name = 'MalformedEventError';
  /** The `event:` name of the bad event, when it had one. */
  readonly eventName?: string;
  /** The raw `data:` text (scrubbed), so a bug report can show it. */
  readonly data: string;
  constructor(message: string, data: string, eventName?: string) {
    super(message, { kind: 'malformed_event', retryable: true });
    this.data = data;
    if (eventName !== undefined) this.eventName = eventName;
  }
}

/** What an error message may mention about the request. Never holds headers. */
export interface ErrorContext {
  /** The URL that was called. */
  url: string;
  /** Only used to scrub the key out of server text; never stored. */
  apiKey?: string;
  authHeader?: 'x-api-key' | 'bearer';
}

const REDACTED = '[redacted]';
// Anthropic keys, even when a gateway echoes a different one than ours.
const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{8,}/g;

/** Removes the key (and anything shaped like an Anthropic key or a bearer token) from `text`. */
export function scrubSecret(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out.replace(KEY_PATTERN, REDACTED).replace(/(Bearer\s+)[^\s"',;]{8,}/gi, `$1${REDACTED}`);
}

function shorten(text: string, max = 600): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

// Order matters: the more specific parameter first ("thinking.budget_tokens" is about the budget,
// "this model does not support temperature" is about temperature, not the model).
const PARAMETER_SETTINGS: ReadonlyArray<[RegExp, SettingName]> = [
  [/budget_tokens/i, 'thinkingBudgetTokens'],
  [/\btemperature\b/i, 'temperature'],
  [/\btop_p\b/i, 'topP'],
  [/\btop_k\b/i, 'topK'],
  [/\beffort\b/i, 'effort'],
  [/\bthinking\b/i, 'thinking'],
  [/service_tier/i, 'serviceTier'],
  [/web_search/i, 'webSearch'],
  [/web_fetch/i, 'webFetch'],
  [/max_tokens/i, 'maxTokens'],
  [/\bmodel\b/i, 'model'],
];

/** The setting a 400 message is about, when it names a request parameter the user controls. */
export function settingForMessage(message: string): SettingName | undefined {
  for (const [pattern, setting] of PARAMETER_SETTINGS) if (pattern.test(message)) return setting;
  return undefined;
}

function kindForStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 408:
    case 504:
    case 524:
      return 'timeout_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

const KNOWN_KINDS: ReadonlySet<string> = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'timeout_error',
  'overloaded_error',
]);

interface ParsedErrorBody {
  type?: string;
  message?: string;
  requestId?: string;
}

/**
 * Reads the error shapes seen in the wild: Anthropic's `{type:"error", error:{type, message}}`,
 * CometAPI's and OpenAI-style `{error:{message, type}}`, `{error:"text"}` and `{message}`.
 * Undefined when the body is not JSON at all.
 */
function parseErrorBody(text: string): ParsedErrorBody | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return {};
  const out: ParsedErrorBody = {};
  if (typeof json['request_id'] === 'string') out.requestId = json['request_id'];
  const error = json['error'];
  if (isRecord(error)) {
    if (typeof error['type'] === 'string') out.type = error['type'];
    else if (typeof error['code'] === 'string') out.type = error['code'];
    if (typeof error['message'] === 'string') out.message = error['message'];
  } else if (typeof error === 'string') {
    out.message = error;
  }
  if (out.message === undefined) {
    for (const key of ['message', 'detail', 'msg']) {
      const value = json[key];
      if (typeof value === 'string') {
        out.message = value;
        break;
      }
    }
  }
  return out;
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(text);
}

function otherAuthStyle(current: 'x-api-key' | 'bearer' | undefined): string {
  return current === 'bearer'
    ? 'this endpoint may expect "x-api-key" instead of "bearer"'
    : 'this endpoint may expect "bearer" (Authorization: Bearer) instead of "x-api-key"';
}

/** The advice part of a message, per kind. */
function advice(kind: ErrorKind, ctx: ErrorContext, setting: SettingName | undefined): string {
  switch (kind) {
    case 'authentication_error':
      return `Run "Claude Messages: Set API Key" to store a valid key, and check claudeMessages.authHeader: ${otherAuthStyle(ctx.authHeader)}.`;
    case 'billing_error':
      return 'Check the billing and credit balance of the account this key belongs to.';
    case 'permission_error':
      return 'This key may not have access to this model or feature; check claudeMessages.model and the key\'s workspace.';
    case 'not_found_error':
      return 'Check claudeMessages.model (the model id) and claudeMessages.baseUrl (the API root, without /v1).';
    case 'request_too_large':
      return 'Start a new chat or send less context (claudeMessages.contextFileMaxChars).';
    case 'rate_limit_error':
      return 'Wait a moment and try again; the limit resets shortly.';
    case 'overloaded_error':
      return 'The API is overloaded; try again in a moment.';
    case 'timeout_error':
      return 'The request timed out; try again.';
    case 'api_error':
      return 'The API had an internal error; try again.';
    case 'invalid_request_error':
      return setting
        ? `Change the setting claudeMessages.${setting} and try again.`
        : 'Check the request settings (model, max tokens, thinking, tools).';
    default:
      return '';
  }
}

const KIND_LABEL: Record<string, string> = {
  invalid_request_error: 'The API rejected the request',
  authentication_error: 'The API did not accept the API key',
  billing_error: 'The API refused the request for a billing reason',
  permission_error: 'The API key is not allowed to do this',
  not_found_error: 'The API did not find what was asked for',
  request_too_large: 'The request is too large for the API',
  rate_limit_error: 'The API rate limit was hit',
  api_error: 'The API had an internal error',
  timeout_error: 'The API timed out',
  overloaded_error: 'The API is overloaded',
};

/**
 * Builds the error for a non-2xx HTTP response (or a 2xx one whose body is not a stream), from its
 * status, headers and body text.
 */
export function errorFromResponse(
  status: number,
  headers: HeaderSource,
  bodyText: string,
  ctx: ErrorContext,
): ClaudeApiError {
  const parsed = parseErrorBody(bodyText);
  const requestId = headers.get('request-id') ?? parsed?.requestId ?? undefined;
  const retryable = status >= 200 && status < 300 ? false : isRetryableResponse(status, headers);
  const wait = retryAfterMs(headers);
  const where = displayUrl(ctx.url);
  const base = {
    status,
    retryable,
    ...(requestId ? { requestId } : {}),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  };

  if (parsed === undefined || (parsed.type === undefined && parsed.message === undefined)) {
    const html = looksLikeHtml(bodyText, headers.get('content-type'));
    const what = html ? 'an HTML page' : bodyText.trim() === '' ? 'an empty body' : 'text that is not an API response';
    if (status >= 500) {
      // A proxy's error page in front of a real API: transient, not a wrong URL.
      const kind = kindForStatus(status);
      return new ClaudeApiError(
        scrubSecret(`The server at ${where} answered ${status} with ${what}. ${advice(kind, ctx, undefined)}`, ctx.apiKey),
        { kind, ...base },
      );
    }
    if (status === 401 || status === 403) {
      const kind = kindForStatus(status);
      return new ClaudeApiError(
        scrubSecret(`${KIND_LABEL[kind] ?? 'The API refused the request'} (${status}). ${advice(kind, ctx, undefined)}`, ctx.apiKey),
        { kind, ...base, setting: 'authHeader' },
      );
    }
    return new ClaudeApiError(
      scrubSecret(
        `The server at ${where} answered ${status} with ${what}, so claudeMessages.baseUrl probably isn't an ` +
          'Anthropic Messages API endpoint. Use the API root, such as https://api.anthropic.com or ' +
          'https://api.cometapi.com (without /v1).',
        ctx.apiKey,
      ),
      { kind: 'not_messages_endpoint', ...base, retryable: false, setting: 'baseUrl' },
    );
  }

  const apiType = parsed.type;
  const kind: ErrorKind = apiType !== undefined && KNOWN_KINDS.has(apiType) ? (apiType as ErrorKind) : kindForStatus(status);
  const apiMessage = parsed.message !== undefined ? shorten(scrubSecret(parsed.message, ctx.apiKey)) : undefined;
  let setting: SettingName | undefined;
  if (kind === 'invalid_request_error' && apiMessage) setting = settingForMessage(apiMessage);
  else if (kind === 'not_found_error' && apiMessage && /model/i.test(apiMessage)) setting = 'model';
  else if (kind === 'authentication_error') setting = 'authHeader';
  const label = KIND_LABEL[kind] ?? 'The API returned an error';
  const gateway = apiType === 'comet_api_error' ? ' CometAPI reported it.' : '';
  const detail = apiMessage ? `: ${apiMessage}` : '';
  const message = `${label} (${status}${apiType ? ` ${apiType}` : ''})${detail}.${gateway} ${advice(kind, ctx, setting)}`;
  return new ClaudeApiError(scrubSecret(message.trim(), ctx.apiKey), {
    kind,
    ...base,
    ...(apiType ? { apiErrorType: apiType } : {}),
    ...(apiMessage ? { apiMessage } : {}),
    ...(setting ? { setting } : {}),
  });
}

/**
 * Builds the error for an `event: error` that arrived inside a 200 stream, e.g. an overload in the
 * middle of a reply. There is no status; the kind comes from `error.type`.
 */
export function errorFromErrorEvent(data: string, ctx: ErrorContext, requestId?: string): ClaudeApiError {
  const parsed = parseErrorBody(data) ?? { message: data };
  const apiType = parsed.type;
  const kind: ErrorKind = apiType !== undefined && KNOWN_KINDS.has(apiType) ? (apiType as ErrorKind) : 'api_error';
  const apiMessage = parsed.message !== undefined ? shorten(scrubSecret(parsed.message, ctx.apiKey)) : undefined;
  const retryable = kind === 'overloaded_error' || kind === 'api_error' || kind === 'rate_limit_error' || kind === 'timeout_error';
  const setting = kind === 'invalid_request_error' && apiMessage ? settingForMessage(apiMessage) : undefined;
  const label = KIND_LABEL[kind] ?? 'The API returned an error';
  const message = `${label} while streaming the reply${apiType ? ` (${apiType})` : ''}${apiMessage ? `: ${apiMessage}` : ''}. ${advice(kind, ctx, setting)}`;
  const id = requestId ?? parsed.requestId;
  return new ClaudeApiError(scrubSecret(message.trim(), ctx.apiKey), {
    kind,
    retryable,
    ...(id ? { requestId: id } : {}),
    ...(apiType ? { apiErrorType: apiType } : {}),
    ...(apiMessage ? { apiMessage } : {}),
    ...(setting ? { setting } : {}),
  });
}

/** True for the ways fetch and streams report a cancelled signal. */
export function isAbortError(error: unknown): boolean {
  if (error instanceof UserAbortError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'AbortError';
}

/** Finds a system error code (`ECONNREFUSED`, `ENOTFOUND`, …) in an error's cause chain. */
function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = findErrorCode(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

function reasonForCode(code: string | undefined): string {
  if (!code) return 'the connection failed';
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing is listening there)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'the host name could not be resolved (DNS)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'the connection was reset';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the network or host is unreachable';
  if (TLS_CODES.test(code)) return 'the TLS certificate was not accepted';
  return 'the connection failed';
}

/**
 * Turns whatever `fetch` threw into a typed error: a cancel stays a `UserAbortError`; anything else
 * becomes a `ConnectionError` that names the URL that could not be reached. The original error is
 * not kept, since nothing guarantees what it holds.
 */
export function connectionError(error: unknown, ctx: ErrorContext, signal?: AbortSignal): ClaudeApiError {
  if (error instanceof ClaudeApiError) return error;
  if (signal?.aborted || isAbortError(error)) return new UserAbortError();
  const code = findErrorCode(error);
  const url = displayUrl(ctx.url);
  const reason = reasonForCode(code);
  const retryable = !(code && TLS_CODES.test(code));
  const message = scrubSecret(
    `Could not reach ${url}: ${reason}${code ? ` (${code})` : ''}. Check claudeMessages.baseUrl, your network connection and any proxy.`,
    ctx.apiKey,
  );
  return new ConnectionError(message, url, code, retryable);
}
