/**
 * Errors of the HTTP exchange itself rather than of the API: a redirect that is not followed (so
 * the key never travels to an address the user did not configure), and response headers that did
 * not arrive in time.
 */
import { ClaudeApiError } from './errorTaxonomy';
import type { ErrorContext } from './errorTaxonomy';
import { scrubSecret } from './redaction';
import { displayUrl } from './url';

/** True for any 3xx, and for the opaque redirect a browser-style fetch returns under `redirect: 'manual'`. */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/**
 * The redirect target as it may be shown: origin and path only (a query can carry tokens, a
 * userinfo part credentials), resolved against the URL that was called. Undefined when absent or
 * unreadable.
 */
export function redirectTarget(location: string | null, requestUrl: string): URL | undefined {
  if (!location || location.trim() === '') return undefined;
  try {
    return new URL(location.trim(), requestUrl);
  } catch {
    return undefined;
  }
}

/**
 * What claudeMessages.baseUrl should be when a redirect shows where the API really is: the target
 * without the `/v1/…` part the client adds itself.
 */
function suggestedBaseUrl(target: URL): string {
  const root = target.pathname.replace(/\/v1(\/.*)?$/, '').replace(/\/+$/, '');
  return `${target.origin}${root}`;
}

/**
 * The error for a 3xx answer. Redirects are never followed: fetch would send the key along to the
 * new address, which may be another host or plain http. Not retryable: the answer will not change.
 */
export function redirectError(status: number, location: string | null, ctx: ErrorContext): ClaudeApiError {
  const target = redirectTarget(location, ctx.url);
  const from = displayUrl(ctx.url);
  const statusText = status > 0 ? ` (${status})` : '';
  let message: string;
  if (target) {
    const shown = `${target.origin}${target.pathname}`;
    const insecure = target.protocol === 'http:' ? ' That address is plain http://, where the key would travel unencrypted.' : '';
    message =
      `The endpoint ${from} redirected${statusText} to ${shown}. Redirects are not followed, so the API key is not ` +
      `sent to another address.${insecure} Set claudeMessages.baseUrl to the final URL (such as ${suggestedBaseUrl(target)}) ` +
      'if you trust it.';
  } else {
    message =
      `The endpoint ${from} redirected${statusText} without saying where. Redirects are not followed, so the API key ` +
      'is not sent to another address. Set claudeMessages.baseUrl to the final URL of the API.';
  }
  return new ClaudeApiError(scrubSecret(message, ctx.apiKey), {
    kind: 'redirect',
    retryable: false,
    setting: 'baseUrl',
    ...(status > 0 ? { status } : {}),
  });
}

/**
 * The error for a request whose response headers did not arrive within `timeoutMs`. Retryable: a
 * server or proxy that is briefly stuck usually answers the next request.
 */
export function headersTimeoutError(timeoutMs: number, ctx: ErrorContext): ClaudeApiError {
  const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  const message =
    `${displayUrl(ctx.url)} did not start answering within ${limit}, so the request was cancelled. The server ` +
    'or a proxy on the way may be overloaded or stuck; try again, or raise claudeMessages.headersTimeoutSeconds if ' +
    'this endpoint is always slow to answer.';
  return new ClaudeApiError(scrubSecret(message, ctx.apiKey), {
    kind: 'timeout_error',
    retryable: true,
    setting: 'headersTimeoutSeconds',
  });
}
