/**
 * Failures before any response: what `fetch` throws when the server cannot be reached, told apart
 * from the user cancelling, and worded so the user knows which URL failed and why.
 */
import { ClaudeApiError, ConnectionError, UserAbortError } from './errorTaxonomy';
import type { ErrorContext } from './errorTaxonomy';
import { findProxyFailure, proxyFailureText, TLS_CODES, tlsAdvice, tlsReason } from './networkAdvice';
import { scrubSecret } from './redaction';
import { displayUrl } from './url';

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

function reasonForCode(code: string | undefined): string {
  if (!code) return 'the connection failed';
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing is listening there)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'the host name could not be resolved (DNS)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'the connection was reset';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the network or host is unreachable';
  if (TLS_CODES.test(code)) return tlsReason(code);
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
  const url = displayUrl(ctx.url);
  const viaProxy = findProxyFailure(error);
  if (viaProxy) {
    const text = proxyFailureText(viaProxy, url, reasonForCode);
    return new ConnectionError(scrubSecret(text.message, ctx.apiKey), url, viaProxy.code, text.retryable);
  }
  const code = findErrorCode(error);
  const reason = reasonForCode(code);
  const tls = code !== undefined && TLS_CODES.test(code);
  const advice = tls ? tlsAdvice(code, false) : 'Check claudeMessages.baseUrl, your network connection and any proxy (http.proxy).';
  const message = scrubSecret(`Could not reach ${url}: ${reason}${code ? ` (${code})` : ''}. ${advice}`, ctx.apiKey);
  // Without a proxy or a certificate in the way, the address itself is the usual suspect.
  return new ConnectionError(message, url, code, !tls, tls ? undefined : 'baseUrl');
}
