import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { readCappedText } from '../../../src/common/anthropic/bodyText';
import type { MessagesClient } from '../../../src/common/anthropic/client';
import type { ClientConfig } from '../../../src/common/anthropic/client';
import { ClaudeApiError, UserAbortError } from '../../../src/common/anthropic/errors';
import type { MessagesRequest } from '../../../src/common/anthropic/types';
import { countingBody, fakeFetch, jsonResponse, neverAnswers, sseFromEvents, sseResponse, textStreamEvents, testClient } from './helpers';

const KEY = 'sk-ant-api03-transport-test-key-XYZ';
const body: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true };

function make(fetchImpl: typeof fetch, extra: Partial<ClientConfig> = {}): MessagesClient {
  return testClient({ apiKey: KEY, fetch: fetchImpl, ...extra });
}

function assertNoKey(value: unknown): void {
  const text = `${String(value)} ${inspect(value, { depth: 10, showHidden: true })}`;
  assert.ok(!text.includes(KEY), `key leaked: ${text}`);
}

function redirect(status: number, location: string): () => Response {
  return () => new Response(null, { status, headers: { location } });
}

describe('anthropic/transport redirects', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`a ${status} is reported, not followed, with one request made`, async () => {
      const { fetch, calls } = fakeFetch([redirect(status, `https://other.example.test/api/v1/messages?key=${KEY}&x=1`)]);
      await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
        assert.ok(e instanceof ClaudeApiError, String(e));
        assert.equal(e.kind, 'redirect');
        assert.equal(e.status, status);
        assert.equal(e.retryable, false);
        assert.equal(e.setting, 'baseUrl');
        assert.match(e.message, /redirected \(\d+\) to https:\/\/other\.example\.test\/api\/v1\/messages\./);
        assert.match(e.message, /claudeMessages\.baseUrl/);
        assert.match(e.message, /https:\/\/other\.example\.test\/api\b/);
        assert.ok(!e.message.includes('?'), 'no query in the message');
        assertNoKey(e);
        return true;
      });
      assert.equal(calls.length, 1);
      assert.equal(calls[0]?.redirect, 'manual');
    });
  }

  it('names an https -> http downgrade', async () => {
    const { fetch, calls } = fakeFetch([redirect(301, 'http://api.example.test/v1/messages')]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError && e.kind === 'redirect');
      assert.match(e.message, /to http:\/\/api\.example\.test\/v1\/messages\./);
      assert.match(e.message, /plain http:\/\//);
      return true;
    });
    assert.equal(calls.length, 1);
  });

  it('resolves a relative Location and scrubs a key in its path', async () => {
    const { fetch, calls } = fakeFetch([redirect(307, `/proxy/${KEY}/v1/messages`)]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError && e.kind === 'redirect');
      assert.match(e.message, /https:\/\/api\.example\.test\/proxy\/\[redacted\]\/v1\/messages/);
      assertNoKey(e);
      return true;
    });
    assert.equal(calls.length, 1);
  });

  it('says so when a redirect names no Location', async () => {
    const { fetch } = fakeFetch([() => new Response(null, { status: 302 })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError && e.kind === 'redirect');
      assert.match(e.message, /without saying where/);
      return true;
    });
  });

  it('the models list and count_tokens refuse redirects too', async () => {
    const models = fakeFetch([redirect(308, 'https://elsewhere.example.test/v1/models')]);
    await assert.rejects(make(models.fetch).listModels(), (e: unknown) => e instanceof ClaudeApiError && e.kind === 'redirect');
    assert.equal(models.calls.length, 1);
    assert.equal(models.calls[0]?.redirect, 'manual');
    const count = fakeFetch([redirect(302, 'https://elsewhere.example.test/v1/messages/count_tokens')]);
    await assert.rejects(make(count.fetch).countTokens(body), (e: unknown) => e instanceof ClaudeApiError && e.kind === 'redirect');
    assert.equal(count.calls.length, 1);
    assert.equal(count.calls[0]?.redirect, 'manual');
  });
});

