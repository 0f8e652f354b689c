import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  ClaudeApiError,
  ConnectionError,
  UserAbortError,
  connectionError,
  errorFromErrorEvent,
  errorFromResponse,
  scrubSecret,
  settingForMessage,
} from '../../../src/common/anthropic/errors';

const KEY = 'sk-ant-api03-SECRETSECRETSECRET-abcdef';
const ctx = { url: 'https://api.anthropic.com/v1/messages', apiKey: KEY, authHeader: 'x-api-key' as const };

function anthropicBody(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_body' });
}

function assertNoKey(error: unknown): void {
  const text = `${String(error)} ${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)}`;
  assert.ok(!text.includes(KEY), `key leaked: ${text}`);
  assert.ok(!text.includes('SECRETSECRET'), `key part leaked: ${text}`);
}

describe('anthropic/errors errorFromResponse', () => {
  const table: Array<[number, string, string, boolean]> = [
    [400, 'invalid_request_error', 'invalid_request_error', false],
    [401, 'authentication_error', 'authentication_error', false],
    [402, 'billing_error', 'billing_error', false],
    [403, 'permission_error', 'permission_error', false],
    [404, 'not_found_error', 'not_found_error', false],
    [413, 'request_too_large', 'request_too_large', false],
    [429, 'rate_limit_error', 'rate_limit_error', true],
    [500, 'api_error', 'api_error', true],
    [504, 'timeout_error', 'timeout_error', true],
    [529, 'overloaded_error', 'overloaded_error', true],
  ];
  for (const [status, type, kind, retryable] of table) {
    it(`${status} ${type} -> kind ${kind}, retryable ${retryable}`, () => {
      const headers = new Headers({ 'request-id': 'req_hdr' });
      const error = errorFromResponse(status, headers, anthropicBody(type, `something about ${type}`), ctx);
      assert.ok(error instanceof ClaudeApiError);
      assert.equal(error.kind, kind);
      assert.equal(error.status, status);
      assert.equal(error.retryable, retryable);
      assert.equal(error.requestId, 'req_hdr');
      assert.match(error.message, new RegExp(type));
      assertNoKey(error);
    });
  }

  it('uses the body request_id when the header is missing', () => {
    assert.equal(errorFromResponse(400, new Headers(), anthropicBody('invalid_request_error', 'x'), ctx).requestId, 'req_body');
  });

  it('401 tells the user to set the key and check authHeader', () => {
    const error = errorFromResponse(401, new Headers(), anthropicBody('authentication_error', 'invalid x-api-key'), ctx);
    assert.match(error.message, /Claude Messages: Set API Key/);
    assert.match(error.message, /authHeader/);
    assert.match(error.message, /bearer/);
    assert.equal(error.setting, 'authHeader');
  });

  it('points a 404 at the model when the API says so, else at the base URL (the path was wrong)', () => {
    const model = JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'model: claude-nope' } });
    const path = JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not Found' } });
    assert.equal(errorFromResponse(404, new Headers(), model, ctx).setting, 'model');
    assert.equal(errorFromResponse(404, new Headers(), path, ctx).setting, 'baseUrl');
  });

  it('reads CometAPI errors {"error":{"message","type":"comet_api_error"}}', () => {
    const body = JSON.stringify({ error: { message: 'model not available on this group', type: 'comet_api_error' } });
    const error = errorFromResponse(400, new Headers(), body, ctx);
    assert.equal(error.kind, 'invalid_request_error');
    assert.equal(error.apiErrorType, 'comet_api_error');
    assert.match(error.message, /model not available on this group/);
    assert.match(error.message, /CometAPI/);
    assert.equal(error.setting, 'model');
  });

  it('reads OpenAI-style, {error:"text"} and {message} bodies', () => {
    assert.match(errorFromResponse(429, new Headers(), JSON.stringify({ error: { message: 'slow down', code: 'rate_limited' } }), ctx).message, /slow down/);
    assert.match(errorFromResponse(400, new Headers(), JSON.stringify({ error: 'plain text error' }), ctx).message, /plain text error/);
    assert.match(errorFromResponse(400, new Headers(), JSON.stringify({ message: 'flat message' }), ctx).message, /flat message/);
  });

  it('HTML or empty bodies mean the base URL is probably wrong', () => {
    for (const [status, body, contentType] of [
      [404, '<!DOCTYPE html><html><body>Not Found</body></html>', 'text/html'],
      [200, '<html><head></head></html>', 'text/html; charset=utf-8'],
      [405, '', ''],
      [404, 'Cannot POST /v1/messages', 'text/plain'],
    ] as const) {
      const error = errorFromResponse(status, new Headers(contentType ? { 'content-type': contentType } : {}), body, ctx);
      assert.equal(error.kind, 'not_messages_endpoint', `${status} ${body}`);
      assert.match(error.message, /base ?URL probably isn't an Anthropic Messages API endpoint/i);
      assert.equal(error.setting, 'baseUrl');
      assert.equal(error.retryable, false);
    }
  });

  it('an HTML error page with a 5xx status is a transient server error, not a wrong URL', () => {
    const error = errorFromResponse(502, new Headers({ 'content-type': 'text/html' }), '<html>Bad gateway</html>', ctx);
    assert.equal(error.kind, 'api_error');
    assert.equal(error.retryable, true);
  });

  it('x-should-retry overrides the status', () => {
    assert.equal(errorFromResponse(400, new Headers({ 'x-should-retry': 'true' }), anthropicBody('invalid_request_error', 'x'), ctx).retryable, true);
    assert.equal(errorFromResponse(529, new Headers({ 'x-should-retry': 'false' }), anthropicBody('overloaded_error', 'x'), ctx).retryable, false);
  });

  it('keeps retry-after as retryAfterMs', () => {
    assert.equal(errorFromResponse(429, new Headers({ 'retry-after': '3' }), anthropicBody('rate_limit_error', 'x'), ctx).retryAfterMs, 3000);
  });

  it('scrubs the key when the server echoes it', () => {
    const error = errorFromResponse(401, new Headers(), anthropicBody('authentication_error', `invalid key ${KEY} (Bearer ${KEY})`), ctx);
    assert.match(error.message, /\[redacted\]/);
    assertNoKey(error);
    const html = errorFromResponse(404, new Headers(), `<html>${KEY}</html>`, ctx);
    assertNoKey(html);
  });

  const hints: Array<[string, string]> = [
    ['temperature: this model does not support temperature', 'temperature'],
    ['top_p is not supported for this model', 'topP'],
    ['top_k: Extra inputs are not permitted', 'topK'],
    ['thinking.type.enabled is not supported for this model. Use thinking.type.adaptive', 'thinking'],
    ['thinking.budget_tokens: must be less than max_tokens', 'thinkingBudgetTokens'],
    ['output_config.effort "xhigh" is not supported by this model', 'effort'],
    ['service_tier: invalid value', 'serviceTier'],
    ['tools.0: web_search tool is not enabled for your organization', 'webSearch'],
    ['web_fetch_20250910 is not available', 'webFetch'],
    ['max_tokens: 200000 > 128000, which is the maximum allowed', 'maxTokens'],
    ['model: claude-nope not found', 'model'],
  ];
  for (const [message, setting] of hints) {
    it(`400 "${message}" points at claudeMessages.${setting}`, () => {
      const error = errorFromResponse(400, new Headers(), anthropicBody('invalid_request_error', message), ctx);
      assert.equal(error.setting, setting);
      assert.match(error.message, new RegExp(`claudeMessages\\.${setting}\\b`));
    });
  }
  it('settingForMessage is undefined for unrelated text', () => assert.equal(settingForMessage('messages: roles must alternate'), undefined));
});

