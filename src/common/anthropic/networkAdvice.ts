/**
 * The words for failures on the way to the server: a proxy that cannot be reached, refuses the
 * tunnel or wants credentials, and TLS certificates that are not accepted, each with what to do.
 * Proxy failures are recognised by shape (`stage`, `proxy`, `target`, `code`, as thrown by
 * `common/network`), so this folder imports nothing from there.
 */

/** A failure on the way through a proxy, as `common/network/networkFailure.ts` throws it. */
export interface ProxyFailureShape {
  code: string;
  stage: 'proxy-connect' | 'proxy-tunnel' | 'target-tls';
  proxy: string;
  target: string;
  status?: number;
}

const STAGES = new Set(['proxy-connect', 'proxy-tunnel', 'target-tls']);

/** The proxy failure in an error's cause chain, if any. */
export function findProxyFailure(error: unknown): ProxyFailureShape | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const shape = current as Partial<Record<keyof ProxyFailureShape, unknown>>;
    if (typeof shape.stage === 'string' && STAGES.has(shape.stage) && typeof shape.proxy === 'string' && typeof shape.code === 'string') {
      return current as ProxyFailureShape;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i;
const UNTRUSTED_CA = /SELF_SIGNED|UNABLE_TO_VERIFY_LEAF|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED|CERT_CHAIN_TOO_LONG/i;
const WRONG_NAME = /ALTNAME|HOSTNAME|IP_ADDRESS_MISMATCH/i;
const OUT_OF_DATE = /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID/i;

/** Why a TLS certificate was refused, in words. */
export function tlsReason(code: string): string {
  if (UNTRUSTED_CA.test(code)) return 'its certificate is signed by a certificate authority this computer does not trust';
  if (WRONG_NAME.test(code)) return 'its certificate is not issued for this host name';
  if (OUT_OF_DATE.test(code)) return 'its certificate has expired or is not valid yet';
  return 'its TLS certificate was not accepted';
}

/** What to do about a refused certificate; `viaProxy` adds the proxy's own switch. */
export function tlsAdvice(code: string, viaProxy: boolean): string {
  const strict = viaProxy ? ' If you trust this network, setting http.proxyStrictSSL to false accepts it (not recommended).' : '';
  if (UNTRUSTED_CA.test(code)) {
    return 'A corporate proxy or gateway that inspects TLS signs with its own authority: add that authority\'s certificate (a PEM file) with the NODE_EXTRA_CA_CERTS environment variable before starting VS Code, or to the system\'s certificate store (VS Code\'s http.systemCertificates).' + strict;
  }
  if (WRONG_NAME.test(code)) return `Check the host name in claudeMessages.baseUrl: it must be one the server's certificate names.${strict}`;
  if (OUT_OF_DATE.test(code)) return 'Check this computer\'s date and time, or ask whoever runs the server to renew its certificate.';
  return `Check claudeMessages.baseUrl and the server's certificate.${strict}`;
}

/** The full message and retryability of a proxy failure; `reason` words a system error code. */
export function proxyFailureText(failure: ProxyFailureShape, url: string, reason: (code: string) => string): { message: string; retryable: boolean } {
  const { proxy, target, code, status } = failure;
  if (failure.stage === 'target-tls' && !TLS_CODES.test(code)) {
    return {
      message: `Could not connect to ${url} through the proxy ${proxy}: ${reason(code)} (${code}) before TLS was set up. Try again; if it persists, the proxy may not allow ${target}.`,
      retryable: true,
    };
  }
  if (failure.stage === 'target-tls') {
    return {
      message: `Could not connect to ${url} through the proxy ${proxy}: ${tlsReason(code)} (${code}). ${tlsAdvice(code, true)}`,
      retryable: false,
    };
  }
  if (failure.stage === 'proxy-tunnel' && status === 407) {
    return {
      message: `The proxy ${proxy} asked for credentials (407 Proxy Authentication Required) before connecting to ${target}. Put them in http.proxy (http://user:password@host:port) or set http.proxyAuthorization, then try again.`,
      retryable: false,
    };
  }
  if (failure.stage === 'proxy-tunnel' && status !== undefined && status > 0) {
    return {
      message: `The proxy ${proxy} refused to connect to ${target} (HTTP ${status}). Ask whoever runs the proxy to allow ${target}, or add the host to http.noProxy if it can be reached without the proxy.`,
      retryable: status === 502 || status === 503 || status === 504,
    };
  }
  if (failure.stage === 'proxy-tunnel' || code === 'ERR_PROXY_BAD_ANSWER') {
    return {
      message: `The proxy ${proxy} did not answer like an HTTP proxy. Check http.proxy (or HTTPS_PROXY): it should be http://host:port of an HTTP proxy.`,
      retryable: false,
    };
  }
  const tls = TLS_CODES.test(code);
  const what = tls ? `${tlsReason(code)} (${code}). ${tlsAdvice(code, true)}` : `${reason(code)} (${code}). Check http.proxy (or the HTTPS_PROXY environment variable) and that the proxy is running, or add the host to http.noProxy if it can be reached directly.`;
  return { message: `Could not reach the proxy ${proxy} (for ${url}): ${what}`, retryable: !tls };
}
