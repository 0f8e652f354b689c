/**
 * A connection to a server through an HTTP proxy: TCP (or TLS, for an https:// proxy) to the proxy,
 * then `CONNECT host:port`, and the socket is the tunnel. Built on `net`/`tls` directly, not on
 * `http.request`, which VS Code's extension host patches to route through its own proxy agent.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ProxyServer } from './proxyDecision';
import { NetworkFailure, PROXY_AUTH_REQUIRED, PROXY_BAD_ANSWER, PROXY_TUNNEL_REFUSED, abortError, errorCode } from './networkFailure';

// A proxy's answer to CONNECT is a status line and a few headers; more than this is not one.
const MAX_CONNECT_ANSWER_BYTES = 16 * 1024;

export interface TunnelOptions {
  /** Verify the certificate of an https:// proxy. */
  strictSSL: boolean;
  /** What an https:// proxy's certificate is checked against (see trustStore.ts). */
  secureContext?: tls.SecureContext;
  signal?: AbortSignal;
}

/** Opens a tunnel to `host:port` through `proxy`, or throws a `NetworkFailure` saying where it failed. */
export async function openTunnel(proxy: ProxyServer, host: string, port: number, options: TunnelOptions): Promise<net.Socket> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const socket = await connectToProxy(proxy, target, options);
  try {
    const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
    if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    const answer = await readConnectAnswer(socket, options.signal);
    if (answer.status === 200) return socket;
    socket.destroy();
    throw refusal(proxy, target, answer.status, answer.statusText);
  } catch (error) {
    socket.destroy();
    if (error instanceof NetworkFailure || (error as Error).name === 'AbortError') throw error;
    throw new NetworkFailure(`The proxy ${proxy.display} closed the connection: ${(error as Error).message}`, {
      code: errorCode(error) ?? PROXY_BAD_ANSWER, stage: 'proxy-connect', proxy: proxy.display, target,
    });
  }
}

function refusal(proxy: ProxyServer, target: string, status: number, statusText: string): NetworkFailure {
  const code = status === 407 ? PROXY_AUTH_REQUIRED : status > 0 ? PROXY_TUNNEL_REFUSED : PROXY_BAD_ANSWER;
  return new NetworkFailure(`The proxy ${proxy.display} answered CONNECT ${target} with ${status} ${statusText}`.trim(), {
    code, stage: 'proxy-tunnel', proxy: proxy.display, target, status,
  });
}

/** A connection to the proxy itself (`target` only names what it is for, in errors). */
export function connectToProxy(proxy: ProxyServer, target: string, options: TunnelOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const socket =
      proxy.protocol === 'https:'
        ? tls.connect({
            host: proxy.host,
            port: proxy.port,
            rejectUnauthorized: options.strictSSL,
            ...(net.isIP(proxy.host) ? {} : { servername: proxy.host }),
            ...(options.secureContext ? { secureContext: options.secureContext } : {}),
          })
        : net.connect({ host: proxy.host, port: proxy.port });
    const ready = proxy.protocol === 'https:' ? 'secureConnect' : 'connect';
    const onAbort = (): void => {
      socket.destroy();
      reject(abortError());
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once(ready, () => {
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      // Each later step listens for its own errors; this one keeps a stray late error (after the
      // request is done with the socket) from crashing the extension host.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new NetworkFailure(`Could not connect to the proxy ${proxy.display}: ${error.message}`, {
        code: errorCode(error) ?? 'ECONNRESET', stage: 'proxy-connect', proxy: proxy.display, target,
      }));
    });
  });
}

interface ConnectAnswer {
  status: number;
  statusText: string;
}

/** Reads the proxy's answer up to the blank line; bytes after it (the server's) go back on the socket. */
function readConnectAnswer(socket: net.Socket, signal: AbortSignal | undefined): Promise<ConnectAnswer> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const finish = (error?: Error, answer?: ConnectAnswer): void => {
      socket.off('data', onData);
      socket.off('error', finish);
      socket.off('end', onEnd);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const onAbort = (): void => finish(abortError());
    const onEnd = (): void => finish(new Error('it ended the connection before answering CONNECT'));
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_CONNECT_ANSWER_BYTES) finish(new Error('its answer to CONNECT is not HTTP'));
        return;
      }
      socket.pause();
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      const match = /^HTTP\/1\.[01] (\d{3}) ?([^\r\n]*)/.exec(buffered.subarray(0, end).toString('latin1'));
      finish(undefined, { status: match ? Number(match[1]) : 0, statusText: match?.[2] ?? 'an answer that is not HTTP' });
    };
    if (signal?.aborted) return reject(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.once('error', finish);
    socket.once('end', onEnd);
  });
}
