import * as assert from 'node:assert/strict';
import {
  cometErrorReply, cometInvalidRequestReply, cometRetryableReply, dropReply, htmlReply, invalidRequestReply, malformedReply, overloadedReply, rateLimitReply,
  serverErrorReply, sseErrorReply, stallReply, startTestServer, textReply,
} from '../../server/server';
import { messagesBody, parseEvents, parseFrames, post, useServer } from './helpers';

describe('test server: faults', () => {
  const server = useServer();

  it('sends 429 rate_limit_error with retry-after and a request_id', async () => {
    server().enqueue(rateLimitReply(7));
    const response = await post(server(), '/v1/messages', messagesBody());
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    const body = (await response.json()) as { error: { type: string }; request_id: string };
    assert.equal(body.error.type, 'rate_limit_error');
    assert.equal(body.request_id, response.headers.get('request-id'));
  });

  it('sends 500 api_error, 529 overloaded_error and 400 invalid_request_error with the given message', async () => {
    server().enqueue(serverErrorReply(), overloadedReply(), invalidRequestReply());
    const statuses: Array<[number, string, string]> = [];
    for (let i = 0; i < 3; i++) {
      const response = await post(server(), '/v1/messages', messagesBody());
      const body = (await response.json()) as { error: { type: string; message: string } };
      statuses.push([response.status, body.error.type, body.error.message]);
    }
    assert.deepEqual(statuses.map(([status, type]) => [status, type]), [[500, 'api_error'], [529, 'overloaded_error'], [400, 'invalid_request_error']]);
    assert.equal(statuses[2]?.[2], 'temperature: not supported for this model');
  });

  it('sends the CometAPI error shape (request id only inside the message) and an HTML page verbatim', async () => {
    server().enqueue(cometErrorReply(401, 'invalid token', '', 'abc123'), htmlReply(404));
    const comet = await post(server(), '/v1/messages', messagesBody());
    assert.equal(comet.status, 401);
    assert.deepEqual(await comet.json(), {
      error: { message: 'invalid token (request id: abc123)', type: 'comet_api_error', param: '', code: '' },
    });
    const html = await post(server(), '/v1/messages', messagesBody());
    assert.equal(html.status, 404);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await html.text(), /^<!DOCTYPE html>/);
  });

  it('sends the CometAPI 500 invalid_request (a client error) and its retryable 503, 504 and 524', async () => {
    server().enqueue(cometInvalidRequestReply('bad field', 'r1'), cometRetryableReply(503), cometRetryableReply(504), cometRetryableReply(524));
    type CometBody = { error: { message: string; type: string; param: string; code: string } };
    const first = await post(server(), '/v1/messages', messagesBody());
    assert.equal(first.status, 500);
    assert.deepEqual(await first.json(), { error: { message: 'bad field (request id: r1)', type: 'comet_api_error', param: '', code: 'invalid_request' } });
    for (const status of [503, 504, 524]) {
      const response = await post(server(), '/v1/messages', messagesBody());
      assert.equal(response.status, status);
      const body = (await response.json()) as CometBody;
      assert.deepEqual([body.error.type, body.error.param, body.error.code], ['comet_api_error', '', '']);
      assert.match(body.error.message, /\(request id: \w+\)$/);
      assert.equal(Object.keys(body).join(), 'error', 'no top-level type or request_id');
    }
  });

  it('drop: the body read fails after the first events arrived', async () => {
    server().enqueue(dropReply(3));
    const response = await post(server(), '/v1/messages', messagesBody());
    assert.equal(response.status, 200);
    const reader = response.body?.getReader();
    assert.ok(reader);
    const received: Uint8Array[] = [];
    await assert.rejects(async () => {
      for (let next = await reader.read(); !next.done; next = await reader.read()) received.push(next.value);
    });
    const frames = parseFrames(Buffer.concat(received).toString('utf8'));
    assert.deepEqual(frames.map((frame) => frame.event), ['message_start', 'content_block_start', 'ping']);
    assert.equal(server().replies[0]?.eventsSent, 3);
  });

  it('drop beforeHeaders: fetch itself rejects (a connection error)', async () => {
    server().enqueue(dropReply(0, { beforeHeaders: true }));
    await assert.rejects(post(server(), '/v1/messages', messagesBody()), TypeError);
  });

  it('stall: sends some events then nothing until the client aborts', async () => {
    server().enqueue(stallReply(2));
    const controller = new AbortController();
    const response = await post(server(), '/v1/messages', messagesBody(), undefined, controller.signal);
    const reader = response.body?.getReader();
    assert.ok(reader);
    let text = '';
    while (!text.includes('content_block_start')) text += Buffer.from((await reader.read()).value ?? new Uint8Array()).toString('utf8');
    const pending = reader.read();
    const outcome = await Promise.race([pending.then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('silence'), 300))]);
    assert.equal(outcome, 'silence', 'nothing arrives while stalled');
    controller.abort();
    await assert.rejects(pending);
    assert.equal(parseFrames(text).length, 2);
  });

  it('close() resolves while a stream is stalled (its socket is destroyed)', async () => {
    const own = await startTestServer();
    own.enqueue(stallReply(1));
    const response = await post(own, '/v1/messages', messagesBody());
    const reading = response.text();
    const started = Date.now();
    await own.close();
    assert.ok(Date.now() - started < 2000);
    await assert.rejects(reading);
  });

  it('malformed: a frame whose data is not JSON, then the stream ends', async () => {
    server().enqueue(malformedReply(2));
    const text = await (await post(server(), '/v1/messages', messagesBody())).text();
    const frames = parseFrames(text);
    assert.equal(frames.length, 3);
    assert.equal(frames[2]?.data, '{not json');
    assert.throws(() => parseEvents(text), SyntaxError);
  });

  it('sse-error: event: error after a 200', async () => {
    server().enqueue(sseErrorReply(4, { type: 'overloaded_error', message: 'Overloaded' }));
    const response = await post(server(), '/v1/messages', messagesBody());
    assert.equal(response.status, 200);
    const frames = parseFrames(await response.text());
    assert.equal(frames.length, 5);
    assert.equal(frames[4]?.event, 'error');
    assert.deepEqual(JSON.parse(frames[4]?.data ?? ''), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('faults can draw on scripted events instead of the default reply', async () => {
    server().enqueue(dropReply(2, { events: textReply('custom').events }));
    const response = await post(server(), '/v1/messages', messagesBody());
    await assert.rejects(response.text());
  });

  it('a scripted error can target another endpoint with when.path', async () => {
    server().enqueue({ ...overloadedReply(), when: { path: '/v1/models' } });
    const first = await post(server(), '/v1/messages', messagesBody());
    assert.equal(first.status, 200, 'messages are not affected');
    await first.text();
    const models = await fetch(`${server().url}/v1/models`, { headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' } });
    assert.equal(models.status, 529);
    await models.text();
  });
});
