/**
 * One HTTP exchange with the endpoint: redirects refused rather than followed, a time limit on the
 * response headers, and error bodies read with a size cap. Every request of the client (messages,
 * models list, count_tokens) goes through `exchange`, so none of them can skip these guards.
 */
import { ERROR_BODY_CAP_BYTES, readCappedText } from './bodyText';
import { connectionError, errorFromResponse } from './errors';
import type { ErrorContext } from './errors';
import { headersTimeoutError, isRedirect, redirectError } from './transportErrors';

/** What `exchange` sends. `headers` is called per request so the key is never stored with it. */
export interface HttpRequest {
  fetch: typeof fetch;
  url: string;
  method: 'GET' | 'POST';
  headers: () => Record<string, string>;
  body?: string;
  /** The caller's cancel; distinct from the headers timeout, which is reported differently. */
  signal?: AbortSignal;
  /** Longest wait for the response headers; 0 or less waits forever. */
  headersTimeoutMs: number;
}

/**
 * Sends the request and returns a 2xx response whose body is still unread. Throws typed errors:
 * `redirect` for a 3xx, `timeout_error` when the headers are late, `connection_error` or
 * `aborted` when fetch fails, and the API error for any other non-2xx answer.
 */
export async function exchange(request: HttpRequest, ctx: ErrorContext): Promise<Response> {
  const response = await fetchWithHeadersTimeout(request, ctx);
  if (isRedirect(response)) {
    // The redirect's own body is of no use; release the connection.
    await response.body?.cancel().catch(() => undefined);
    throw redirectError(response.status, response.headers.get('location'), ctx);
  }
  if (!response.ok) {
    const text = await readBody(response, ERROR_BODY_CAP_BYTES, ctx, request.signal);
    throw errorFromResponse(response.status, response.headers, text, ctx);
  }
  return response;
}

/** The body's text up to `capBytes`; a failure while reading is a connection error (or the cancel). */
export async function readBody(
  response: Response,
  capBytes: number,
  ctx: ErrorContext,
  signal: AbortSignal | undefined,
): Promise<string> {
  try {
    return (await readCappedText(response.body, capBytes)).text;
  } catch (error) {
    throw connectionError(error, ctx, signal);
  }
}

async function fetchWithHeadersTimeout(request: HttpRequest, ctx: ErrorContext): Promise<Response> {
  const timeout = new AbortController();
  // The same signal stays on the response body, so the caller's cancel still ends the stream.
  const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
  let timedOut = false;
  const timer =
    request.headersTimeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          timeout.abort();
        }, request.headersTimeoutMs)
      : undefined;
  try {
    return await request.fetch(request.url, {
      method: request.method,
      // Built per call and handed straight to fetch, never stored, so no error can hold it.
      headers: request.headers(),
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal,
      // A followed redirect would carry the key to wherever the server points, http:// included.
      redirect: 'manual',
    });
  } catch (error) {
    if (timedOut && !request.signal?.aborted) throw headersTimeoutError(request.headersTimeoutMs, ctx);
    throw connectionError(error, ctx, request.signal);
  } finally {
    clearTimeout(timer);
  }
}
