/**
 * CometAPI's gateway errors: `{"error":{"message":"… (request id: …)","type":"comet_api_error",
 * "param":"","code":"invalid_request"|""}}`, with no top-level type and the request id only inside
 * the message. Its error guide: a 500 with `code: invalid_request` is a malformed request (do not
 * retry); 500, 503, 504 and 524 are platform or timeout failures (retry with backoff).
 */
import assert from 'node:assert/strict';
import { MessagesClient } from '../../../src/common/anthropic/client';
import type { ClientConfig } from '../../../src/common/anthropic/client';
import { ClaudeApiError, errorFromResponse } from '../../../src/common/anthropic/errors';
import type { RetryInfo } from '../../../src/common/anthropic/retry';
import { isRetryableResponse } from '../../../src/common/anthropic/retryPolicy';
import type { MessagesRequest } from '../../../src/common/anthropic/types';
import { fakeClock, fakeFetch, sseFromEvents, sseResponse, textStreamEvents } from './helpers';

const ctx = { url: 'https://api.cometapi.com/v1/messages', apiKey: 'sk-comet-test-000000000000', authHeader: 'bearer' as const };
const ID = '20251124093015482917370aB3xYz9Q';

function cometBody(message: string, code: string): Record<string, unknown> {
  return { error: { message, type: 'comet_api_error', param: '', code } };
}

// Cloudflare's own page when CometAPI does not answer in time: HTML, not the gateway's JSON.
const CLOUDFLARE_524 =
  '<!DOCTYPE html>\n<html lang="en-US"><head><title>api.cometapi.com | 524: A timeout occurred</title></head>' +
  '<body><h1>A timeout occurred <span>Error code 524</span></h1><p>Cloudflare Ray ID: 8e7c1f2a3b4d5e6f</p></body></html>';

const body: MessagesRequest = { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };

function client(fetchImpl: typeof fetch, extra: Partial<ClientConfig> = {}): MessagesClient {
  return new MessagesClient({
    baseUrl: 'https://api.cometapi.com',
    apiKey: ctx.apiKey,
    authHeader: 'bearer',
    anthropicVersion: '2023-06-01',
    betas: [],
    maxRetries: 2,
    fetch: fetchImpl,
    random: () => 0,
    ...extra,
  });
}

function okStream(): Response {
  return sseResponse([new TextEncoder().encode(sseFromEvents(textStreamEvents('ok')))]);
}

