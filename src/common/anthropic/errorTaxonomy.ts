/**
 * The error taxonomy of the client. Every failure the client throws is a `ClaudeApiError` with a
 * `kind` the UI can switch on (stay quiet on `aborted`, ask for a key on `authentication_error`,
 * count down on `rate_limit_error`), a human `message` that says what happened and what to do,
 * and never the API key: server text is scrubbed and no request object is kept.
 */
import type { Message } from './types';

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
  /** A 3xx answer: not followed, so the key never reaches an address the user did not set. */
  | 'redirect'
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
  | 'codeExecution'
  | 'toolChoice'
  | 'model'
  | 'maxTokens'
  | 'baseUrl'
  | 'authHeader'
  | 'headersTimeoutSeconds';

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
  constructor(message: string, url: string, code: string | undefined, retryable: boolean, setting?: SettingName) {
    super(message, { kind: 'connection_error', retryable, ...(setting ? { setting } : {}) });
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

// The kinds that are the API's own `error.type` names, as opposed to the ones this client adds.
const API_ERROR_KINDS: ReadonlySet<string> = new Set([
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

/** True when an API body's `error.type` is one of the API's own error kinds. */
export function isApiErrorKind(type: string): type is ErrorKind {
  return API_ERROR_KINDS.has(type);
}

/** The kind an HTTP status means when the body does not name one. */
export function kindForStatus(status: number): ErrorKind {
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
