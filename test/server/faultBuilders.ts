/**
 * Builders for failures: HTTP errors in the shapes the API and gateways use, and stream faults.
 * The server adds `request_id` to Anthropic-shaped error bodies.
 */
import { randomBytes } from 'node:crypto';
import type { JsonValue } from '../../src/common/anthropic/types';
import type { DropReply, HttpErrorReply, MalformedReply, ReplyMatch, ScriptEvent, SseErrorReply, StallReply } from './types';

/** An Anthropic error body: `{"type":"error","error":{type,message}}`. */
export function apiErrorBody(type: string, message: string): JsonValue {
  return { type: 'error', error: { type, message } };
}

/** Any HTTP error with an Anthropic error body. */
export function httpErrorReply(status: number, type: string, message: string, headers?: Record<string, string>, when?: ReplyMatch): HttpErrorReply {
  return { kind: 'http-error', status, body: apiErrorBody(type, message), ...(headers ? { headers } : {}), ...(when ? { when } : {}) };
}

/** 401 authentication_error (a revoked key, say). */
export function authenticationErrorReply(message = 'invalid x-api-key'): HttpErrorReply {
  return httpErrorReply(401, 'authentication_error', message);
}

/** 429 rate_limit_error with `retry-after` (seconds). */
export function rateLimitReply(retryAfterSeconds = 1): HttpErrorReply {
  return httpErrorReply(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', {
    'retry-after': String(retryAfterSeconds),
  });
}

/** 500 api_error. */
export function serverErrorReply(message = 'Internal server error'): HttpErrorReply {
  return httpErrorReply(500, 'api_error', message);
}

/** 529 overloaded_error. */
export function overloadedReply(message = 'Overloaded'): HttpErrorReply {
  return httpErrorReply(529, 'overloaded_error', message);
}

/** 400 invalid_request_error, e.g. a parameter the model does not take. */
export function invalidRequestReply(message = 'temperature: not supported for this model'): HttpErrorReply {
  return httpErrorReply(400, 'invalid_request_error', message);
}

/** The gateway statuses CometAPI documents as temporary (retry with backoff). */
export type CometRetryableStatus = 503 | 504 | 524;

const COMET_RETRYABLE_MESSAGES: Record<CometRetryableStatus, string> = {
  503: 'The service is temporarily unavailable, please try again later',
  504: 'Gateway timeout: the upstream did not answer in time',
  524: 'A timeout occurred while waiting for the upstream',
};

/** A request id in CometAPI's style: digits and letters, only ever shown inside the message. */
function cometRequestId(): string {
  return `${new Date().toISOString().replace(/\D/g, '').slice(0, 17)}${randomBytes(6).toString('hex')}`;
}

/**
 * CometAPI's gateway error shape: `{"error":{"message":"… (request id: X)","type":"comet_api_error",
 * "param":"","code":…}}`. No top-level `type: "error"` and no `request_id` field: the id lives only
 * inside the message, which is what a client has to cope with.
 */
export function cometErrorReply(status = 400, message = 'invalid model claude-x, please check your request', code = '', requestId = cometRequestId()): HttpErrorReply {
  return {
    kind: 'http-error', status,
    body: { error: { message: `${message} (request id: ${requestId})`, type: 'comet_api_error', param: '', code } },
  };
}

/** CometAPI's 500 with `code: "invalid_request"`: a client error despite the status, not to be retried. */
export function cometInvalidRequestReply(message = 'invalid request: the request body could not be processed', requestId?: string): HttpErrorReply {
  return cometErrorReply(500, message, 'invalid_request', requestId);
}

/** CometAPI's temporary failures (503, 504, 524): retryable, like the API's 5xx. */
export function cometRetryableReply(status: CometRetryableStatus = 503, requestId?: string): HttpErrorReply {
  return cometErrorReply(status, COMET_RETRYABLE_MESSAGES[status], '', requestId);
}

/** An HTML page, as a wrong base URL (a website, a proxy login page) answers. */
export function htmlReply(status = 404): HttpErrorReply {
  return {
    kind: 'http-error', status, headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>',
  };
}

/** Destroys the socket after `afterEvents` events (or before any response with `beforeHeaders`). */
export function dropReply(afterEvents: number, options: { beforeHeaders?: boolean; events?: ScriptEvent[]; headers?: Record<string, string> } = {}): DropReply {
  return { kind: 'drop', afterEvents, ...options };
}

/** Stops after `afterEvents` events and holds the socket open (see `StallReply` for the options). */
export function stallReply(afterEvents: number, options: { events?: ScriptEvent[]; beforeHeaders?: boolean; pingEveryMs?: number } = {}): StallReply {
  return { kind: 'stall', afterEvents, ...options };
}

/** Accepts the request and never sends a status or headers (a stuck server or proxy). */
export function headersNeverSentReply(): StallReply {
  return stallReply(0, { beforeHeaders: true });
}

/** Sends `afterEvents` events of the reply, then only `ping` events, every `everyMs`, forever. */
export function pingsForeverReply(afterEvents: number, everyMs = 200, events?: ScriptEvent[]): StallReply {
  return stallReply(afterEvents, { pingEveryMs: everyMs, ...(events ? { events } : {}) });
}

/** A 3xx pointing elsewhere (`location` verbatim), with an empty body, as a moved endpoint answers. */
export function redirectReply(status: 301 | 302 | 303 | 307 | 308, location: string): HttpErrorReply {
  return { kind: 'http-error', status, headers: { location }, body: '' };
}

/**
 * A proxy's or gateway's own error page: HTML, not an API error (nginx's "429 Too Many Requests",
 * a load balancer's 503, "413 Request Entity Too Large"). `retryAfterSeconds` adds `retry-after`.
 */
export function proxyPageReply(status: number, retryAfterSeconds?: number): HttpErrorReply {
  const title = `${status} ${PROXY_STATUS_TEXT[status] ?? 'Error'}`;
  return {
    kind: 'http-error', status,
    headers: { 'content-type': 'text/html', ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }) },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}

const PROXY_STATUS_TEXT: Record<number, string> = {
  408: 'Request Time-out', 413: 'Request Entity Too Large', 429: 'Too Many Requests', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/**
 * A 200 labelled `text/event-stream` whose body is a JSON error object instead of events, as some
 * gateways answer a streamed request they refuse.
 */
export function jsonErrorAsSseReply(type = 'invalid_request_error', message = 'max_tokens: 64001 > 64000, which is the maximum allowed for this model'): HttpErrorReply {
  return {
    kind: 'http-error', status: 200, headers: { 'content-type': 'text/event-stream' },
    body: JSON.stringify(apiErrorBody(type, message)),
  };
}

/** An error whose body is `bytes` long: plain text, a line repeated (a proxy dumping a log, say). */
export function hugeErrorBodyReply(status = 400, bytes = 8 * 1024 * 1024): HttpErrorReply {
  const line = 'upstream said: the request could not be processed, see the attached trace for details\n';
  return { kind: 'http-error', status, headers: { 'content-type': 'text/plain' }, body: line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes) };
}

/** Sends `data: {not json` after `afterEvents` events. */
export function malformedReply(afterEvents: number, options: { data?: string; events?: ScriptEvent[] } = {}): MalformedReply {
  return { kind: 'malformed', afterEvents, ...options };
}

/** Sends `event: error` (overloaded_error by default) after `afterEvents` events. */
export function sseErrorReply(afterEvents: number, error = { type: 'overloaded_error', message: 'Overloaded' }): SseErrorReply {
  return { kind: 'sse-error', afterEvents, error };
}
