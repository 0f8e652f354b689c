/**
 * Flows that ask again: Regenerate the last reply, and Edit & Resend an earlier question. What the
 * strict server checks here: only the current version of a reply is ever sent, and an edited
 * question is sent as the last message, the turns after it gone.
 */
import * as assert from 'node:assert/strict';
import { textReply } from '../../server/server';
import { textOf } from '../chat/fakes';
import { assertAnswered, roles, sentBody, shownTurns } from './checks';
import type { Flow } from './world';

export const regenerateFlow: Flow = {
  id: 'regenerate',
  name: 'regenerate the last reply, then ask on: only the current version of the reply is sent',
  requests: 4,
  async run(world) {
    const h = await world.chat();
    world.server.enqueue(textReply('First answer.'), textReply('Second answer.'), textReply('Another second answer.'), textReply('Third answer.'));
    await h.session.send('First question');
    await h.session.send('Second question');
    const replaced = h.session.openConversation.turns.at(-1);
    assert.ok(replaced);
    await h.session.turnActions.regenerate(replaced.id);
    assertAnswered(h, 'Another second answer.');
    assert.deepEqual(roles(sentBody(world.server, 2)), ['user', 'assistant', 'user'], 'the regenerated reply is not sent back');
    assert.equal(textOf(sentBody(world.server, 2).messages[2]?.content), 'Second question');
    assert.deepEqual(shownTurns(h).at(-1)?.earlierVersions?.map((v) => textOf(v.blocks)), ['Second answer.']);
    await h.session.send('Third question');
    assertAnswered(h, 'Third answer.');
    const last = sentBody(world.server, 3);
    assert.deepEqual(roles(last), ['user', 'assistant', 'user', 'assistant', 'user']);
    assert.equal(textOf(last.messages[3]?.content), 'Another second answer.', 'the current version, and only it');
  },
};

export const editResendFlow: Flow = {
  id: 'edit-resend',
  name: 'edit the first question and send it again: the turns after it are gone from the request',
  requests: 3,
  async run(world) {
    const h = await world.chat();
    world.server.enqueue(textReply('First answer.'), textReply('Second answer.'), textReply('An answer to the edit.'));
    await h.session.send('First question');
    await h.session.send('Second question');
    const question = h.session.openConversation.turns[0];
    assert.ok(question);
    await h.session.turnActions.editAndResend(question.id, 'First question, put better');
    assertAnswered(h, 'An answer to the edit.');
    const sent = sentBody(world.server, 2);
    assert.deepEqual(roles(sent), ['user']);
    assert.equal(textOf(sent.messages[0]?.content), 'First question, put better');
    assert.equal(h.session.openConversation.turns.length, 2);
  },
};