describe('anthropic/transport headers timeout', () => {
  it('aborts a request whose headers never arrive, as a retryable timeout', async () => {
    const aborted: boolean[] = [];
    const { fetch, calls } = fakeFetch([
      (_call, signal) => {
        signal?.addEventListener('abort', () => aborted.push(true), { once: true });
        return neverAnswers(signal);
      },
    ]);
    await assert.rejects(make(fetch, { headersTimeoutMs: 50, maxRetries: 0 }).stream(body).finalMessage(), (e: unknown) => {
      assert.ok(e instanceof ClaudeApiError, String(e));
      assert.equal(e.kind, 'timeout_error');
      assert.equal(e.retryable, true);
      assert.equal(e.setting, 'headersTimeoutSeconds');
      assert.match(e.message, /did not start answering within 50 ms/);
      assert.match(e.message, /claudeMessages\.headersTimeoutSeconds/);
      assertNoKey(e);
      return true;
    });
    assert.equal(calls.length, 1);
    assert.deepStrictEqual(aborted, [true]);
  });

  it('retries a headers timeout and succeeds when the next answer comes', async () => {
    const ok = encodeSse();
    const { fetch, calls } = fakeFetch([(_call, signal) => neverAnswers(signal), () => sseResponse(ok)]);
    const retries: string[] = [];
    const final = await make(fetch, { headersTimeoutMs: 50 }).stream(body, { onRetry: (i) => retries.push(i.error.kind) }).finalMessage();
    assert.equal(final.content[0]?.['text'], 'ok');
    assert.deepStrictEqual(retries, ['timeout_error']);
    assert.equal(calls.length, 2);
  });

  it('a cancel while waiting for headers is the user\'s, not a timeout', async () => {
    const { fetch } = fakeFetch([(_call, signal) => neverAnswers(signal)]);
    const controller = new AbortController();
    const pending = make(fetch, { headersTimeoutMs: 60_000 }).stream(body, { signal: controller.signal }).finalMessage();
    controller.abort();
    await assert.rejects(pending, UserAbortError);
  });
});

function encodeSse(): Uint8Array[] {
  return [new TextEncoder().encode(sseFromEvents(textStreamEvents('ok')))];
}

describe('anthropic/transport error bodies', () => {
  it('reads at most the cap (plus the chunk that crossed it) and cancels the rest', async () => {
    const big = countingBody(16 * 1024, 1024);
    const { text, truncated } = await readCappedText(big.body, 64 * 1024);
    assert.equal(truncated, true);
    assert.equal(text.length, 64 * 1024);
    assert.ok(big.pulled() <= 64 * 1024 + 16 * 1024, `pulled ${big.pulled()}`);
    assert.ok(big.cancelled(), 'the rest of the body is cancelled');
  });

  it('an error response with a huge body is read only up to the cap', async () => {
    const big = countingBody(32 * 1024, 10_000, 0x3c);
    const { fetch } = fakeFetch([() => new Response(big.body, { status: 502, headers: { 'content-type': 'text/html' } })]);
    await assert.rejects(make(fetch, { maxRetries: 0 }).stream(body).finalMessage(), (e: unknown) => e instanceof ClaudeApiError && e.status === 502);
    assert.ok(big.pulled() <= 64 * 1024 + 32 * 1024, `pulled ${big.pulled()}`);
    assert.ok(big.cancelled());
  });

  it('a short body is read whole', async () => {
    const { fetch } = fakeFetch([() => jsonResponse(400, { type: 'error', error: { type: 'invalid_request_error', message: 'bad max_tokens' } })]);
    await assert.rejects(make(fetch).stream(body).finalMessage(), (e: unknown) => e instanceof ClaudeApiError && /bad max_tokens/.test(e.message));
  });
});
