import * as assert from 'node:assert/strict';
import { GOOD_HEADERS, messagesBody, post, useServer } from './helpers';

describe('test server: auth, headers and recording', () => {
  const server = useServer();

  it('accepts the key as x-api-key', async () => {
    const response = await post(server(), '/v1/messages', messagesBody());
    assert.equal(response.status, 200);
    await response.text();
  });

  it('accepts the key as authorization: Bearer', async () => {
    const { 'x-api-key': _key, ...rest } = GOOD_HEADERS;
    const response = await post(server(), '/v1/messages', messagesBody(), { ...rest, authorization: 'Bearer test-key' });
    assert.equal(response.status, 200);
    await response.text();
  });

  it('rejects a wrong key with 401 authentication_error and a request id in body and header', async () => {
    const response = await post(server(), '/v1/messages', messagesBody(), { ...GOOD_HEADERS, 'x-api-key': 'wrong' });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { type: string; error: { type: string; message: string }; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'authentication_error');
    assert.equal(body.error.message, 'invalid x-api-key');
    assert.match(body.request_id, /^req_/);
    assert.equal(response.headers.get('request-id'), body.request_id);
  });

  it('rejects a missing key, a non-Bearer authorization, and both headers at once', async () => {
    const { 'x-api-key': _key, ...noKey } = GOOD_HEADERS;
    assert.equal((await post(server(), '/v1/messages', messagesBody(), noKey)).status, 401);
    assert.equal((await post(server(), '/v1/messages', messagesBody(), { ...noKey, authorization: 'test-key' })).status, 401);
    const both = await post(server(), '/v1/messages', messagesBody(), { ...GOOD_HEADERS, authorization: 'Bearer test-key' });
    assert.equal(both.status, 401);
    assert.match(((await both.json()) as { error: { message: string } }).error.message, /exactly one/);
  });

  it('accepts any non-empty key when apiKey is null', async () => {
    server().configure({ apiKey: null });
    const response = await post(server(), '/v1/messages', messagesBody(), { ...GOOD_HEADERS, 'x-api-key': 'anything' });
    assert.equal(response.status, 200);
    await response.text();
  });

  it('answers 400 invalid_request_error without anthropic-version', async () => {
    const { 'anthropic-version': _version, ...rest } = GOOD_HEADERS;
    const response = await post(server(), '/v1/messages', messagesBody(), rest);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    assert.ok(response.headers.get('request-id'));
  });

  it('answers 400 for a body without max_tokens or messages, and 404 for unknown paths (e.g. a doubled /v1)', async () => {
    const noMax = await post(server(), '/v1/messages', { model: 'm', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(noMax.status, 400);
    assert.match(((await noMax.json()) as { error: { message: string } }).error.message, /max_tokens/);
    const noMessages = await post(server(), '/v1/messages', { model: 'm', max_tokens: 5 });
    assert.equal(noMessages.status, 400);
    const doubled = await post(server(), '/v1/v1/messages', messagesBody());
    assert.equal(doubled.status, 404);
    assert.equal(((await doubled.json()) as { error: { type: string } }).error.type, 'not_found_error');
  });

  it('records method, path, url, lowercased headers, body text, parsed json and time', async () => {
    const before = Date.now();
    const body = messagesBody('record me');
    await (await post(server(), '/v1/messages', body, { ...GOOD_HEADERS, 'X-Custom-Header': 'Yes' })).text();
    await (await fetch(`${server().url}/v1/models?limit=1`, { headers: GOOD_HEADERS })).text();
    const [first, second] = server().requests;
    assert.ok(first && second);
    assert.equal(first.method, 'POST');
    assert.equal(first.path, '/v1/messages');
    assert.equal(first.headers['x-custom-header'], 'Yes');
    assert.equal(first.headers['x-api-key'], 'test-key');
    assert.equal(first.body, JSON.stringify(body));
    assert.deepEqual(first.json, body);
    assert.ok(first.time >= before && first.time <= Date.now());
    assert.equal(second.path, '/v1/models');
    assert.equal(second.url, '/v1/models?limit=1');
    assert.equal(server().replies.length, 2, 'one reply record per request');
    assert.equal(server().replies[0]?.kind, 'default');
  });

  it('records requests that fail auth too, but not control requests', async () => {
    await (await post(server(), '/v1/messages', messagesBody(), { ...GOOD_HEADERS, 'x-api-key': 'bad' })).text();
    await (await fetch(`${server().url}/__control/requests`)).text();
    assert.equal(server().requests.length, 1);
    assert.equal(server().replies[0]?.kind, 'refused');
    assert.equal(server().replies[0]?.status, 401);
    assert.deepEqual(server().refused.map((refusal) => [refusal.rule, refusal.status, refusal.message]), [['authentication', 401, 'invalid x-api-key']]);
  });
});
