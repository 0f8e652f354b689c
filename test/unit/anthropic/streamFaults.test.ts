import assert from 'node:assert/strict';
import type { MessagesClient } from '../../../src/common/anthropic/client';
import type { ClientConfig } from '../../../src/common/anthropic/client';
import { ClaudeApiError, StreamInterruptedError } from '../../../src/common/anthropic/errors';
import type { MessagesRequest } from '../../../src/common/anthropic/types';
import { fakeFetch, sseFromEvents, streamOf, textStreamEvents, testClient } from './helpers';

const KEY = 'sk-ant-api03-stream-faults-key-XYZ';
const encoder = new TextEncoder();
const body: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };

function make(fetchImpl: typeof fetch, extra: Partial<ClientConfig> = {}): MessagesClient {
  return testClient({ baseUrl: 'https://api.example.test', apiKey: KEY, maxRetries: 0, fetch: fetchImpl, ...extra });
}

// Far more pings than fit in the idle timeout on any machine; a client that counts pings as
// progress then sees the stream end (not stall), and the test fails fast instead of hanging.
const MAX_PINGS = 20_000;

/** A 200 event stream that sends `head`, then a ping every time the event loop turns (up to MAX_PINGS). */
function endlessPings(head: Uint8Array): { body: ReadableStream<Uint8Array>; pings: () => number; cancelled: () => boolean } {
  const ping = encoder.encode('event: ping\ndata: {"type": "ping"}\n\n');
  let pings = 0;
  let cancelled = false;
  let sentHead = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHead) {
        sentHead = true;
        controller.enqueue(head);
        return;
      }
      // setImmediate lets timers run between pings (a loop of resolved promises would starve
      // them); it paces the fake server without any fixed delay.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (pings >= MAX_PINGS) {
        controller.close();
        return;
      }
      pings++;
      controller.enqueue(ping);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body: stream, pings: () => pings, cancelled: () => cancelled };
}

describe('anthropic/stream faults: pings only', () => {
  it('a stream that only pings after it began is closed as stalled, keeping what arrived', async () => {
    const head = encoder.encode(sseFromEvents(textStreamEvents('before the pings').slice(0, 4)));
    const server = endlessPings(head);
    const { fetch } = fakeFetch([() => new Response(server.body, { status: 200, headers: { 'content-type': 'text/event-stream' } })]);
    await assert.rejects(make(fetch, { streamIdleTimeoutMs: 50 }).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof StreamInterruptedError, String(e));
      assert.match(e.message, /stalled/);
      assert.equal(e.partial.content[0]?.['text'], 'before the pings');
      return true;
    });
    assert.ok(server.pings() > 1, `pings kept coming (${server.pings()}) and still did not keep the stream alive`);
    assert.ok(server.cancelled(), 'the body is cancelled, so no socket is left open');
  });

  it('a stream that only ever pings (no message_start) also ends as a typed error', async () => {
    const server = endlessPings(encoder.encode(': open\n\n'));
    const { fetch } = fakeFetch([() => new Response(server.body, { status: 200, headers: { 'content-type': 'text/event-stream' } })]);
    await assert.rejects(make(fetch, { streamIdleTimeoutMs: 50 }).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError, String(e));
      assert.equal(e.kind, 'stream_interrupted');
      assert.match(e.message, /stalled/);
      return true;
    });
    assert.ok(server.cancelled());
  });
});

describe('anthropic/stream faults: a JSON error instead of the stream', () => {
  const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_json' };

  for (const contentType of ['text/event-stream', '']) {
    it(`a 200 whose body is a JSON error (content type "${contentType}") surfaces that error`, async () => {
      const text = `\n  ${JSON.stringify(overloaded)}`;
      const bytes = encoder.encode(text);
      // Split mid-document, so the shape is decided across chunks.
      const chunks = [bytes.slice(0, 4), bytes.slice(4, 20), bytes.slice(20)];
      const { fetch, calls } = fakeFetch([() => new Response(streamOf(chunks), { status: 200, headers: contentType ? { 'content-type': contentType } : {} })]);
      await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
        assert.ok(e instanceof ClaudeApiError, String(e));
        assert.equal(e.kind, 'overloaded_error');
        assert.equal(e.apiErrorType, 'overloaded_error');
        assert.equal(e.requestId, 'req_json');
        assert.match(e.message, /Overloaded/);
        assert.doesNotMatch(e.message, /ended/);
        return true;
      });
      assert.equal(calls.length, 1);
    });
  }

  it('a 200 application/json error body surfaces that error', async () => {
    const { fetch } = fakeFetch([() => new Response(JSON.stringify(overloaded), { status: 200, headers: { 'content-type': 'application/json' } })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError, String(e));
      assert.equal(e.kind, 'overloaded_error');
      assert.match(e.message, /Overloaded/);
      return true;
    });
  });

  it('a gateway-shaped {"error": …} body in place of the stream is an error too', async () => {
    const gateway = { error: { type: 'rate_limit_error', message: 'slow down please' } };
    const { fetch } = fakeFetch([() => new Response(JSON.stringify(gateway), { status: 200, headers: { 'content-type': 'text/event-stream' } })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError, String(e));
      assert.equal(e.kind, 'rate_limit_error');
      assert.match(e.message, /slow down please/);
      return true;
    });
  });
});
