/**
 * A small HTTP proxy for tests: CONNECT tunnels (and absolute-form plain-http requests), with every
 * target recorded, optional Basic credentials, refusals on demand, and host names mapped to where
 * the test servers really listen (so a name that no DNS knows, `*.invalid`, proves the request went
 * through the proxy). `GET /__proxy/log` on it returns what it saw, for the extension host.
 */
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxyOptions {
  /** The exact `Proxy-Authorization` required (407 otherwise). */
  authorization?: string;
  /** Where a host name really is (default: itself). */
  mapHost?: (host: string) => string;
  /** A status to refuse a CONNECT target with (e.g. 403), or undefined to allow it. */
  refuse?: (target: string) => number | undefined;
  /** Serve the proxy itself over TLS (an https:// proxy) with this certificate. */
  tls?: { certPem: string; keyPem: string };
}

export interface ProxyLog {
  /** `host:port` of every CONNECT, in order. */
  connects: string[];
  /** Absolute URLs of plain-http requests forwarded. */
  forwarded: string[];
  /** How many requests came without the required credentials. */
  unauthorized: number;
}

export interface ConnectProxy {
  readonly url: string;
  readonly port: number;
  readonly log: ProxyLog;
  close(): Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const log: ProxyLog = { connects: [], forwarded: [], unauthorized: 0 };
  const sockets = new Set<net.Socket>();
  const mapHost = options.mapHost ?? ((host: string) => host);
  const authorized = (req: IncomingMessage): boolean => {
    if (!options.authorization || req.headers['proxy-authorization'] === options.authorization) return true;
    log.unauthorized++;
    return false;
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => forward(req, res, log, mapHost, authorized);
  const server = options.tls ? createTlsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handler) : createServer(handler);
  server.on('connect', (req: IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    log.connects.push(target);
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const refused = options.refuse?.(target);
    if (refused) {
      client.end(`HTTP/1.1 ${refused} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const split = target.lastIndexOf(':');
    const upstream = net.connect(Number(target.slice(split + 1)), mapHost(target.slice(0, split).replace(/^\[|\]$/g, '')));
    sockets.add(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  log: ProxyLog,
  mapHost: (host: string) => string,
  authorized: (req: IncomingMessage) => boolean,
): void {
  if (req.url === '/__proxy/log') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(log));
    return;
  }
  if (!req.url?.startsWith('http://')) {
    res.writeHead(400).end('not a proxy request');
    return;
  }
  if (!authorized(req)) {
    res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test proxy"' }).end();
    return;
  }
  log.forwarded.push(req.url);
  const target = new URL(req.url);
  const headers = { ...req.headers };
  delete headers['proxy-authorization'];
  const upstream = httpRequest({ host: mapHost(target.hostname), port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}
