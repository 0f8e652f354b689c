import assert from 'node:assert/strict';
import { StreamInterruptedError } from '../../../src/common/anthropic/errors';
import type { Message, StreamEvent } from '../../../src/common/anthropic/types';
import type { RetryNotice } from '../../../src/common/chat/ports';
import { streamTurn } from '../../../src/common/chat/streamTurn';
import { FakeClient, MODEL, replay, textOf, textReply, type StreamItem } from './fakes';

const BODY = { model: MODEL, max_tokens: 100, stream: true as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('streamTurn', () => {
  it('returns the complete message and reports every event with its snapshot', async () => {
    const client = new FakeClient([replay(textReply(['a', 'b', 'c'], 'end_turn', 7))]);
    const seen: Array<{ type: string; text: string }> = [];
    const outcome = await streamTurn({
      client,
      body: BODY,
      signal: new AbortController().signal,
      onEvent: (event, snapshot) => seen.push({ type: event.type, text: textOf(snapshot.content) }),
    });
    assert.equal(outcome.kind, 'complete');
    assert.equal(outcome.kind === 'complete' && textOf(outcome.message.content), 'abc');
    assert.equal(outcome.kind === 'complete' && outcome.message.stop_reason, 'end_turn');
    assert.equal(outcome.kind === 'complete' && outcome.message.usage.output_tokens, 7);
    assert.deepEqual(
      seen.map((s) => s.type),
      ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    assert.deepEqual(
      seen.map((s) => s.text),
      ['', '', 'a', 'ab', 'abc', 'abc', 'abc', 'abc'],
    );
    assert.deepEqual(client.requests, [BODY]);
  });

  it('returns a copy, not the client\'s live snapshot', async () => {
    let live: Message | undefined;
    const client = {
      async *stream(): AsyncGenerator<StreamItem> {
        live = { id: 'm', type: 'message', role: 'assistant', model: MODEL, content: [{ type: 'text', text: 'x' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
        await Promise.resolve();
        yield { event: { type: 'message_stop' }, snapshot: live };
      },
    };
    const outcome = await streamTurn({ client, body: BODY, signal: new AbortController().signal });
    assert.equal(outcome.kind, 'complete');
    assert.ok(live);
    live.content.push({ type: 'text', text: 'later' });
    assert.equal(outcome.kind === 'complete' && outcome.message.content.length, 1);
    assert.notEqual(outcome.kind === 'complete' && outcome.message, live);
  });

  it('passes the signal and onRetry to the client', async () => {
    const notices: RetryNotice[] = [];
    const retry: RetryNotice = { attempt: 1, delayMs: 250, error: new Error('429') };
    const client = new FakeClient([replay(textReply(['ok']), { retries: [retry] })]);
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const spy = {
      stream: (body: typeof BODY, options: { signal?: AbortSignal; onRetry?: (n: RetryNotice) => void }) => {
        signal = options.signal;
        return client.stream(body, options);
      },
    };
    await streamTurn({ client: spy, body: BODY, signal: controller.signal, onRetry: (n) => notices.push(n) });
    assert.equal(signal, controller.signal);
    assert.deepEqual(notices, [retry]);
  });

  it('returns stopped with the partial when the client throws after an abort', async () => {
    const controller = new AbortController();
    const client = new FakeClient([replay(textReply(['kept ', 'dropped']), { waitForAbortAfter: 3, onWaiting: () => controller.abort() })]);
    const outcome = await streamTurn({ client, body: BODY, signal: controller.signal });
    assert.equal(outcome.kind, 'stopped');
    assert.equal(outcome.kind === 'stopped' && textOf(outcome.partial?.content), 'kept ');
  });

  it('returns stopped when the stream just ends after an abort', async () => {
    const controller = new AbortController();
    const client = {
      async *stream(): AsyncGenerator<StreamItem> {
        const snapshot: Message = { id: 'm', type: 'message', role: 'assistant', model: MODEL, content: [{ type: 'text', text: 'so far' }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
        await Promise.resolve();
        yield { event: { type: 'ping' } as StreamEvent, snapshot };
        controller.abort();
      },
    };
    const outcome = await streamTurn({ client, body: BODY, signal: controller.signal });
    assert.equal(outcome.kind, 'stopped');
    assert.equal(outcome.kind === 'stopped' && textOf(outcome.partial?.content), 'so far');
  });

  it('returns stopped with no partial when aborted before anything arrived', async () => {
    const controller = new AbortController();
    controller.abort();
    const client = new FakeClient([replay(textReply(['x']), { waitForAbortAfter: 0 })]);
    const outcome = await streamTurn({ client, body: BODY, signal: controller.signal });
    assert.equal(outcome.kind, 'stopped');
    // The accumulator's placeholder before message_start has no content.
    assert.deepEqual(outcome.kind === 'stopped' ? outcome.partial?.content : undefined, []);
  });

  it('returns error with the partial the error carries', async () => {
    let thrown: unknown;
    const client = new FakeClient([
      replay(textReply(['one ', 'two ', 'three']), {
        failAfter: 5,
        error: (partial) => (thrown = new StreamInterruptedError('dropped', partial)),
      }),
    ]);
    const outcome = await streamTurn({ client, body: BODY, signal: new AbortController().signal });
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.kind === 'error' && outcome.error, thrown);
    assert.equal(outcome.kind === 'error' && textOf(outcome.partial?.content), 'one two three');
  });

  it('falls back to the last snapshot when the error carries no partial', async () => {
    const client = new FakeClient([replay(textReply(['one ', 'two']), { failAfter: 4, error: () => new Error('boom') })]);
    const outcome = await streamTurn({ client, body: BODY, signal: new AbortController().signal });
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.kind === 'error' && (outcome.error as Error).message, 'boom');
    assert.equal(outcome.kind === 'error' && textOf(outcome.partial?.content), 'one two');
  });

  it('returns error with no partial when the client fails at once', async () => {
    const client = {
      stream(): AsyncIterable<StreamItem> {
        throw new Error('cannot connect');
      },
    };
    const outcome = await streamTurn({ client, body: BODY, signal: new AbortController().signal });
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.kind === 'error' && outcome.partial, undefined);
  });

  it('returns error when the stream ends without any event', async () => {
    const client = new FakeClient([replay([])]);
    const outcome = await streamTurn({ client, body: BODY, signal: new AbortController().signal });
    assert.equal(outcome.kind, 'error');
    assert.match(outcome.kind === 'error' ? (outcome.error as Error).message : '', /ended before the reply started/);
  });
});
