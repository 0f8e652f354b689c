/**
 * What the proxied fetch throws when a request fails on the way: the proxy could not be reached,
 * refused the tunnel or asked for credentials, or the server's TLS certificate was not accepted
 * through it. Shaped like a Node system error (`code`), plus where it failed, so
 * `anthropic/connectionErrors.ts` can word it without importing this folder.
 */

/** Where on the way the request failed. */
export type FailureStage =
  /** Connecting to the proxy itself (refused, DNS, reset, its own TLS). */
  | 'proxy-connect'
  /** The proxy answered the CONNECT with something other than 200 (`status` says what). */
  | 'proxy-tunnel'
  /** The TLS handshake with the server through the tunnel (unknown CA, wrong host name, expired). */
  | 'target-tls';

/** Codes of the proxy's own refusals; other failures keep Node's code (ECONNREFUSED, SELF_SIGNED_CERT_IN_CHAIN, …). */
export const PROXY_AUTH_REQUIRED = 'ERR_PROXY_AUTH_REQUIRED';
export const PROXY_TUNNEL_REFUSED = 'ERR_PROXY_TUNNEL_REFUSED';
export const PROXY_BAD_ANSWER = 'ERR_PROXY_BAD_ANSWER';

export class NetworkFailure extends Error {
  override readonly name = 'NetworkFailure';
  readonly code: string;
  readonly stage: FailureStage;
  /** The proxy, credentials removed (`http://proxy.corp:3128`). */
  readonly proxy: string;
  /** `host:port` the tunnel was for. */
  readonly target: string;
  /** The proxy's status for a refused CONNECT. */
  readonly status?: number;

  constructor(message: string, init: { code: string; stage: FailureStage; proxy: string; target: string; status?: number }) {
    super(message);
    this.code = init.code;
    this.stage = init.stage;
    this.proxy = init.proxy;
    this.target = init.target;
    if (init.status !== undefined) this.status = init.status;
  }
}

/** The `code` of a Node error, when it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}

/** What a cancelled request rejects with, as `fetch` does. */
export function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}
