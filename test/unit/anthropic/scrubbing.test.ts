import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { MessagesClient } from '../../../src/common/anthropic/client';
import { ClaudeApiError, MalformedEventError, StreamInterruptedError, errorFromErrorEvent, errorFromResponse } from '../../../src/common/anthropic/errors';
import type { MessagesRequest } from '../../../src/common/anthropic/types';
import { fakeFetch, jsonResponse, sseFromEvents, sseResponse, textStreamEvents, testClient } from './helpers';

// A gateway key, not shaped like an Anthropic key: only the exact-secret scrubbing can catch it.
const KEY = 'gw-live-0123456789abcdefXYZ';
const ctx = { url: 'https://gw.example.test/v1/messages', apiKey: KEY, authHeader: 'bearer' as const };
const body: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };

function assertNoKey(value: unknown): void {
  const text = `${String(value)} ${inspect(value, { depth: 10, showHidden: true })} ${JSON.stringify(value)}`;
  assert.ok(!text.includes(KEY), `key leaked: ${text}`);
}

function make(fetchImpl: typeof fetch): MessagesClient {
  return testClient({ baseUrl: 'https://gw.example.test', apiKey: KEY, authHeader: 'bearer', maxRetries: 0, fetch: fetchImpl });
}

describe('anthropic/scrubbing request ids and server text', () => {
  it('scrubs the key out of a request-id header', () => {
    const error = errorFromResponse(500, new Headers({ 'request-id': `req_${KEY}` }), '{"error":{"message":"boom"}}', ctx);
    assert.equal(error.requestId, 'req_[redacted]');
    assertNoKey(error);
  });

  it('scrubs the key out of a request_id field and a "(request id: …)" in the message', () => {
    const field = errorFromResponse(400, new Headers(), JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'bad' }, request_id: KEY }), ctx);
    assert.equal(field.requestId, '[redacted]');
    assertNoKey(field);
    const inMessage = errorFromResponse(500, new Headers(), JSON.stringify({ error: { message: `model missing (request id: ${KEY})`, type: 'comet_api_error' } }), ctx);
    assert.equal(inMessage.requestId, '[redacted]');
    assertNoKey(inMessage);
  });

  it('scrubs the key out of an error event\'s request id and message', () => {
    const error = errorFromErrorEvent(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: `key ${KEY} busy` }, request_id: KEY }), ctx);
    assert.equal(error.requestId, '[redacted]');
    assertNoKey(error);
    assertNoKey(errorFromErrorEvent('{"type":"error","error":{"type":"api_error","message":"x"}}', ctx, `req-${KEY}`));
  });

  it('a stream keeps a scrubbed request id, in the stream and in its errors', async () => {
    const bytes = new TextEncoder().encode(sseFromEvents(textStreamEvents('half').slice(0, 4)));
    const { fetch } = fakeFetch([() => sseResponse([bytes], { 'request-id': `req_${KEY}` })]);
    const stream = make(fetch).stream(body);
    await assert.rejects(stream.finalMessage(), (e: unknown) => {
      assert.ok(e instanceof StreamInterruptedError, String(e));
      assert.equal(e.requestId, 'req_[redacted]');
      assertNoKey(e);
      return true;
    });
    assert.equal(stream.requestId, 'req_[redacted]');
  });

  it('an HTTP error through the client carries no key in its request id', async () => {
    const { fetch } = fakeFetch([() => jsonResponse(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid' } }, { 'request-id': KEY })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError && e.kind === 'authentication_error');
      assertNoKey(e);
      return true;
    });
  });

  it('a malformed event named after the key does not show it', async () => {
    const text = `event: ${KEY}\ndata: {"type":"message_start"}\n\n`;
    const { fetch } = fakeFetch([() => sseResponse([new TextEncoder().encode(text)])]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof MalformedEventError, String(e));
      assertNoKey(e);
      return true;
    });
  });
});
