/**
 * Flows that recover from a reply that did not end well: Continue after max_tokens, Retry after the
 * connection dropped mid-stream, and a new message after the user stopped a reply before any text.
 */
import * as assert from 'node:assert/strict';
import { CONTINUE_PROMPT } from '../../../src/common/chat/chatSession';
import { dropReply, stallReply, stopReasonReply, textReply, thinkingReply } from '../../server/server';
import { textOf, type Harness } from '../chat/fakes';
import { assertAnswered, blocksOf, roles, sentBody, shownTurns } from './checks';
import type { Flow } from './world';

export const continueFlow: Flow = {
  id: 'continue',
  name: 'continue after max_tokens: a prefill where the model takes one, else a user turn asking to go on',
  requests: 2,
  async run(world) {
    const h = await world.chat();
    // Cut mid-sentence, ending in a space: a prefill must not end in whitespace.
    const cut = 'The first half of a long answer, cut in the middle of ';
    world.server.enqueue(stopReasonReply('max_tokens', { text: cut }), textReply('a sentence.'));
    await h.session.send('Write a long answer');
    assert.equal(shownTurns(h).at(-1)?.stopReason, 'max_tokens');
    await h.session.continueReply();
    assertAnswered(h, 'a sentence.');
    const second = sentBody(world.server, 1);
    if (world.capabilities.prefill) {
      assert.deepEqual(roles(second), ['user', 'assistant']);
      assert.equal(textOf(second.messages[1]?.content), cut.trimEnd());
    } else {
      assert.deepEqual(roles(second), ['user', 'assistant', 'user']);
      assert.equal(textOf(second.messages[2]?.content), CONTINUE_PROMPT);
    }
  },
};

export const retryFlow: Flow = {
  id: 'retry',
  name: 'retry after the stream dropped mid-reply: the failed attempt is not sent',
  requests: 2,
  async run(world) {
    const h = await world.chat();
    const broken = textReply('An answer that breaks off when the connection drops.');
    // message_start, the block's start, a ping and three words, then the socket is destroyed.
    world.server.enqueue(dropReply(6, { events: broken.events }), textReply('A whole answer.'));
    await h.session.send('Answer me');
    const failed = shownTurns(h).at(-1);
    assert.deepEqual([failed?.status, failed?.interrupted], ['error', true]);
    assert.match(textOf(failed?.blocks), /^An answer that /);
    await h.session.retry();
    assertAnswered(h, 'A whole answer.');
    assert.deepEqual(roles(sentBody(world.server, 1)), ['user'], 'the retry sends the conversation as it stood before the failure');
  },
};

export const earlyStopFlow: Flow = {
  id: 'early-stop',
  name: 'a message after a reply stopped before any text (mid-thinking where the model thinks): nothing empty or unsigned is sent',
  requests: 2,
  async run(world) {
    let stopped = false;
    const h: Harness = await world.chat({
      // The user presses Stop as soon as the reply's first (still empty) block shows.
      onPost: (message) => {
        if (message.type !== 'blockOps' || stopped) return;
        stopped = true;
        h.session.stop(message.requestId);
      },
    });
    // A model that thinks is stopped mid-thinking (its block not signed yet); one that does not, on
    // an empty text block. The server sends that much, then nothing more.
    const thinks = world.thinks();
    const events = thinks ? thinkingReply('Let me think about this first.', 'Never shown.').events : textReply('Never shown.').events;
    world.server.enqueue(stallReply(thinks ? 4 : 2, { events }), world.answer({}, 'A second question.', 'Sure.'));
    await h.session.send('First question');
    assert.equal(shownTurns(h).at(-1)?.status, 'stopped');
    await h.session.send('Second question');
    assertAnswered(h, 'Sure.');
    const second = sentBody(world.server, 1);
    assert.deepEqual(roles(second), ['user'], 'the stopped reply, empty or unsigned, is left out');
    assert.deepEqual(blocksOf(second.messages[0]).map((b) => b['text']), ['First question', 'Second question']);
  },
};