describe('anthropic/errors mid-stream error events', () => {
  it('types the error and marks transient kinds retryable', () => {
    const error = errorFromErrorEvent('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', ctx);
    assert.equal(error.kind, 'overloaded_error');
    assert.equal(error.retryable, true);
    assert.equal(error.status, undefined);
  });
  it('unknown or unparsable error events become api_error', () => {
    assert.equal(errorFromErrorEvent('not json', ctx).kind, 'api_error');
  });
});

describe('anthropic/errors connection errors', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
  const dns = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' }) });
  const tls = Object.assign(new TypeError('fetch failed'), { cause: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });
  const multi = Object.assign(new TypeError('fetch failed'), { cause: { errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] } });

  it('says which URL could not be reached and why', () => {
    const c1 = connectionError(refused, { ...ctx, url: 'http://user:pw@localhost:9/v1/messages' });
    assert.ok(c1 instanceof ConnectionError);
    assert.equal(c1.kind, 'connection_error');
    assert.equal(c1.code, 'ECONNREFUSED');
    assert.match(c1.message, /Could not reach http:\/\/localhost:9\/v1\/messages/);
    assert.ok(!c1.message.includes('pw'));
    assert.equal(c1.retryable, true);
    const c2 = connectionError(dns, ctx);
    assert.match(c2.message, /api\.anthropic\.com/);
    assert.match(c2.message, /DNS/);
    assert.equal(connectionError(tls, ctx).retryable, false);
    assert.equal((connectionError(multi, ctx) as ConnectionError).code, 'ECONNREFUSED');
  });

  it('points at claudeMessages.baseUrl when the address itself failed, not when a certificate did', () => {
    assert.equal(connectionError(refused, ctx).setting, 'baseUrl');
    assert.equal(connectionError(dns, ctx).setting, 'baseUrl');
    assert.equal(connectionError(tls, ctx).setting, undefined);
  });

  it('keeps a user cancel apart', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const error = connectionError(abort, ctx);
    assert.ok(error instanceof UserAbortError);
    assert.equal(error.kind, 'aborted');
    assert.equal(error.retryable, false);
    const controller = new AbortController();
    controller.abort();
    assert.ok(connectionError(refused, ctx, controller.signal) instanceof UserAbortError);
  });

  it('scrubSecret removes the key and key-shaped strings', () => {
    assert.equal(scrubSecret(`a ${KEY} b`, KEY), 'a [redacted] b');
    assert.equal(scrubSecret('x sk-ant-other-key-123456789 y'), 'x [redacted] y');
    assert.equal(scrubSecret('Authorization: Bearer abcdefghijkl'), 'Authorization: Bearer [redacted]');
  });
});
