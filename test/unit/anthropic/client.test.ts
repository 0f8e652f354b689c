import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { MessagesClient } from '../../../src/common/anthropic/client';
import type { ClientConfig } from '../../../src/common/anthropic/client';
import { ClaudeApiError, StreamInterruptedError, UserAbortError } from '../../../src/common/anthropic/errors';
import type { RetryInfo } from '../../../src/common/anthropic/retry';
import type { MessagesRequest, StreamEvent } from '../../../src/common/anthropic/types';
import { fakeClock, fakeFetch, jsonResponse, sseFromEvents, sseResponse, textStreamEvents, testClient } from './helpers';

const KEY = 'sk-ant-api03-client-test-key-XYZ';
const encoder = new TextEncoder();
const body: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };

function make(fetchImpl: typeof fetch, extra: Partial<ClientConfig> = {}): MessagesClient {
  return testClient({ apiKey: KEY, fetch: fetchImpl, ...extra });
}

function sse(events: object[]): Uint8Array[] {
  return [encoder.encode(sseFromEvents(events))];
}

function assertNoKey(value: unknown): void {
  const text = `${String(value)} ${inspect(value, { depth: 10, showHidden: true })}`;
  assert.ok(!text.includes(KEY), `key leaked: ${text}`);
}

describe('anthropic/client stream', () => {
  it('posts to /v1/messages with the headers and stream: true, yielding every event with the snapshot', async () => {
    const { fetch, calls } = fakeFetch([() => sseResponse(sse(textStreamEvents('Hello!')))]);
    const stream = make(fetch, { betas: ['b1', 'b2'] }).stream({ ...body });
    const types: string[] = [];
    let lastText = '';
    for await (const { event, snapshot } of stream) {
      types.push(event.type);
      const block = snapshot.content[0];
      if (block?.type === 'text') lastText = String(block['text']);
    }
    assert.deepStrictEqual(types, ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(lastText, 'Hello!');
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.output_tokens, 5);
    assert.equal(stream.requestId, 'req_test');
    assert.equal(calls.length, 1);
    const call = calls[0];
    assert.ok(call);
    assert.equal(call.url, 'https://api.example.test/v1/messages');
    assert.equal(call.method, 'POST');
    assert.equal(call.headers['x-api-key'], KEY);
    assert.equal(call.headers['authorization'], undefined);
    assert.equal(call.headers['anthropic-version'], '2023-06-01');
    assert.equal(call.headers['anthropic-beta'], 'b1,b2');
    assert.equal(call.headers['content-type'], 'application/json');
    const sent = JSON.parse(call.body ?? '{}') as Record<string, unknown>;
    assert.equal(sent['stream'], true);
    assert.ok(!(call.body ?? '').includes(KEY));
    assert.ok(!call.url.includes(KEY));
  });

  it('sends the key as Authorization: Bearer only when configured', async () => {
    const { fetch, calls } = fakeFetch([() => sseResponse(sse(textStreamEvents('x')))]);
    await make(fetch, { authHeader: 'bearer' }).stream(body).finalMessage();
    assert.equal(calls[0]?.headers['authorization'], `Bearer ${KEY}`);
    assert.equal(calls[0]?.headers['x-api-key'], undefined);
  });

  it('passes unknown events through to the iterator', async () => {
    const events = textStreamEvents('x');
    events.splice(2, 0, { type: 'message_progress', pct: 10 });
    const { fetch } = fakeFetch([() => sseResponse(sse(events))]);
    const seen: StreamEvent[] = [];
    for await (const { event } of make(fetch).stream(body)) seen.push(event);
    assert.deepStrictEqual(seen[2], { type: 'unrecognized', name: 'message_progress', payload: { type: 'message_progress', pct: 10 } });
  });

  it('retries before the stream starts (529, then connection refused) and reports each retry', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { fetch, calls } = fakeFetch([
      () => jsonResponse(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { 'retry-after-ms': '250' }),
      () => Promise.reject(refused),
      () => sseResponse(sse(textStreamEvents('ok'))),
    ]);
    const clock = fakeClock();
    const retries: RetryInfo[] = [];
    const final = await make(fetch, { sleep: clock.sleep }).stream(body, { onRetry: (i) => retries.push(i) }).finalMessage();
    assert.equal(final.content[0]?.['text'], 'ok');
    assert.equal(calls.length, 3);
    assert.deepStrictEqual(retries.map((r) => [r.attempt, r.delayMs, r.error.kind]), [[1, 250, 'overloaded_error'], [2, 1000, 'connection_error']]);
  });

  it('never retries once the 200 stream began; an interruption carries the partial message', async () => {
    const events = textStreamEvents('partial text');
    const bytes = encoder.encode(sseFromEvents(events.slice(0, 4)));
    const { fetch, calls } = fakeFetch([() => sseResponse([bytes], {}, new TypeError('terminated'))]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof StreamInterruptedError);
      assert.equal(e.kind, 'stream_interrupted');
      assert.equal(e.partial.content[0]?.['text'], 'partial text');
      assertNoKey(e);
      return true;
    });
    assert.equal(calls.length, 1);
  });

  it('closes a stream that stalls (no bytes for the idle timeout) and keeps what arrived', async () => {
    const bytes = encoder.encode(sseFromEvents(textStreamEvents('before the stall').slice(0, 4)));
    let cancelled = false;
    const stalling = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
      },
      cancel() {
        cancelled = true;
      },
    });
    const { fetch } = fakeFetch([() => new Response(stalling, { status: 200, headers: { 'content-type': 'text/event-stream' } })]);
    const started = Date.now();
    await assert.rejects(make(fetch, { streamIdleTimeoutMs: 50 }).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof StreamInterruptedError, String(e));
      assert.match(e.message, /stalled/);
      assert.equal(e.partial.content[0]?.['text'], 'before the stall');
      return true;
    });
    assert.ok(Date.now() - started < 5_000);
    assert.ok(cancelled, 'the body is cancelled, so no socket is left open');
  });

  it('a stream that ends without message_stop is interrupted', async () => {
    const { fetch } = fakeFetch([() => sseResponse(sse(textStreamEvents('abc').slice(0, 5)))]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), StreamInterruptedError);
  });

  it('an error event after 200 throws a typed error with the partial message', async () => {
    const events: object[] = textStreamEvents('so far').slice(0, 4);
    const text = sseFromEvents(events) + 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const { fetch } = fakeFetch([() => sseResponse([encoder.encode(text)])]);
    const stream = make(fetch).stream(body);
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const { event } of stream) seen.push(event.type);
      })(),
      (e: unknown) => e instanceof ClaudeApiError && e.kind === 'overloaded_error' && e.partial?.content[0]?.['text'] === 'so far',
    );
    assert.equal(seen.length, 4);
    await assert.rejects(stream.finalMessage(), ClaudeApiError);
  });

  it('malformed JSON mid-stream keeps what arrived', async () => {
    const text = sseFromEvents(textStreamEvents('kept').slice(0, 4)) + 'event: content_block_delta\ndata: {"type":"content_bl\n\n';
    const { fetch } = fakeFetch([() => sseResponse([encoder.encode(text)])]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => e instanceof ClaudeApiError && e.kind === 'malformed_event' && e.partial?.content[0]?.['text'] === 'kept');
  });

  it('abort() cancels: UserAbortError with the partial, kept apart from failures', async () => {
    const first = encoder.encode(sseFromEvents(textStreamEvents('hello').slice(0, 4)));
    const { fetch } = fakeFetch([
      (_call, signal) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(first);
              signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    ]);
    const stream = make(fetch).stream(body);
    const err = await (async () => {
      try {
        for await (const { event } of stream) if (event.type === 'content_block_delta') stream.abort();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof UserAbortError);
    assert.equal(err.kind, 'aborted');
    assert.equal(err.partial?.content[0]?.['text'], 'hello');
  });

  it('the caller signal aborts before the request is sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetch, calls } = fakeFetch([() => sseResponse(sse(textStreamEvents('x')))]);
    await assert.rejects(make(fetch).stream(body, { signal: controller.signal }).finalMessage(), UserAbortError);
    assert.equal(calls.length, 0);
  });

  it('breaking out of the loop cancels the stream', async () => {
    let cancelled = false;
    const { fetch } = fakeFetch([
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(encoder.encode(sseFromEvents(textStreamEvents('x').slice(0, 3))));
            },
            cancel() {
              cancelled = true;
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    ]);
    const stream = make(fetch).stream(body);
    for await (const _item of stream) break;
    assert.equal(cancelled, true);
    await assert.rejects(stream.finalMessage(), UserAbortError);
  });

  it('401 with the key echoed back: typed, helpful, and scrubbed', async () => {
    const { fetch, calls } = fakeFetch([() => jsonResponse(401, { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` } })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError);
      assert.equal(e.kind, 'authentication_error');
      assert.equal(e.status, 401);
      assert.equal(e.requestId, 'req_err');
      assert.match(e.message, /Set API Key/);
      assertNoKey(e);
      return true;
    });
    assert.equal(calls.length, 1, 'a 401 is not retried');
  });

  it('a connection error names the unreachable URL and never the key', async () => {
    const { fetch } = fakeFetch([() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }))]);
    await assert.rejects(make(fetch, { maxRetries: 0 }).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError && e.kind === 'connection_error');
      assert.match(e.message, /https:\/\/api\.example\.test\/v1\/messages/);
      assertNoKey(e);
      return true;
    });
  });

  it('a 200 HTML page means the base URL is wrong', async () => {
    const { fetch } = fakeFetch([() => new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => e instanceof ClaudeApiError && e.kind === 'not_messages_endpoint');
  });

  it('a gateway answering with a whole JSON message still works', async () => {
    const message = {
      id: 'msg_j', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'whole' }],
      stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 2 },
    };
    const { fetch } = fakeFetch([() => jsonResponse(200, message)]);
    const final = await make(fetch).stream(body).finalMessage();
    assert.equal(final.content[0]?.['text'], 'whole');
    assert.equal(final.stop_reason, 'end_turn');
  });

  it('warns once about plain http to a remote host', async () => {
    const warnings: string[] = [];
    const onWarning = (m: string): void => {
      warnings.push(m);
    };
    const { fetch } = fakeFetch([() => sseResponse(sse(textStreamEvents('x')))]);
    const client = make(fetch, { baseUrl: 'http://gw.insecure.example', onWarning });
    await client.stream(body).finalMessage();
    await client.stream(body).finalMessage();
    assert.equal(warnings.length, 1);
    assert.ok(!warnings[0]?.includes(KEY));
  });
});

describe('anthropic/client listModels and countTokens', () => {
  it('pages Anthropic style with after_id', async () => {
    const { fetch, calls } = fakeFetch([
      () => jsonResponse(200, { data: [{ type: 'model', id: 'claude-a', display_name: 'A', created_at: '2026-01-01T00:00:00Z' }], has_more: true, first_id: 'claude-a', last_id: 'claude-a' }),
      () => jsonResponse(200, { data: [{ type: 'model', id: 'claude-b', display_name: 'B', created_at: '2026-01-01T00:00:00Z', capabilities: { thinking: { supported: true } } }], has_more: false, last_id: 'claude-b' }),
    ]);
    const models = await make(fetch).listModels();
    assert.deepStrictEqual(models.map((m) => [m.id, m.display_name]), [['claude-a', 'A'], ['claude-b', 'B']]);
    assert.equal(calls[0]?.url, 'https://api.example.test/v1/models?limit=1000');
    assert.equal(calls[1]?.url, 'https://api.example.test/v1/models?limit=1000&after_id=claude-a');
    assert.equal(calls[0]?.method, 'GET');
    assert.equal(calls[0]?.headers['x-api-key'], KEY);
    assert.deepStrictEqual(models[1]?.capabilities, { thinking: { supported: true } });
  });

  it('accepts OpenAI-like, bare-array and string-array shapes', async () => {
    for (const shape of [
      { object: 'list', data: [{ id: 'claude-sonnet-5', object: 'model', owned_by: 'anthropic' }] },
      [{ id: 'claude-sonnet-5' }],
      ['claude-sonnet-5'],
      { models: [{ name: 'claude-sonnet-5' }] },
    ]) {
      const { fetch } = fakeFetch([() => jsonResponse(200, shape)]);
      const models = await make(fetch).listModels();
      assert.deepStrictEqual(models.map((m) => [m.id, m.display_name]), [['claude-sonnet-5', 'claude-sonnet-5']], JSON.stringify(shape));
    }
  });

  it('stops paging when the cursor does not move', async () => {
    const { fetch, calls } = fakeFetch([() => jsonResponse(200, { data: [{ id: 'x' }], has_more: true, last_id: 'x' })]);
    await make(fetch).listModels();
    assert.equal(calls.length, 2);
  });

  it('throws a typed error when the endpoint has no models list', async () => {
    const { fetch } = fakeFetch([() => new Response('Not Found', { status: 404 })]);
    await assert.rejects(make(fetch).listModels(), (e: unknown) => e instanceof ClaudeApiError && e.kind === 'not_messages_endpoint');
  });

  it('countTokens posts the prompt fields only', async () => {
    const { fetch, calls } = fakeFetch([() => jsonResponse(200, { input_tokens: 42 })]);
    const result = await make(fetch).countTokens({ ...body, temperature: 0.5, system: 'sys', thinking: { type: 'adaptive' } });
    assert.deepStrictEqual(result, { input_tokens: 42 });
    assert.equal(calls[0]?.url, 'https://api.example.test/v1/messages/count_tokens');
    assert.deepStrictEqual(JSON.parse(calls[0]?.body ?? '{}'), { model: 'claude-sonnet-5', messages: body.messages, system: 'sys', thinking: { type: 'adaptive' } });
  });
});
