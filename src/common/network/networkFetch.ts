/**
 * The `fetch` the client is given: per URL, through the proxy that `decideProxy` picks, or the
 * direct `fetch` (in VS Code, the extension host's global fetch, which already adds the system's
 * certificates) when none applies. Only configured proxies are taken over: the direct path keeps
 * whatever VS Code adds to it (system certificates, a PAC or OS proxy it resolves itself).
 */
import { createProxiedFetch } from './proxiedFetch';
import { decideProxy } from './proxyDecision';
import type { ProxyDecision, ProxyEnv, ProxySettings } from './proxyDecision';

export interface NetworkFetchOptions {
  settings: ProxySettings;
  env: ProxyEnv;
  /** Used when no proxy applies, and for proxy URLs this client cannot speak (socks). */
  direct: typeof fetch;
  /** Told which way each request went (for the log); never given credentials. */
  onRoute?: (url: string, decision: ProxyDecision) => void;
  /** `http.systemCertificates`: trust the system's store too (NODE_EXTRA_CA_CERTS is read from `env`). */
  systemCertificates: boolean;
  /** The system's CA bundle files to try (tests); see `trustStore.ts`. */
  systemBundleFiles?: readonly string[];
}

export function createNetworkFetch(options: NetworkFetchOptions): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const decision = decideProxy(url, options.settings, options.env);
    options.onRoute?.(url, decision);
    if (decision.kind !== 'proxy') return options.direct(input, init);
    const proxied = createProxiedFetch({
      proxy: decision.proxy,
      strictSSL: decision.strictSSL,
      trust: {
        systemCertificates: options.systemCertificates,
        env: options.env,
        ...(options.systemBundleFiles ? { systemBundleFiles: options.systemBundleFiles } : {}),
      },
    });
    return proxied(input, init);
  };
}
