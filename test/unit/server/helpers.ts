/** Shared helpers for the test-server unit tests: a server per test and small fetch wrappers. */
import { startTestServer } from '../../server/server';
import type { TestServer, TestServerOptions } from '../../server/server';

/** Headers a well-behaved client sends. */
export const GOOD_HEADERS = { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };

/** Starts a fresh server before each test of the suite and closes it after. */
export function useServer(options: TestServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeEach(async () => {
    server = await startTestServer({ tokenDelayMs: 0, ...options });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

/** A minimal valid Messages body. */
export function messagesBody(text = 'Hello', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'claude-sonnet-5', max_tokens: 1000, stream: true, messages: [{ role: 'user', content: text }], ...extra };
}

/** POSTs JSON with the good headers (overridable). */
export function post(server: TestServer, path: string, body: unknown, headers: Record<string, string> = GOOD_HEADERS, signal?: AbortSignal): Promise<Response> {
  return fetch(server.url + path, { method: 'POST', headers, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

/** One parsed SSE frame. */
export interface Frame {
  event: string;
  data: string;
}

/** Splits an SSE body into frames (event name + raw data). */
export function parseFrames(text: string): Frame[] {
  return text.split('\n\n').filter((chunk) => chunk.trim() !== '').map((chunk) => {
    const lines = chunk.split('\n');
    const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? '';
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
    return { event, data };
  });
}

/** A streamed event, loosely typed for assertions. */
export type LooseEvent = { type: string } & Record<string, unknown>;

/** Parses every frame's data as JSON (throws on malformed data, as a client would). */
export function parseEvents(text: string): LooseEvent[] {
  return parseFrames(text).map((frame) => JSON.parse(frame.data) as LooseEvent);
}

/** Sends a Messages request and returns the parsed stream. */
export async function streamEvents(server: TestServer, body: Record<string, unknown>): Promise<LooseEvent[]> {
  const response = await post(server, '/v1/messages', body);
  if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
  return parseEvents(await response.text());
}

/** Concatenates the text deltas of a stream. */
export function streamedText(events: LooseEvent[]): string {
  return events
    .filter((event) => event.type === 'content_block_delta')
    .map((event) => (event.delta as { text?: string }).text ?? '')
    .join('');
}

/** The usage of the message_delta event (cumulative figures). */
export function deltaUsage(events: LooseEvent[]): Record<string, unknown> {
  const delta = events.find((event) => event.type === 'message_delta');
  if (!delta) throw new Error('no message_delta');
  return delta.usage as Record<string, unknown>;
}

/** The usage of the message_start event. */
export function startUsage(events: LooseEvent[]): Record<string, unknown> {
  const start = events.find((event) => event.type === 'message_start');
  if (!start) throw new Error('no message_start');
  return (start.message as { usage: Record<string, unknown> }).usage;
}
