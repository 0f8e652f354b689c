/**
 * A Node HTTP response as a web `Response`: headers as sent, the body a stream that delivers each
 * chunk as it arrives (decompressed when a server compressed it unasked), and a cancelled signal
 * errors the body like `fetch` does.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { abortError } from './networkFailure';

// Statuses whose response may not have a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function webResponse(message: IncomingMessage, signal: AbortSignal | undefined, method: string): Response {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '');
  const status = message.statusCode ?? 0;
  const onAbort = (): void => {
    message.destroy(abortError());
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  message.once('close', () => signal?.removeEventListener('abort', onAbort));
  const init = { status, statusText: message.statusMessage ?? '', headers };
  if (NULL_BODY_STATUSES.has(status) || method === 'HEAD') {
    message.resume();
    return new Response(null, init);
  }
  const body = decoded(message, headers.get('content-encoding'));
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, init);
}

function decoded(message: IncomingMessage, encoding: string | null): Readable {
  const name = (encoding ?? '').trim().toLowerCase();
  const decoder =
    name === 'gzip' || name === 'x-gzip' ? zlib.createGunzip()
    : name === 'deflate' ? zlib.createInflate()
    : name === 'br' ? zlib.createBrotliDecompress()
    : undefined;
  if (!decoder) return message;
  message.on('error', (error) => decoder.destroy(error));
  return message.pipe(decoder);
}