describe('anthropic/errors CometAPI bodies', () => {
  it('moves the request id out of the message into requestId, and shows the message without it', () => {
    const error = errorFromResponse(400, new Headers(), JSON.stringify(cometBody(`model name is required (request id: ${ID})`, '')), ctx);
    assert.equal(error.requestId, ID);
    assert.equal(error.apiMessage, 'model name is required');
    assert.equal(error.apiErrorType, 'comet_api_error');
    assert.equal(error.kind, 'invalid_request_error');
    assert.equal(error.retryable, false);
    assert.match(error.message, /model name is required/);
    assert.match(error.message, /CometAPI reported it/);
    assert.doesNotMatch(error.message, /request id/i);
  });

  it('keeps the text around the id and an id-only message', () => {
    const middle = errorFromResponse(503, new Headers(), JSON.stringify(cometBody(`no channel available (request id: ${ID}), try later`, '')), ctx);
    assert.equal(middle.apiMessage, 'no channel available, try later');
    assert.equal(middle.requestId, ID);
    const only = errorFromResponse(500, new Headers(), JSON.stringify(cometBody(`(request id: ${ID})`, '')), ctx);
    assert.equal(only.apiMessage, `(request id: ${ID})`);
    assert.equal(only.requestId, ID);
  });

  it('prefers a request-id header or a request_id field over the id in the message', () => {
    const text = JSON.stringify({ ...cometBody(`bad response status code 503 (request id: ${ID})`, ''), request_id: 'req_body' });
    assert.equal(errorFromResponse(503, new Headers(), text, ctx).requestId, 'req_body');
    assert.equal(errorFromResponse(503, new Headers({ 'request-id': 'req_hdr' }), text, ctx).requestId, 'req_hdr');
  });

  it('a 500 with code invalid_request is a malformed request: not retried, kind invalid_request_error', () => {
    const message = `Invalid request body: json: cannot unmarshal string into Go struct field ClaudeRequest.max_tokens of type uint (request id: ${ID})`;
    const error = errorFromResponse(500, new Headers(), JSON.stringify(cometBody(message, 'invalid_request')), ctx);
    assert.equal(error.status, 500);
    assert.equal(error.kind, 'invalid_request_error');
    assert.equal(error.retryable, false);
    assert.equal(error.requestId, ID);
    assert.equal(error.setting, 'maxTokens');
    assert.match(error.message, /^The API rejected the request \(500 comet_api_error\): Invalid request body/);
  });

  it('500 without a code, 503, 504 and 524 (Cloudflare HTML) are retryable server or timeout failures', () => {
    const cases: Array<[number, string, string]> = [
      [500, JSON.stringify(cometBody(`upstream error: do request failed (request id: ${ID})`, '')), 'api_error'],
      [503, JSON.stringify(cometBody(`当前分组 default 下对于模型 claude-sonnet-5-5 无可用渠道 (request id: ${ID})`, '')), 'api_error'],
      [504, JSON.stringify(cometBody(`bad response status code 504 (request id: ${ID})`, '')), 'timeout_error'],
      [524, CLOUDFLARE_524, 'timeout_error'],
    ];
    for (const [status, text, kind] of cases) {
      const error = errorFromResponse(status, new Headers({ 'content-type': status === 524 ? 'text/html' : 'application/json' }), text, ctx);
      assert.equal(error.kind, kind, String(status));
      assert.equal(error.retryable, true, String(status));
      if (status !== 524) assert.equal(error.requestId, ID, String(status));
    }
  });

  it('retry policy: the code wins over the status, x-should-retry wins over both', () => {
    assert.equal(isRetryableResponse(500, new Headers(), 'invalid_request'), false);
    assert.equal(isRetryableResponse(500, new Headers(), undefined), true);
    assert.equal(isRetryableResponse(500, new Headers({ 'x-should-retry': 'true' }), 'invalid_request'), true);
  });
});

describe('anthropic/client with CometAPI errors', () => {
  for (const [status, text, contentType] of [
    [503, JSON.stringify(cometBody(`bad response status code 503 (request id: ${ID})`, '')), 'application/json'],
    [504, JSON.stringify(cometBody(`bad response status code 504 (request id: ${ID})`, '')), 'application/json'],
    [524, CLOUDFLARE_524, 'text/html'],
  ] as const) {
    it(`retries a ${status} with the 5xx backoff, then streams`, async () => {
      const failed = (): Response => new Response(text, { status, headers: { 'content-type': contentType } });
      const { fetch, calls } = fakeFetch([failed, failed, okStream]);
      const clock = fakeClock();
      const retries: RetryInfo[] = [];
      const final = await client(fetch, { sleep: clock.sleep }).stream(body, { onRetry: (i) => retries.push(i) }).finalMessage();
      assert.equal(final.content[0]?.['text'], 'ok');
      assert.equal(calls.length, 3);
      // The same exponential steps as for any 5xx: 500 ms, then 1 s (no jitter with random 0).
      assert.deepStrictEqual(clock.waits, [500, 1000]);
      assert.deepStrictEqual(retries.map((r) => r.error.status), [status, status]);
    });
  }

  it('does not retry a 500 invalid_request, and reports the id from the message', async () => {
    const message = `messages: text content blocks must be non-empty (request id: ${ID})`;
    // No request-id header: CometAPI's own errors name the request only inside the message.
    const answer = (): Response => new Response(JSON.stringify(cometBody(message, 'invalid_request')), { status: 500, headers: { 'content-type': 'application/json' } });
    const { fetch, calls } = fakeFetch([answer]);
    const clock = fakeClock();
    const failure = await client(fetch, { sleep: clock.sleep }).stream(body).finalMessage().then(
      () => assert.fail('expected an error'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ClaudeApiError);
    assert.equal(calls.length, 1);
    assert.deepStrictEqual(clock.waits, []);
    assert.equal(failure.kind, 'invalid_request_error');
    assert.equal(failure.requestId, ID);
    assert.equal(failure.apiMessage, 'messages: text content blocks must be non-empty');
  });
});
