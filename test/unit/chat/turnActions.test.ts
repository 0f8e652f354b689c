import assert from 'node:assert/strict';
import { contextBlockText } from '../../../src/common/conversation/contextBlocks';
import { parseConversation } from '../../../src/common/conversation/serialization';
import { harnessesRemovedAfterEach, replay, textOf, textReply, toolUseBlock, messageStart, messageEnd, type Harness } from './fakes';

const answer = (text: string) => replay(textReply([text]));

describe('ChatSession: Regenerate, Retry and Edit & Resend (turnActions.ts)', () => {
  const make = harnessesRemovedAfterEach();

  async function twoExchanges(extra: ReturnType<typeof answer>[] = []): Promise<Harness> {
    const h = await make({ scripts: [answer('A1'), answer('A2'), ...extra] });
    await h.session.send('Q1');
    await h.session.send('Q2');
    return h;
  }
  const lastId = (h: Harness): string => h.session.openConversation.turns.at(-1)?.id ?? '';

  it('regenerates the last reply in place: the view is redrawn with the new reply carrying the old as version 1 of 2, and only the new one is sent on', async () => {
    const h = await twoExchanges([answer('A2, again'), answer('A3')]);
    const replaced = lastId(h);
    const inits = h.of('init').length;
    await h.session.turnActions.regenerate(replaced);
    assert.equal(h.of('init').length, inits + 1, 'the view is redrawn (the old reply left the list)');
    assert.deepEqual(h.client.requests[2]?.messages.map((m) => `${m.role}:${textOf(m.content)}`), ['user:Q1', 'assistant:A1', 'user:Q2']);
    const shown = h.session.state().turns;
    assert.deepEqual(shown.map((t) => textOf(t.blocks)), ['Q1', 'A1', 'Q2', 'A2, again']);
    assert.deepEqual(shown.at(-1)?.earlierVersions?.map((v) => [v.id, textOf(v.blocks)]), [[replaced, 'A2']]);
    const added = h.of('turnAdded').at(-1)?.turn;
    assert.equal(added?.earlierVersions?.length, 1, 'the pager is there from the first frame of the new reply');

    await h.session.send('Q3');
    assert.deepEqual(h.client.requests[3]?.messages.map((m) => textOf(m.content)), ['Q1', 'A1', 'Q2', 'A2, again', 'Q3']);

    const saved = await h.store.load(h.session.conversationId);
    assert.deepEqual(saved?.turns[2]?.earlierReplies?.map((v) => v.map((t) => t.id)), [[replaced]], 'versions are saved with the conversation');
  });

  it('a second regenerate adds a third version, oldest first', async () => {
    const h = await twoExchanges([answer('A2b'), answer('A2c')]);
    await h.session.turnActions.regenerate(lastId(h));
    await h.session.turnActions.regenerate(lastId(h));
    assert.deepEqual(h.session.state().turns.at(-1)?.earlierVersions?.map((v) => textOf(v.blocks)), ['A2', 'A2b']);
    assert.equal(textOf(h.session.state().turns.at(-1)?.blocks), 'A2c');
  });

  it('regenerates a whole reply with its tool round, and sends no tool call without its result', async () => {
    const toolReply = [messageStart(), ...toolUseBlock(0, 'toolu_1', 'str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }), ...messageEnd('tool_use')];
    const h = await make({
      scripts: [replay(toolReply), answer('Done with the tool.'), answer('Plain answer.')],
      tools: { definitions: () => [], run: (calls) => Promise.resolve(calls.map((c) => ({ type: 'tool_result' as const, tool_use_id: c.id, content: 'file text' }))) },
    });
    await h.session.send('Look at a.ts');
    assert.equal(h.session.openConversation.turns.length, 4, 'question, tool call, tool result, answer');
    await h.session.turnActions.regenerate(lastId(h));
    assert.deepEqual(h.client.requests[2]?.messages.map((m) => m.role), ['user']);
    assert.equal(h.session.openConversation.turns.length, 2);
    assert.deepEqual(h.session.state().turns.at(-1)?.earlierVersions?.map((v) => v.blocks.map((b) => b.type)), [['tool_use', 'text']], 'the earlier version shows the whole reply');
  });

  it('refuses to regenerate a reply that is not the last, or while one streams', async () => {
    const h = await twoExchanges();
    const first = h.session.openConversation.turns[1]?.id ?? '';
    await h.session.turnActions.regenerate(first);
    assert.equal(h.client.requests.length, 2, 'nothing sent');
    assert.match(h.of('notice').at(-1)?.message ?? '', /Only the last reply can be regenerated/);
    assert.equal(h.session.openConversation.turns.length, 4, 'nothing moved');
  });

  it('retries a failed reply: it becomes the earlier version of the retry, not a second card', async () => {
    const h = await make({ scripts: [replay(textReply(['Half']), { failAfter: 3 }), answer('Whole')] });
    await h.session.send('Q');
    const failed = lastId(h);
    await h.session.retry();
    const shown = h.session.state().turns;
    assert.deepEqual(shown.map((t) => t.role), ['user', 'assistant'], 'one reply element');
    assert.deepEqual(shown[1]?.earlierVersions?.map((v) => [v.id, v.status, textOf(v.blocks)]), [[failed, 'error', 'Half']]);
    assert.deepEqual(h.client.requests[1]?.messages.map((m) => m.role), ['user']);
  });

  it('edits a question and resends: its text replaced, its attachments and context kept, the turns after it dropped', async () => {
    const h = await make({ scripts: [answer('A1'), answer('A2'), answer('A1, edited')] });
    // A context block (as Explain or an editor context puts it first) must survive the edit.
    const context = contextBlockText({ kind: 'selection', path: 'a.ts', language: 'ts', startLine: 1, endLine: 2 }, 'const a = 1;');
    await h.session.send('Q1', { blocks: [{ type: 'text', text: context }], chips: [{ label: 'a.ts:1-2', language: 'ts', text: 'const a = 1;' }] });
    await h.session.send('Q2');
    const question = h.session.openConversation.turns[0];
    assert.ok(question);
    await h.session.turnActions.editAndResend(question.id, 'Q1, put better');
    const sent = h.client.requests[2]?.messages ?? [];
    assert.deepEqual(sent.map((m) => m.role), ['user']);
    const blocks = sent[0]?.content;
    assert.ok(Array.isArray(blocks));
    assert.deepEqual(blocks.map((b) => (b.type === 'text' ? b.text : b.type)), [context, 'Q1, put better']);
    assert.deepEqual(h.session.state().turns.map((t) => textOf(t.blocks)).at(-1), 'A1, edited');
    assert.equal(h.session.state().turns.length, 2, 'Q2 and its answer are gone');
    assert.deepEqual(h.session.state().turns[0]?.chips?.map((c) => c.label), ['a.ts:1-2'], 'the chips are kept');
    const saved = await h.store.load(h.session.conversationId);
    assert.equal(saved?.turns.length, 2);
  });

  it('refuses an edit while a reply streams, of a non-question, or to blank text', async () => {
    let release: () => void = () => undefined;
    const h = await make({ scripts: [answer('A1'), replay(textReply(['slow']), { waitForAbortAfter: 2, onWaiting: () => release() })] });
    await h.session.send('Q1');
    const question = h.session.openConversation.turns[0]?.id ?? '';
    await h.session.turnActions.editAndResend(h.session.openConversation.turns[1]?.id ?? '', 'x');
    assert.match(h.of('notice').at(-1)?.message ?? '', /can no longer be edited/);
    await h.session.turnActions.editAndResend(question, '   ');
    assert.equal(h.client.requests.length, 1);
    const waiting = new Promise<void>((resolve) => { release = resolve; });
    const streaming = h.session.send('Q2');
    await waiting;
    await h.session.turnActions.editAndResend(question, 'Q1 edited');
    assert.match(h.of('notice').at(-1)?.message ?? '', /Wait for the current reply/);
    h.session.stop();
    await streaming;
    assert.equal(h.client.requests.length, 2, 'the edit sent nothing');
    assert.equal(h.session.state().turns[0] && textOf(h.session.state().turns[0]?.blocks), 'Q1');
  });

  it('reads a file of the old format (a retried reply marked superseded) as an earlier version', () => {
    const file = {
      version: 1,
      conversation: {
        id: 'c', title: 't', model: 'm', createdAt: 0, updatedAt: 0,
        turns: [
          { id: 'u', role: 'user', createdAt: 0, content: [{ type: 'text', text: 'Q' }] },
          { id: 'a1', role: 'assistant', createdAt: 0, status: 'error', model: 'm', stopReason: null, content: [], superseded: true },
          { id: 'a2', role: 'assistant', createdAt: 0, status: 'done', model: 'm', stopReason: 'end_turn', content: [{ type: 'text', text: 'ok' }] },
        ],
      },
    };
    const read = parseConversation(JSON.stringify(file));
    assert.deepEqual(read.turns.map((t) => t.id), ['u', 'a2']);
    assert.deepEqual(read.turns[0]?.earlierReplies?.map((v) => v.map((t) => t.id)), [['a1']]);
    assert.equal('superseded' in (read.turns[0]?.earlierReplies?.[0]?.[0] ?? {}), false);
  });
});
