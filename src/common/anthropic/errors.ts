/**
 * Typed errors from what the server sent: a non-2xx response (or a 2xx one whose body is not a
 * stream), or an `event: error` inside a 200 stream. The taxonomy, the reading of error bodies, the
 * advice and connection failures live in files of their own; this module re-exports them, so
 * `./errors` stays the one import path for everything about errors.
 */
import { adviceFor, kindLabel, settingForMessage } from './errorAdvice';
import { looksLikeHtml, parseErrorBody, readableApiMessage } from './errorBody';
import type { ParsedErrorBody } from './errorBody';
import { ClaudeApiError, isApiErrorKind, kindForStatus } from './errorTaxonomy';
import type { ErrorContext, ErrorKind, SettingName } from './errorTaxonomy';
import { scrubSecret } from './redaction';
import { isClientErrorCode, isRetryableResponse, retryAfterMs } from './retryPolicy';
import type { HeaderSource } from './retryPolicy';
import { displayUrl } from './url';

export { ClaudeApiError, ConnectionError, MalformedEventError, StreamInterruptedError, UserAbortError } from './errorTaxonomy';
export type { ClaudeApiErrorInit, ErrorContext, ErrorKind, SettingName } from './errorTaxonomy';
export { connectionError, isAbortError } from './connectionErrors';
export { settingForMessage } from './errorAdvice';
export { scrubSecret } from './redaction';

/**
 * A request id as it may be kept and shown. It is server text like any other: a gateway that
 * builds its ids from the request (or echoes the key) must not put the key into an error.
 */
export function scrubbedRequestId(id: string | null | undefined, ctx: ErrorContext): string | undefined {
  if (id === null || id === undefined || id.trim() === '') return undefined;
  return scrubSecret(id.trim(), ctx.apiKey);
}

/** What every error built from an HTTP response carries, whatever its body said. */
interface ResponseErrorFields {
  status: number;
  retryable: boolean;
  requestId?: string;
  retryAfterMs?: number;
}

function responseErrorFields(
  status: number,
  headers: HeaderSource,
  body: ParsedErrorBody | undefined,
  ctx: ErrorContext,
): ResponseErrorFields {
  const requestId = scrubbedRequestId(headers.get('request-id') ?? body?.requestId ?? undefined, ctx);
  const retryable = status >= 200 && status < 300 ? false : isRetryableResponse(status, headers, body?.code);
  const wait = retryAfterMs(headers);
  return {
    status,
    retryable,
    ...(requestId ? { requestId } : {}),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  };
}

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
  const fields = responseErrorFields(status, headers, parsed, ctx);
  if (parsed === undefined || (parsed.type === undefined && parsed.message === undefined)) {
    return errorFromNonApiBody(bodyText, headers.get('content-type'), fields, ctx);
  }
  return errorFromApiBody(parsed, fields, ctx);
}

/**
 * Statuses that proxies, load balancers and gateways send on their own account (a timeout, a body
 * they will not forward, their own rate limit, an upstream that failed). With a body that is no API
 * error, such an answer came from something between the user and the API, not from a wrong URL.
 */
function isProxyStatus(status: number): boolean {
  return status === 408 || status === 413 || status === 429 || status >= 500;
}

/** How a body that is no API error reads in a message. */
function describeNonApiBody(bodyText: string, contentType: string | null): string {
  if (looksLikeHtml(bodyText, contentType)) return 'an HTML page';
  return bodyText.trim() === '' ? 'an empty body' : 'text that is not an API response';
}

/**
 * A body that is no API error (HTML, empty, plain text). Who sent it depends on the status: a
 * proxy in front of a real API (408/413/429/5xx), an auth layer (401/403), or a server that is no
 * Messages API.
 */
function errorFromNonApiBody(
  bodyText: string,
  contentType: string | null,
  fields: ResponseErrorFields,
  ctx: ErrorContext,
): ClaudeApiError {
  const { status } = fields;
  const where = displayUrl(ctx.url);
  const what = describeNonApiBody(bodyText, contentType);
  if (isProxyStatus(status)) {
    // Retryable as the status says (fields.retryable): a proxy's timeout or 5xx passes, a 413 will not.
    const kind = kindForStatus(status);
    const page = what === 'an HTML page' ? 'an HTML error page' : what;
    const message =
      `The server at ${where} answered with ${page} (status ${status}), probably from a proxy or gateway between ` +
      `you and the API rather than from the API itself. ${adviceFor(kind, ctx, undefined)}`;
    return new ClaudeApiError(scrubSecret(message, ctx.apiKey), { kind, ...fields });
  }
  if (status === 401 || status === 403) {
    const kind = kindForStatus(status);
    return new ClaudeApiError(
      scrubSecret(`${kindLabel(kind) ?? 'The API refused the request'} (${status}). ${adviceFor(kind, ctx, undefined)}`, ctx.apiKey),
      { kind, ...fields, setting: 'authHeader' },
    );
  }
  return new ClaudeApiError(
    scrubSecret(
      `The server at ${where} answered ${status} with ${what}, so claudeMessages.baseUrl probably isn't an ` +
        'Anthropic Messages API endpoint. Use the API root, such as https://api.anthropic.com or ' +
        'https://api.cometapi.com (without /v1).',
      ctx.apiKey,
    ),
    { kind: 'not_messages_endpoint', ...fields, retryable: false, setting: 'baseUrl' },
  );
}

