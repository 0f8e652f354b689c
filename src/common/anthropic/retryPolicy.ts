/**
 * Which failed responses are worth retrying, and how long the server asked us to wait. Kept apart
 * from the retry loop so the error taxonomy can say `retryable` without importing the loop.
 */

/**
 * Statuses that are transient: timeout, conflict, rate limit, server errors, overload, and the
 * gateway ones (502, 503, 504; Cloudflare's 524 timeout in front of CometAPI).
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504, 524, 529]);

/** The few headers the policy reads; a `Headers` object fits. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * `error.code`s with which a gateway reports, under a 5xx status, a request that can never succeed
 * as sent: CometAPI answers a malformed request with 500 and `code: "invalid_request"`, and says
 * not to retry it.
 */
const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(['invalid_request']);

/** Whether the body's `error.code` says the request itself is at fault, whatever the status. */
export function isClientErrorCode(code: string | undefined): boolean {
  return code !== undefined && CLIENT_ERROR_CODES.has(code);
}

/**
 * Whether a response with this status (and body `error.code`, when it has one) should be retried.
 * The server's `x-should-retry: true|false` wins over everything, as the official SDKs do; then a
 * code that blames the request; then the status list.
 */
export function isRetryableResponse(status: number, headers?: HeaderSource, errorCode?: string): boolean {
  const hint = headers?.get('x-should-retry')?.trim().toLowerCase();
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  if (isClientErrorCode(errorCode)) return false;
  // Any other 5xx too (Cloudflare's 520-523, a proxy's odd codes): the server side failed, and the
  // same request may pass. 501 is the exception: the server does not implement the method at all.
  return RETRYABLE_STATUSES.has(status) || (status >= 500 && status !== 501);
}

/**
 * The wait the server asked for, in ms: `retry-after-ms`, else `retry-after` as seconds or as an
 * HTTP date (relative to `now`). Undefined when absent or unreadable; never negative.
 */
export function retryAfterMs(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
