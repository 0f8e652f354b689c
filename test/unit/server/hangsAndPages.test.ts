import * as assert from 'node:assert/strict';
import {
  headersNeverSentReply, hugeErrorBodyReply, jsonErrorAsSseReply, pingsForeverReply, proxyPageReply, redirectReply, stallReply, textReply,
} from '../../server/server';
import { messagesBody, parseFrames, post, useServer } from './helpers';

/** The faults of issue 12's e2e tests: hangs (no headers, pings forever) and what proxies answer. */
describe('test server: hangs, redirects and proxy pages', () => {
  const server = useServer();

  it('headers never sent: fetch stays pending until the client aborts', async () => {
    server().enqueue(headersNeverSentReply());
    const controller = new AbortController();
    const pending = post(server(), '/v1/messages', messagesBody(), undefined, controller.signal);
    const outcome = await Promise.race([pending.then(() => 'answered', () => 'failed'), new Promise((resolve) => setTimeout(() => resolve('silence'), 300))]);
    assert.equal(outcome, 'silence', 'no status line arrives');
    controller.abort();
    await assert.rejects(pending);
    assert.equal(server().replies[0]?.kind, 'stall');
  });

  it('pings forever: the first events, then only pings, as long as the client listens', async () => {
    server().enqueue(pingsForeverReply(4, 20, textReply('Kept words.').events));
    const controller = new AbortController();
    const response = await post(server(), '/v1/messages', messagesBody(), undefined, controller.signal);
    const reader = response.body?.getReader();
    assert.ok(reader);
    let text = '';
    while ((text.match(/event: ping/g) ?? []).length < 5) text += Buffer.from((await reader.read()).value ?? new Uint8Array()).toString('utf8');
    controller.abort();
    const events = parseFrames(text).map((frame) => frame.event);
    assert.deepEqual(events.slice(0, 4), ['message_start', 'content_block_start', 'ping', 'content_block_delta'], 'the reply as scripted');
    assert.ok(events.slice(4).every((event) => event === 'ping'), events.join());
  });

  it('a plain stall still sends no pings', async () => {
    server().enqueue(stallReply(1));
    const controller = new AbortController();
    const response = await post(server(), '/v1/messages', messagesBody(), undefined, controller.signal);
    const reader = response.body?.getReader();
    assert.ok(reader);
    const first = Buffer.from((await reader.read()).value ?? new Uint8Array()).toString('utf8');
    const next = await Promise.race([reader.read().then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('silence'), 300))]);
    controller.abort();
    assert.equal(parseFrames(first).length, 1);
    assert.equal(next, 'silence');
  });

  it('a redirect carries its Location and an empty body (fetch does not follow it under redirect: manual)', async () => {
    server().enqueue(redirectReply(307, 'http://127.0.0.1:9/v1/messages?token=t'));
    const response = await fetch(`${server().url}/v1/messages`, {
      method: 'POST', headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(messagesBody()), redirect: 'manual',
    });
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), 'http://127.0.0.1:9/v1/messages?token=t');
    assert.equal(await response.text(), '');
  });

  it('a proxy page is HTML with the status (and retry-after when asked)', async () => {
    server().enqueue(proxyPageReply(429, 2), proxyPageReply(413));
    const limited = await post(server(), '/v1/messages', messagesBody());
    assert.equal(limited.status, 429);
    assert.match(limited.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.match(await limited.text(), /<title>429 Too Many Requests<\/title>/);
    const large = await post(server(), '/v1/messages', messagesBody());
    assert.equal(large.status, 413);
    assert.equal(large.headers.get('retry-after'), null);
  });

  it('a JSON error labelled as an event stream, and a huge error body of the size asked', async () => {
    server().enqueue(jsonErrorAsSseReply('invalid_request_error', 'nope'), hugeErrorBodyReply(400, 3 * 1024 * 1024));
    const sse = await post(server(), '/v1/messages', messagesBody());
    assert.equal(sse.status, 200);
    assert.match(sse.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.deepEqual(await sse.json(), { type: 'error', error: { type: 'invalid_request_error', message: 'nope' } });
    const huge = await post(server(), '/v1/messages', messagesBody());
    assert.equal(huge.status, 400);
    assert.equal((await huge.arrayBuffer()).byteLength, 3 * 1024 * 1024);
  });

  it('scripted stream headers win over the server request-id', async () => {
    server().enqueue({ ...textReply('Hi.'), headers: { 'request-id': 'req_chosen' } });
    const response = await post(server(), '/v1/messages', messagesBody());
    assert.equal(response.headers.get('request-id'), 'req_chosen');
    await response.text();
  });
});
