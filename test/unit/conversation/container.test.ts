import assert from 'node:assert/strict';
import type { Container } from '../../../src/common/anthropic/types';
import { containerOf, latestContainer } from '../../../src/common/conversation/container';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn } from '../../../src/common/conversation/conversation';
import { parseConversation, serializeConversation } from '../../../src/common/conversation/serialization';

const first: Container = { id: 'container_1', expires_at: '2026-11-24T12:30:00Z' };
const second: Container = { id: 'container_2', expires_at: '2026-11-24T13:30:00Z' };

describe('conversation/container', () => {
  it('reads only the API shape: an id and an expiry', () => {
    assert.deepStrictEqual(containerOf({ ...first, extra: 1 }), first);
    for (const bad of [null, undefined, 'container_1', { id: '', expires_at: 'x' }, { id: 'c' }, { id: 3, expires_at: 'x' }]) {
      assert.equal(containerOf(bad), undefined, JSON.stringify(bad));
    }
  });

  it("is the newest assistant turn's container; a later reply without one does not end it", () => {
    const c = createConversation({ model: 'claude-sonnet-5' });
    assert.equal(latestContainer(c), undefined);
    const turns = [first, undefined, second, undefined];
    for (const container of turns) {
      appendUserTurn(c, { content: [{ type: 'text', text: 'go' }] });
      const turn = startAssistantTurn(c, { model: 'claude-sonnet-5' });
      finishAssistantTurn(c, turn.id, { status: 'done', snapshot: { content: [{ type: 'text', text: 'ok' }], ...(container ? { container } : {}) } });
      if (container === first) assert.deepStrictEqual(latestContainer(c), first);
    }
    assert.deepStrictEqual(latestContainer(c), second);
  });

  it('survives the store: saved with the turn, read back from the file', () => {
    const c = createConversation({ model: 'claude-sonnet-5' });
    appendUserTurn(c, { content: [{ type: 'text', text: 'go' }] });
    const turn = startAssistantTurn(c, { model: 'claude-sonnet-5' });
    finishAssistantTurn(c, turn.id, { status: 'done', snapshot: { content: [], container: first } });
    assert.deepStrictEqual(latestContainer(parseConversation(serializeConversation(c))), first);
  });
});
