import assert from 'node:assert/strict';
import type { MessagesClient } from '../../../src/common/anthropic/client';
import { ClaudeApiError, errorFromResponse } from '../../../src/common/anthropic/errors';
import type { MessagesRequest } from '../../../src/common/anthropic/types';
import { fakeFetch, sseFromEvents, sseResponse, textStreamEvents, testClient } from './helpers';

const KEY = 'sk-ant-api03-proxy-pages-key-XYZ';
const ctx = { url: 'https://api.example.test/v1/messages', apiKey: KEY, authHeader: 'x-api-key' as const };
const body: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };
const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>';

function make(fetchImpl: typeof fetch): MessagesClient {
  return testClient({ baseUrl: 'https://api.example.test', apiKey: KEY, fetch: fetchImpl });
}

function page(status: number, text: string, contentType: string): () => Response {
  return () => new Response(text, { status, headers: contentType ? { 'content-type': contentType } : {} });
}

describe('anthropic/proxy error pages', () => {
  const cases: Array<[number, string, string, string, boolean]> = [
    [502, HTML, 'text/html', 'an HTML error page', true],
    [503, '', '', 'an empty body', true],
    [504, HTML, 'text/html; charset=utf-8', 'an HTML error page', true],
    [520, HTML, 'text/html', 'an HTML error page', true],
    [408, HTML, 'text/html', 'an HTML error page', true],
    [429, '', '', 'an empty body', true],
    [413, HTML, 'text/html', 'an HTML error page', false],
    [429, 'Too Many Requests', 'text/plain', 'text that is not an API response', true],
  ];
  for (const [status, text, contentType, what, retryable] of cases) {
    it(`${status} with ${what} is named as a proxy's answer (retryable: ${retryable})`, () => {
      const error = errorFromResponse(status, new Headers(contentType ? { 'content-type': contentType } : {}), text, ctx);
      assert.notEqual(error.kind, 'not_messages_endpoint');
      assert.equal(error.status, status);
      assert.equal(error.retryable, retryable);
      assert.ok(error.message.includes(`answered with ${what} (status ${status})`), error.message);
      assert.match(error.message, /probably from a proxy or gateway between you and the API/);
      assert.doesNotMatch(error.message, /baseUrl probably isn't/);
    });
  }

  it('names the kind its status means', () => {
    const kinds = [408, 413, 429, 502, 529].map((status) => errorFromResponse(status, new Headers({ 'content-type': 'text/html' }), HTML, ctx).kind);
    assert.deepStrictEqual(kinds, ['timeout_error', 'request_too_large', 'rate_limit_error', 'api_error', 'overloaded_error']);
  });

  it('a 501 is not retried: the server does not implement the request at all', () => {
    assert.equal(errorFromResponse(501, new Headers({ 'content-type': 'text/html' }), HTML, ctx).retryable, false);
  });

  it('a 404 or a 200 HTML page still means a wrong base URL', () => {
    for (const status of [404, 405, 200]) {
      assert.equal(errorFromResponse(status, new Headers({ 'content-type': 'text/html' }), HTML, ctx).kind, 'not_messages_endpoint');
    }
  });

  it('the client retries a proxy 502 page and then streams', async () => {
    const ok = [new TextEncoder().encode(sseFromEvents(textStreamEvents('through')))];
    const { fetch, calls } = fakeFetch([page(502, HTML, 'text/html'), page(429, '', ''), () => sseResponse(ok)]);
    const final = await make(fetch).stream(body).finalMessage();
    assert.equal(final.content[0]?.['text'], 'through');
    assert.equal(calls.length, 3);
  });

  it('the client does not retry a proxy 413 page', async () => {
    const { fetch, calls } = fakeFetch([page(413, HTML, 'text/html')]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError && e.kind === 'request_too_large' && !e.retryable, String(e));
      return true;
    });
    assert.equal(calls.length, 1);
  });
});