/** An API error body: the kind from its `error.type` when the API named one, else from the status. */
function errorFromApiBody(parsed: ParsedErrorBody, fields: ResponseErrorFields, ctx: ErrorContext): ClaudeApiError {
  const { status } = fields;
  const apiType = parsed.type;
  const kind: ErrorKind = apiType !== undefined && isApiErrorKind(apiType) ? apiType : kindForGatewayBody(status, parsed.code);
  const apiMessage = parsed.message !== undefined ? readableApiMessage(parsed.message, ctx.apiKey) : undefined;
  const setting = settingForResponse(kind, apiMessage);
  const label = kindLabel(kind) ?? 'The API returned an error';
  const gateway = apiType === 'comet_api_error' ? ' CometAPI reported it.' : '';
  const detail = apiMessage ? `: ${apiMessage}` : '';
  const message = `${label} (${status}${apiType ? ` ${apiType}` : ''})${detail}.${gateway} ${adviceFor(kind, ctx, setting)}`;
  return new ClaudeApiError(scrubSecret(message.trim(), ctx.apiKey), {
    kind,
    ...fields,
    ...(apiType ? { apiErrorType: apiType } : {}),
    ...(apiMessage ? { apiMessage } : {}),
    ...(setting ? { setting } : {}),
  });
}

/**
 * The kind of a body that names no API error type (a gateway's): from the status, except that a
 * code blaming the request (CometAPI's 500 `invalid_request`) makes it an invalid request.
 */
function kindForGatewayBody(status: number, code: string | undefined): ErrorKind {
  return isClientErrorCode(code) ? 'invalid_request_error' : kindForStatus(status);
}

/** The setting an HTTP error points at: a parameter named in a 400, the model or base URL on a 404, the auth header on a 401. */
function settingForResponse(kind: ErrorKind, apiMessage: string | undefined): SettingName | undefined {
  if (kind === 'invalid_request_error' && apiMessage) return settingForMessage(apiMessage);
  // A 404 that is not about the model is about the path: a base URL with /v1 or a wrong root.
  if (kind === 'not_found_error') return apiMessage && /model/i.test(apiMessage) ? 'model' : 'baseUrl';
  if (kind === 'authentication_error') return 'authHeader';
  return undefined;
}

/**
 * Builds the error for an `event: error` that arrived inside a 200 stream, e.g. an overload in the
 * middle of a reply. There is no status; the kind comes from `error.type`.
 */
export function errorFromErrorEvent(data: string, ctx: ErrorContext, requestId?: string): ClaudeApiError {
  const parsed = parseErrorBody(data) ?? { message: data };
  const apiType = parsed.type;
  const kind: ErrorKind = apiType !== undefined && isApiErrorKind(apiType) ? apiType : 'api_error';
  const apiMessage = parsed.message !== undefined ? readableApiMessage(parsed.message, ctx.apiKey) : undefined;
  const retryable = kind === 'overloaded_error' || kind === 'api_error' || kind === 'rate_limit_error' || kind === 'timeout_error';
  const setting = kind === 'invalid_request_error' && apiMessage ? settingForMessage(apiMessage) : undefined;
  const label = kindLabel(kind) ?? 'The API returned an error';
  const message = `${label} while streaming the reply${apiType ? ` (${apiType})` : ''}${apiMessage ? `: ${apiMessage}` : ''}. ${adviceFor(kind, ctx, setting)}`;
  const id = scrubbedRequestId(requestId ?? parsed.requestId, ctx);
  return new ClaudeApiError(scrubSecret(message.trim(), ctx.apiKey), {
    kind,
    retryable,
    ...(id ? { requestId: id } : {}),
    ...(apiType ? { apiErrorType: apiType } : {}),
    ...(apiMessage ? { apiMessage } : {}),
    ...(setting ? { setting } : {}),
  });
}
