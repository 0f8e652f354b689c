/**
 * A TLS server in front of a plain one: it ends TLS with the given certificate and pipes the bytes
 * to `127.0.0.1:forwardPort`, so the strict test server answers https:// requests unchanged.
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';

export interface TlsFront {
  readonly port: number;
  /** TLS connections completed. */
  readonly accepted: () => number;
  close(): Promise<void>;
}

export async function startTlsFront(options: { certPem: string; keyPem: string; forwardPort: number }): Promise<TlsFront> {
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: options.certPem, key: options.keyPem }, (client) => {
    accepted++;
    const upstream = net.connect(options.forwardPort, '127.0.0.1');
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A failed handshake (the client refused the certificate) is what some tests expect.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
