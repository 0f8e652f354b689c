import assert from 'node:assert/strict';
import { ClaudeApiError, MalformedEventError } from '../../../src/common/anthropic/errors';
import { eventsFromMessage, parseStreamEvent } from '../../../src/common/anthropic/events';
import { MessageAccumulator } from '../../../src/common/anthropic/accumulator';
import type { Message } from '../../../src/common/anthropic/types';

describe('anthropic/events parseStreamEvent', () => {
  it('parses known events and keeps extra whitespace-tolerant JSON', () => {
    const event = parseStreamEvent({ event: 'content_block_stop', data: '{"type": "content_block_stop",   "index": 2 }' });
    assert.deepStrictEqual(event, { type: 'content_block_stop', index: 2 });
  });

  it('passes unknown event types through as unrecognized, with the payload', () => {
    const event = parseStreamEvent({ event: 'message_progress', data: '{"type":"message_progress","pct":50}' });
    assert.deepStrictEqual(event, { type: 'unrecognized', name: 'message_progress', payload: { type: 'message_progress', pct: 50 } });
  });

  it('takes the type from the data when the event name is missing', () => {
    assert.deepStrictEqual(parseStreamEvent({ event: undefined, data: '{"type":"ping"}' }), { type: 'ping' });
  });

  it('ignores empty data', () => {
    assert.equal(parseStreamEvent({ event: 'ping', data: '' }), undefined);
  });

  it('throws MalformedEventError keeping the raw data for bad JSON', () => {
    const data = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"abc';
    assert.throws(
      () => parseStreamEvent({ event: 'content_block_delta', data }),
      (error: unknown) => error instanceof MalformedEventError && error.data === data && error.kind === 'malformed_event' && error.eventName === 'content_block_delta',
    );
  });

  it('throws MalformedEventError when required fields are missing', () => {
    assert.throws(() => parseStreamEvent({ event: 'content_block_delta', data: '{"type":"content_block_delta"}' }), MalformedEventError);
    assert.throws(() => parseStreamEvent({ event: 'message_start', data: '{"type":"message_start"}' }), MalformedEventError);
  });

  it('turns event: error into a typed API error', () => {
    const data = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    assert.throws(
      () => parseStreamEvent({ event: 'error', data }, { url: 'https://x' }, 'req_1'),
      (error: unknown) =>
        error instanceof ClaudeApiError && error.kind === 'overloaded_error' && error.retryable && error.requestId === 'req_1' && /Overloaded/.test(error.message),
    );
  });

  it('fills in usage when a gateway leaves it out of message_delta', () => {
    const event = parseStreamEvent({ event: 'message_delta', data: '{"type":"message_delta","delta":{"stop_reason":"end_turn"}}' });
    assert.deepStrictEqual(event, { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: {} });
  });
});

describe('anthropic/events eventsFromMessage', () => {
  it('replays a whole message into the same message', () => {
    const message: Message = {
      id: 'msg_x',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [
        { type: 'text', text: 'hi' },
        { type: 'tool_use', id: 't', name: 'n', input: { a: 1 } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 4 },
    };
    const acc = new MessageAccumulator();
    for (const event of eventsFromMessage(message)) acc.apply(event);
    const { stop_details: _sd, ...rest } = acc.snapshot();
    assert.deepStrictEqual(rest, message);
    assert.equal(acc.stopped, true);
  });
});
