import * as assert from 'node:assert/strict';
import { sseErrorReply, textReply, toolUseReply } from '../../server/server';
import type { RecordedRequest, SentReply, ServerConfig } from '../../server/server';
import { GOOD_HEADERS, messagesBody, parseFrames, post, streamEvents, streamedText, useServer } from './helpers';

describe('test server: control API', () => {
  const server = useServer();

  async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    return fetch(`${server().url}/__control/${path}`, {
      method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
  }

  it('enqueues builder output sent as JSON, in order', async () => {
    const response = await control('POST', 'enqueue', [textReply('from another process'), toolUseReply('t', { a: 1 })]);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { queued: 2 });
    assert.equal(streamedText(await streamEvents(server(), messagesBody())), 'from another process');
    const second = await streamEvents(server(), messagesBody());
    assert.equal((second.find((e) => e.type === 'content_block_start')?.content_block as { type: string }).type, 'tool_use');
  });

  it('enqueues a fault and a when-limited reply over HTTP', async () => {
    await control('POST', 'enqueue', [{ ...textReply('only for bananas'), when: { lastUserTextIncludes: 'banana' } }, sseErrorReply(1)]);
    const first = parseFrames(await (await post(server(), '/v1/messages', messagesBody('apple'))).text());
    assert.equal(first.at(-1)?.event, 'error');
    assert.equal(streamedText(await streamEvents(server(), messagesBody('banana split'))), 'only for bananas');
  });

  it('refuses something that is not a ScriptedReply', async () => {
    const response = await control('POST', 'enqueue', [{ kind: 'nonsense' }]);
    assert.equal(response.status, 400);
    assert.equal(server().queued, 0);
  });

  it('lists recorded requests and replies, without control requests, and needs no auth', async () => {
    await (await post(server(), '/v1/messages', messagesBody('recorded'))).text();
    const requests = (await (await control('GET', 'requests')).json()) as RecordedRequest[];
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.path, '/v1/messages');
    assert.equal(requests[0]?.headers['x-api-key'], 'test-key');
    assert.match(requests[0]?.body ?? '', /recorded/);
    const replies = (await (await control('GET', 'replies')).json()) as SentReply[];
    assert.equal(replies.length, 1);
    assert.equal(replies[0]?.status, 200);
    assert.ok((replies[0]?.usage?.input_tokens ?? 0) > 0);
  });

  it('resets queue, recordings and configuration', async () => {
    await control('POST', 'config', { apiKey: 'other-key' });
    await control('POST', 'enqueue', [textReply('never played')]);
    await (await post(server(), '/v1/messages', messagesBody())).text();
    assert.equal((await control('POST', 'reset')).status, 200);
    assert.equal(server().requests.length, 0);
    assert.equal(server().queued, 0);
    assert.equal(server().config.apiKey, 'test-key');
    assert.match(streamedText(await streamEvents(server(), messagesBody())), /^You said/);
  });

  it('configures apiKey, tokenDelayMs and models', async () => {
    const response = await control('POST', 'config', { apiKey: 'k2', tokenDelayMs: 5, models: [{ id: 'only-model' }] });
    const config = (await response.json()) as ServerConfig;
    assert.deepEqual([config.apiKey, config.tokenDelayMs], ['k2', 5]);
    assert.equal((await post(server(), '/v1/messages', messagesBody())).status, 401, 'the old key no longer works');
    const ok = await post(server(), '/v1/messages', messagesBody(), { ...GOOD_HEADERS, 'x-api-key': 'k2' });
    assert.equal(ok.status, 200);
    await ok.text();
    const models = await fetch(`${server().url}/v1/models`, { headers: { ...GOOD_HEADERS, 'x-api-key': 'k2' } });
    assert.deepEqual(((await models.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id), ['only-model']);
  });

  it('switches the rules to lenient and back over the config route', async () => {
    const lenient = (await (await control('POST', 'config', { rules: 'lenient' })).json()) as ServerConfig;
    assert.equal(lenient.rules, 'lenient');
    const prefill = messagesBody('Hi', { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Sure' }] });
    const accepted = await post(server(), '/v1/messages', prefill);
    assert.equal(accepted.status, 200);
    await accepted.text();
    await control('POST', 'config', { rules: 'nonsense' });
    assert.equal(server().config.rules, 'lenient', 'an unknown mode is ignored');
    await control('POST', 'config', { rules: 'strict' });
    assert.equal((await post(server(), '/v1/messages', prefill)).status, 400);
  });

  it('answers 404 for an unknown control route', async () => {
    assert.equal((await control('GET', 'nothing-here')).status, 404);
  });
});
