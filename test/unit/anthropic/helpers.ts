/**
 * Shared test helpers: SSE bytes from event lines, deterministic chunk splitting, Responses over
 * chunks, a fetch that records calls, and a fake clock for retry waits.
 */
import type { Sleep } from '../../../src/common/anthropic/retry';
import type { Message, StreamEvent } from '../../../src/common/anthropic/types';
import { UserAbortError } from '../../../src/common/anthropic/errors';
import { MessagesClient, type ClientConfig } from '../../../src/common/anthropic/client';

/** A small deterministic PRNG (mulberry32), so a failing split can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The SSE body the API would send for these JSON event lines: `event: type\ndata: line\n\n`. */
export function sseFromLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    const type = (JSON.parse(line) as { type: string }).type;
    out += `event: ${type}\ndata: ${line}\n\n`;
  }
  return out;
}

/** SSE for event objects. */
export function sseFromEvents(events: readonly object[]): string {
  return sseFromLines(events.map((e) => JSON.stringify(e)));
}

/** Splits bytes into chunks of random size in [1, maxSize]. */
export function randomChunks(bytes: Uint8Array, random: () => number, maxSize = 64): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(bytes.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/** A ReadableStream that emits the given chunks, then closes (or errors with `failWith`). */
export function streamOf(chunks: readonly Uint8Array[], failWith?: Error): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk !== undefined) controller.enqueue(chunk);
      else if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

/** A 200 SSE response over the chunks. */
export function sseResponse(chunks: readonly Uint8Array[], headers: Record<string, string> = {}, failWith?: Error): Response {
  return new Response(streamOf(chunks, failWith), {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'request-id': 'req_test', ...headers },
  });
}

/** One recorded fetch call. */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The `redirect` mode the client asked fetch for. */
  redirect: string | undefined;
}

/** A fetch that answers from a list of handlers (one per call, the last one repeats) and records calls. */
export function fakeFetch(
  handlers: Array<(call: RecordedCall, signal: AbortSignal | undefined) => Response | Promise<Response>>,
): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
      redirect: init?.redirect,
    };
    calls.push(call);
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)];
    if (!handler) throw new Error('no handler');
    return handler(call, init?.signal ?? undefined);
  };
  return { fetch: impl as typeof fetch, calls };
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'request-id': 'req_err', ...headers },
  });
}

/** A fetch answer that never comes: it settles only when the request is aborted, as fetch does. */
export function neverAnswers(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise<Response>((_resolve, reject) => {
    const fail = (): void => reject(new DOMException('This operation was aborted', 'AbortError'));
    if (signal?.aborted) fail();
    else signal?.addEventListener('abort', fail, { once: true });
  });
}

/**
 * A body of `chunkCount` chunks of `chunkSize` bytes that counts what was pulled and whether it was
 * cancelled. A zero high-water mark makes it produce a chunk only when one is read, so `pulled` is
 * exactly what the reader took.
 */
export function countingBody(chunkSize: number, chunkCount: number, byte = 0x61): {
  body: ReadableStream<Uint8Array>;
  pulled: () => number;
  cancelled: () => boolean;
} {
  let pulled = 0;
  let sent = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent++ >= chunkCount) {
          controller.close();
          return;
        }
        pulled += chunkSize;
        controller.enqueue(new Uint8Array(chunkSize).fill(byte));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}

/** A fake clock: `sleep` records waits and resolves at once (or rejects on abort, leaving nothing behind). */
export function fakeClock(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  const sleep: Sleep = (ms, signal) => {
    waits.push(ms);
    if (signal?.aborted) return Promise.reject(new UserAbortError());
    return Promise.resolve();
  };
  return { sleep, waits };
}

/** A `message_start` event for an empty reply; `extra` overrides fields of its message. */
export function messageStartEvent(extra: Partial<Message> = {}): StreamEvent {
  return {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 },
      ...extra,
    },
  };
}

/** A minimal complete stream with one text block. */
export function textStreamEvents(text: string, stopReason = 'end_turn'): object[] {
  return [
    messageStartEvent(),
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 5 } },
    { type: 'message_stop' },
  ];
}

/**
 * A client for the tests: an example base URL, x-api-key, two retries, a fake clock that never
 * waits and no jitter; `config` changes any of it (the key, the fetch, the retries…).
 */
export function testClient(config: Partial<ClientConfig> & Pick<ClientConfig, 'apiKey' | 'fetch'>): MessagesClient {
  return new MessagesClient({
    baseUrl: 'https://api.example.test/',
    authHeader: 'x-api-key',
    anthropicVersion: '2023-06-01',
    betas: [],
    maxRetries: 2,
    sleep: fakeClock().sleep,
    random: () => 0,
    ...config,
  });
}
