/**
 * A `fetch` for requests that go through an HTTP proxy: an https:// URL through a CONNECT tunnel
 * (then TLS to the server, checked against `trustStore.ts`'s authorities unless
 * `http.proxyStrictSSL` is off), an http:// URL as an absolute-form request to the proxy. It never
 * follows a redirect (the 3xx is returned as it came), and the body streams as it arrives. A
 * cancelled `signal` ends the request at any point, the body included.
 */
import { ClientRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ProxyServer } from './proxyDecision';
import { connectToProxy, openTunnel } from './proxyTunnel';
import { NetworkFailure, abortError, errorCode } from './networkFailure';
import { trustedContext } from './trustStore';
import type { TrustOptions } from './trustStore';
import { webResponse } from './webResponse';

export interface ProxiedFetchOptions {
  proxy: ProxyServer;
  /** Verify the server's (and an https:// proxy's) certificate: `http.proxyStrictSSL`. */
  strictSSL: boolean;
  /** Which certificate authorities to trust (Node's, NODE_EXTRA_CA_CERTS, the system's). */
  trust: TrustOptions;
}

/** A `fetch`-compatible function that sends every request through `options.proxy`. */
export function createProxiedFetch(options: ProxiedFetchOptions): typeof fetch {
  return (input, init) => proxiedFetch(options, input, init);
}

async function proxiedFetch(options: ProxiedFetchOptions, input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('The proxied fetch takes a URL, not a Request.');
  const url = new URL(input);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortError();
  const socket = await connectionFor(options, url, signal);
  const message = await sendRequest(socket, url, init, options.proxy, signal);
  return webResponse(message, signal, (init.method ?? 'GET').toUpperCase());
}

async function connectionFor(options: ProxiedFetchOptions, url: URL, signal: AbortSignal | undefined): Promise<net.Socket> {
  const secureContext = await trustedContext(options.trust);
  const tunnelOptions = { strictSSL: options.strictSSL, secureContext, ...(signal ? { signal } : {}) };
  if (url.protocol === 'http:') {
    // Plain http goes to the proxy as an absolute-form request: no tunnel (many proxies allow CONNECT to 443 only).
    return connectToProxy(options.proxy, url.host, tunnelOptions);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const tunnel = await openTunnel(options.proxy, host, port, tunnelOptions);
  return startTls(tunnel, { host, port, secureContext }, options, signal);
}

interface TlsTarget {
  host: string;
  port: number;
  secureContext: tls.SecureContext;
}

function startTls(tunnel: net.Socket, target: TlsTarget, options: ProxiedFetchOptions, signal: AbortSignal | undefined): Promise<net.Socket> {
  const { host, port, secureContext } = target;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: tunnel,
      // `host` is what the certificate is checked against; an IP is not a valid SNI name.
      host,
      ...(net.isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: options.strictSSL,
      ALPNProtocols: ['http/1.1'],
      secureContext,
    });
    const onAbort = (): void => {
      socket.destroy();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // as in connectToProxy: the request listens from here
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      tunnel.destroy();
      const target = `${host}:${port}`;
      reject(new NetworkFailure(`TLS with ${target} through the proxy ${options.proxy.display} failed: ${error.message}`, {
        code: errorCode(error) ?? 'ERR_TLS_HANDSHAKE', stage: 'target-tls', proxy: options.proxy.display, target,
      }));
    });
  });
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('The proxied fetch sends string or byte bodies only.');
}

function sendRequest(
  socket: net.Socket,
  url: URL,
  init: RequestInit,
  proxy: ProxyServer,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const body = requestBody(init.body);
    const headers: Record<string, string> = { host: url.host };
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const absolute = url.protocol === 'http:';
    if (absolute && proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    const request = new ClientRequest({
      method: (init.method ?? 'GET').toUpperCase(),
      path: absolute ? url.href : `${url.pathname}${url.search}`,
      headers,
      setHost: false,
      // The connection is ours (the tunnel); no agent, so VS Code's patched agent never sees it.
      createConnection: () => socket,
    });
    const onAbort = (): void => {
      request.destroy(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.once('response', (message) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(message);
    });
    request.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(signal?.aborted ? abortError() : error);
    });
    request.end(body);
  });
}
