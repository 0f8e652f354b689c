import assert from 'node:assert/strict';
import type { Container, Message } from '../../../src/common/anthropic/types';
import { ConversationTranscript } from '../../../src/common/chat/conversationTranscript';
import { toViewError } from '../../../src/common/chat/viewError';
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import { fallbackPrices } from '../../../src/common/conversation/pricing';
import type { HostToWebview } from '../../../src/common/protocol';

const first: Container = { id: 'container_1', expires_at: '2026-11-24T12:30:00Z' };
const second: Container = { id: 'container_2', expires_at: '2026-11-24T13:30:00Z' };

function reply(container: Container | null | undefined): Message {
  const message: Message = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-5',
    content: [{ type: 'text', text: 'ran it' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
  if (container !== undefined) message.container = container;
  return message;
}

describe("chat transcript: the reply's container", () => {
  function transcript() {
    const conversation = createConversation({ model: 'claude-sonnet-5' });
    appendUserTurn(conversation, { content: [{ type: 'text', text: 'go' }] });
    let ids = 0;
    const chat = new ConversationTranscript({
      conversation,
      requestId: 'r1',
      post: () => undefined,
      schedule: () => () => undefined,
      prices: fallbackPrices,
      clock: { newId: () => `t${++ids}`, now: () => 1 },
      model: () => 'claude-sonnet-5',
      cacheTtl: () => undefined,
      toViewError,
      save: () => undefined,
    });
    return { conversation, chat };
  }

  it('keeps it on the stored turn and offers it to the next request, also from a failed reply', () => {
    const { conversation, chat } = transcript();
    chat.startReply().finish({ kind: 'complete', message: reply(first) });
    assert.deepStrictEqual(chat.container(), first);
    const stored = conversation.turns.at(-1);
    assert.deepStrictEqual(stored?.role === 'assistant' ? stored.container : undefined, first);
    chat.startReply().finish({ kind: 'error', error: new Error('network'), partial: reply(second) });
    assert.deepStrictEqual(chat.container(), second, 'the sandbox ran even if the stream broke later');
    chat.startReply().finish({ kind: 'complete', message: reply(null) });
    assert.deepStrictEqual(chat.container(), second, 'a reply without code execution leaves it as it was');
  });
});

describe('chat transcript: how long each thinking block took', () => {
  it('times thinking from its start to its stop, and a block the reply ended inside until the end', () => {
    const conversation = createConversation({ model: 'claude-sonnet-5' });
    appendUserTurn(conversation, { content: [{ type: 'text', text: 'go' }] });
    let now = 1000;
    let ids = 0;
    const posted: HostToWebview[] = [];
    const chat = new ConversationTranscript({
      conversation,
      requestId: 'r1',
      post: (message) => posted.push(message),
      schedule: () => () => undefined,
      prices: fallbackPrices,
      clock: { newId: () => `t${++ids}`, now: () => now },
      model: () => 'claude-sonnet-5',
      cacheTtl: () => undefined,
      toViewError,
      save: () => undefined,
    });
    const sink = chat.startReply();
    const snapshot = reply(undefined);
    sink.onEvent({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }, snapshot);
    now += 12_000;
    sink.onEvent({ type: 'content_block_stop', index: 0 }, snapshot);
    sink.onEvent({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }, snapshot);
    sink.onEvent({ type: 'content_block_stop', index: 1 }, snapshot);
    sink.onEvent({ type: 'content_block_start', index: 2, content_block: { type: 'thinking', thinking: '', signature: '' } }, snapshot);
    now += 3_000;
    sink.finish({ kind: 'stopped', partial: snapshot });
    const stored = conversation.turns.at(-1);
    assert.deepStrictEqual(stored?.role === 'assistant' ? stored.thinkingMs : undefined, { 0: 12_000, 2: 3_000 });
    const updated = posted.find((m) => m.type === 'turnUpdated');
    assert.deepStrictEqual(updated?.type === 'turnUpdated' ? updated.turn.thinkingMs : undefined, { 0: 12_000, 2: 3_000 }, 'the view gets them');
  });

  it('stores nothing for a reply that did not think', () => {
    const conversation = createConversation({ model: 'claude-sonnet-5' });
    appendUserTurn(conversation, { content: [{ type: 'text', text: 'go' }] });
    const chat = new ConversationTranscript({
      conversation, requestId: 'r1', post: () => undefined, schedule: () => () => undefined, prices: fallbackPrices,
      clock: { newId: () => 'a', now: () => 1 }, model: () => 'claude-sonnet-5', cacheTtl: () => undefined, toViewError, save: () => undefined,
    });
    chat.startReply().finish({ kind: 'complete', message: reply(undefined) });
    const stored = conversation.turns.at(-1);
    assert.equal(stored?.role === 'assistant' && 'thinkingMs' in stored, false);
  });
});
