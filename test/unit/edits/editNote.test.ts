import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../src/common/anthropic/models';
import type { Usage } from '../../../src/common/anthropic/types';
import { buildEditNote, editNoteText, lineChanges, recordEditNote, roundsCost, sumUsage, type EditNoteInput } from '../../../src/common/edits/editNote';
import { harnessesRemovedAfterEach, lastMessage, MODEL, replay, textReply, until } from '../chat/fakes';

/** Round figures, so the expected dollars can be worked out by hand; a long-prompt tier above 1000 tokens. */
const PRICES: ModelPricing = {
  inputPerMTok: 2,
  outputPerMTok: 10,
  cacheReadPerMTok: 0.2,
  cacheWrite5mPerMTok: 2.5,
  cacheWrite1hPerMTok: 4,
  webSearchPer1000: 10,
  longPrompt: { aboveTokens: 1000, prices: { inputPerMTok: 4, outputPerMTok: 20, cacheReadPerMTok: 0.4, cacheWrite5mPerMTok: 5, cacheWrite1hPerMTok: 8 } },
};

const ROUNDS: Usage[] = [
  { input_tokens: 600, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  { input_tokens: 1100, output_tokens: 50, cache_read_input_tokens: 100, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } },
];

function input(overrides: Partial<EditNoteInput> = {}): EditNoteInput {
  return {
    instruction: 'add a comment',
    closing: 'Added a comment above the return.',
    files: [{ relativePath: 'src/math.ts', added: 1, removed: 0, created: false }],
    refused: [],
    rounds: ROUNDS,
    model: MODEL,
    prices: PRICES,
    idPrefix: 'edit-1',
    ...overrides,
  };
}

describe('inline edit note', () => {
  const make = harnessesRemovedAfterEach();

  it('counts added and removed lines over the review\'s hunks', () => {
    assert.deepEqual(lineChanges('a\nb\nc\n', 'a\nB\nc\nd\ne\n'), { added: 3, removed: 1 });
    assert.deepEqual(lineChanges('', 'new\nfile\n'), { added: 2, removed: 0 });
    assert.deepEqual(lineChanges('same\n', 'same\n'), { added: 0, removed: 0 });
  });

  it('sums the usage of every round, cache writes by TTL and server tool requests included', () => {
    const sum = sumUsage([
      { input_tokens: 1, output_tokens: 2, cache_read_input_tokens: 3, cache_creation_input_tokens: 4, cache_creation: { ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 0 } },
      { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: null, cache_creation_input_tokens: 6, cache_creation: { ephemeral_5m_input_tokens: 1, ephemeral_1h_input_tokens: 5 }, server_tool_use: { web_search_requests: 2 } },
    ]);
    assert.deepEqual(sum, {
      input_tokens: 11,
      output_tokens: 22,
      cache_read_input_tokens: 3,
      cache_creation_input_tokens: 10,
      cache_creation: { ephemeral_5m_input_tokens: 5, ephemeral_1h_input_tokens: 5 },
      server_tool_use: { web_search_requests: 2, web_fetch_requests: 0 },
    });
  });

  it('prices each round on its own: a round past the long-prompt threshold pays the long tier, the other does not', () => {
    // Round 1: 600 prompt tokens, base tier: 600*2 + 100*10 = 2200 per M. Round 2: 1200 prompt
    // tokens, long tier: 1100*4 + 50*20 + 100*0.4 = 5440 per M. Summed first, the whole 1800-token
    // prompt would have been billed at the long tier (9840 per M).
    assert.equal(roundsCost(ROUNDS, PRICES)?.toFixed(6), ((2200 + 5440) / 1e6).toFixed(6));
    assert.equal(roundsCost(ROUNDS, undefined), undefined, 'unknown prices make no figure');
  });

  it('says what changed, where, and what it cost', () => {
    const text = editNoteText(input());
    assert.equal(text, [
      'Added a comment above the return.',
      '',
      'Proposed for review: `src/math.ts` +1 −0.',
      'Cost: $0.0076 over 2 requests (1,800 input, 150 output tokens).',
    ].join('\n'));
    const lean = editNoteText(input({ closing: ' ', prices: undefined, rounds: [ROUNDS[0]!], refused: ['b.ts'], files: [{ relativePath: 'new.ts', added: 2, removed: 0, created: true }] }));
    assert.match(lean, /^Claude ended without a closing sentence\./);
    assert.match(lean, /`new\.ts` \(new file\) \+2 −0/);
    assert.match(lean, /Not applied \(changed meanwhile\): `b\.ts`\./);
    assert.match(lean, /Cost: unknown for this model over 1 request/);
  });

  it('builds a text-only pair: the instruction with a chip that opens the file, and a reply with the summed usage', () => {
    const note = buildEditNote(input());
    assert.equal(note.question, 'Inline edit: add a comment');
    assert.deepEqual(note.files, [{ id: 'edit-1-0', kind: 'text', name: 'math.ts', path: 'src/math.ts', detail: '+1 −0 · inline edit' }]);
    assert.deepEqual(note.reply.content.map((b) => b.type), ['text']);
    assert.equal(note.reply.usage.input_tokens, 1700);
    assert.equal(note.reply.usage.output_tokens, 150);
  });

  it('lands in the chat as a finished pair, and a follow-up question sends only text turns', async () => {
    const h = await make({ scripts: [replay(textReply(['It adds.']))] });
    recordEditNote(h.session, input());
    const turns = h.session.openConversation.turns;
    assert.deepEqual(turns.map((t) => t.role), ['user', 'assistant']);
    assert.deepEqual(turns[0]?.role === 'user' && turns[0].attachments?.map((a) => a.path), ['src/math.ts']);
    assert.equal(turns[0]?.role === 'user' && turns[0].purpose, 'edit-note', 'made outside the chat: not edited or regenerated here');
    assert.equal(h.client.requests.length, 0, 'the note makes no request');

    await h.session.send('Why a comment?');
    await until(() => h.client.requests.length === 1);
    const sent = h.client.requests[0]!.messages;
    assert.deepEqual(sent.map((m) => m.role), ['user', 'assistant', 'user']);
    for (const message of sent) {
      const blocks = typeof message.content === 'string' ? [{ type: 'text' }] : message.content;
      assert.ok(blocks.every((b) => b.type === 'text'), 'no tool_use or tool_result reaches the chat');
    }
    assert.match(JSON.stringify(sent[1]), /Added a comment above the return\./);
    assert.equal(lastMessage(h.client.requests[0])?.role, 'user');
  });

  it('says so instead of adding the note while a chat reply streams', async () => {
    let waiting = false;
    const h = await make({ scripts: [replay(textReply(['Slow.']), { waitForAbortAfter: 2, onWaiting: () => { waiting = true; } })] });
    const sending = h.session.send('Hello');
    await until(() => waiting);
    recordEditNote(h.session, input());
    h.session.stop();
    await sending;
    assert.ok(h.of('notice').some((n) => /its note \(what changed and what it cost\) was not added/.test(n.message)));
    assert.deepEqual(h.session.openConversation.turns.map((t) => t.role), ['user', 'assistant']);
  });
});
