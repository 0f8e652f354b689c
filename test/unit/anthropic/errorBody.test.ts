import assert from 'node:assert/strict';
import { looksLikeHtml, parseErrorBody, readableApiMessage } from '../../../src/common/anthropic/errorBody';

describe('anthropic/errorBody parseErrorBody', () => {
  it("reads Anthropic's shape with its request_id", () => {
    const body = JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' });
    assert.deepStrictEqual(parseErrorBody(body), { requestId: 'req_1', type: 'overloaded_error', message: 'Overloaded' });
  });

  it('takes error.code as the type when error.type is missing (OpenAI style)', () => {
    assert.deepStrictEqual(parseErrorBody('{"error":{"code":"rate_limited","message":"slow down"}}'), { type: 'rate_limited', code: 'rate_limited', message: 'slow down' });
  });

  it('reads CometAPI bodies: the code (when not empty) and the request id written into the message', () => {
    const id = '20251124093015482917370aB3xYz9Q';
    assert.deepStrictEqual(
      parseErrorBody(`{"error":{"message":"model name is required (request id: ${id})","type":"comet_api_error","param":"","code":""}}`),
      { type: 'comet_api_error', message: 'model name is required', requestId: id },
    );
    assert.deepStrictEqual(
      parseErrorBody(`{"error":{"message":"invalid JSON (request id: ${id})","type":"comet_api_error","param":"","code":"invalid_request"}}`),
      { type: 'comet_api_error', code: 'invalid_request', message: 'invalid JSON', requestId: id },
    );
  });

  it('reads {error:"text"} and the top-level message, detail or msg, in that order', () => {
    assert.deepStrictEqual(parseErrorBody('{"error":"plain"}'), { message: 'plain' });
    assert.deepStrictEqual(parseErrorBody('{"detail":"d","msg":"m"}'), { message: 'd' });
    assert.deepStrictEqual(parseErrorBody('{"msg":"m"}'), { message: 'm' });
    assert.deepStrictEqual(parseErrorBody('{"message":"a","detail":"b"}'), { message: 'a' });
  });

  it('is empty for JSON that says nothing, undefined for what is not JSON', () => {
    assert.deepStrictEqual(parseErrorBody('  {}  '), {});
    assert.deepStrictEqual(parseErrorBody('[1, 2]'), {});
    assert.deepStrictEqual(parseErrorBody('{"error":{"message":42}}'), {});
    assert.equal(parseErrorBody('{not json'), undefined);
    assert.equal(parseErrorBody('<html></html>'), undefined);
    assert.equal(parseErrorBody(''), undefined);
  });
});

describe('anthropic/errorBody looksLikeHtml', () => {
  it('knows a page by its content type or its first tag', () => {
    assert.equal(looksLikeHtml('anything', 'text/html; charset=utf-8'), true);
    assert.equal(looksLikeHtml('  <!DOCTYPE html><html></html>', null), true);
    assert.equal(looksLikeHtml('<?xml version="1.0"?><Error/>', 'application/xml'), true);
    assert.equal(looksLikeHtml('<div class="x">', ''), true);
  });
  it('is false for text and JSON', () => {
    assert.equal(looksLikeHtml('Cannot POST /v1/messages', 'text/plain'), false);
    assert.equal(looksLikeHtml('{"error":"x"}', 'application/json'), false);
    assert.equal(looksLikeHtml('', null), false);
  });
});

describe('anthropic/errorBody readableApiMessage', () => {
  const key = 'sk-ant-api03-SECRETSECRETSECRET-abcdef';
  it('scrubs the key and flattens whitespace', () => {
    assert.equal(readableApiMessage(`  bad key\n\t${key}  `, key), 'bad key [redacted]');
  });
  it('cuts a long message at 600 characters with an ellipsis', () => {
    assert.equal(readableApiMessage('x'.repeat(600), undefined), 'x'.repeat(600));
    assert.equal(readableApiMessage('x'.repeat(601), undefined), `${'x'.repeat(600)}…`);
  });
});
