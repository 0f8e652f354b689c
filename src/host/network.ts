import * as vscode from 'vscode';
import { createNetworkFetch } from '../common/network/networkFetch';
import type { ProxyDecision, ProxySettings } from '../common/network/proxyDecision';
import type { Log } from './log';

/**
 * VS Code's proxy settings (`http.proxy`, `http.noProxy`, `http.proxyStrictSSL`,
 * `http.proxyAuthorization`, `http.systemCertificates`), read per request so a change applies to the next one.
 * `http.proxySupport: "off"` means no proxy at all, as it does for VS Code.
 */
export function readProxySettings(): ProxySettings & { support: string; systemCertificates: boolean } {
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy');
  const authorization = http.get<unknown>('proxyAuthorization');
  return {
    proxy: stringOr(http.get<unknown>('proxy'), ''),
    noProxy: Array.isArray(noProxy) ? noProxy.filter((item): item is string => typeof item === 'string') : [],
    strictSSL: http.get<unknown>('proxyStrictSSL') !== false,
    ...(typeof authorization === 'string' && authorization.trim() ? { authorization } : {}),
    support: stringOr(http.get<unknown>('proxySupport'), 'override'),
    systemCertificates: http.get<unknown>('systemCertificates') !== false,
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * The `fetch` for the client: through the configured proxy when one applies to the URL, else the
 * extension host's own `fetch`. Each route is logged once per distinct proxy and reason.
 */
export function networkFetch(log: Log, logged: Set<string>): typeof fetch {
  const { support, systemCertificates, ...settings } = readProxySettings();
  const direct: typeof fetch = (input, init) => globalThis.fetch(input, init);
  if (support === 'off') return direct;
  return createNetworkFetch({
    settings,
    env: process.env,
    systemCertificates,
    direct,
    onRoute: (url, decision) => {
      const line = routeLine(decision);
      if (line && !logged.has(line)) {
        logged.add(line);
        log.info(`${line} (first request: ${new URL(url).origin})`);
      }
    },
  });
}

function routeLine(decision: ProxyDecision): string | undefined {
  switch (decision.kind) {
    case 'proxy':
      return `Requests go through the proxy ${decision.proxy.display} (from ${decision.source === 'setting' ? 'http.proxy' : 'the environment'}${decision.strictSSL ? '' : ', http.proxyStrictSSL off'})`;
    case 'unsupported':
      return `The proxy ${decision.value} is not an http:// or https:// proxy; requests are left to VS Code's own proxy support`;
    default:
      return decision.reason === 'noProxy' ? 'A request bypasses the proxy (http.noProxy / NO_PROXY)' : undefined;
  }
}
