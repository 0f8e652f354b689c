import assert from 'node:assert/strict';
import { toApiMessages } from '../../../src/common/conversation/apiMessages';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn } from '../../../src/common/conversation/conversation';
import type { Conversation } from '../../../src/common/conversation/model';
import { parseConversation, serializeConversation } from '../../../src/common/conversation/serialization';
import { mergeConversations, mergeFromDisk } from '../../../src/common/conversation/storeMerge';
import { canRegenerate, editQuestion, regenerateReply, retryFailedReply, turnsAfterQuestion } from '../../../src/common/conversation/versions';
import { toViewTurns } from '../../../src/common/conversation/viewTurns';
import { conversationTotals } from '../../../src/common/conversation/pricing';

function ask(c: Conversation, id: string, text = id): void {
  appendUserTurn(c, { content: [{ type: 'text', text }], id, now: 1 });
}
function reply(c: Conversation, id: string, text: string, status: 'done' | 'stopped' | 'error' = 'done'): void {
  startAssistantTurn(c, { model: 'm', id, now: 1 });
  finishAssistantTurn(c, id, { status, snapshot: { content: text ? [{ type: 'text', text }] : [], stopReason: status === 'done' ? 'end_turn' : null } }, 2);
}
function exchange(): Conversation {
  const c = createConversation({ model: 'm', id: 'c', now: 0 });
  ask(c, 'q1');
  reply(c, 'a1', 'A1');
  ask(c, 'q2');
  reply(c, 'a2', 'A2');
  return c;
}
const ids = (c: Conversation): string[] => c.turns.map((t) => t.id);
const sentTexts = (c: Conversation): string[] => toApiMessages(c).map((m) => (Array.isArray(m.content) ? m.content.map((b) => (b.type === 'text' ? b.text : b.type)).join('|') : m.content));

describe('conversation/versions', () => {
  it('regenerate moves the last reply into the earlier replies of its question; only the current version is sent', () => {
    const c = exchange();
    assert.equal(canRegenerate(c, 'a1'), false, 'not the last reply');
    assert.equal(regenerateReply(c, 'a1'), false);
    assert.equal(regenerateReply(c, 'a2'), true);
    assert.deepEqual(ids(c), ['q1', 'a1', 'q2']);
    assert.deepEqual(c.turns[2]?.earlierReplies?.map((v) => v.map((t) => t.id)), [['a2']]);
    assert.deepEqual(sentTexts(c), ['q1', 'A1', 'q2'], 'the old reply is not sent (no prefill)');
    reply(c, 'a2b', 'A2b');
    assert.deepEqual(sentTexts(c), ['q1', 'A1', 'q2', 'A2b']);
    const view = toViewTurns(c);
    assert.deepEqual(view.map((t) => t.earlierVersions?.length ?? 0), [0, 0, 0, 1], 'the pager sits on the first turn of the reply');
    assert.equal(view[3]?.earlierVersions?.[0]?.id, 'a2');
  });

  it('counts the earlier versions in the conversation totals (they were paid for)', () => {
    const c = createConversation({ model: 'claude-sonnet-4-5', id: 'c', now: 0 });
    ask(c, 'q1');
    const usage = { input_tokens: 100, output_tokens: 10, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    startAssistantTurn(c, { model: 'claude-sonnet-4-5', id: 'a1', now: 1 });
    finishAssistantTurn(c, 'a1', { status: 'done', snapshot: { content: [{ type: 'text', text: 'A' }], usage, stopReason: 'end_turn' } });
    const before = conversationTotals(c);
    regenerateReply(c, 'a1');
    startAssistantTurn(c, { model: 'claude-sonnet-4-5', id: 'a2', now: 2 });
    finishAssistantTurn(c, 'a2', { status: 'done', snapshot: { content: [{ type: 'text', text: 'B' }], usage, stopReason: 'end_turn' } });
    const after = conversationTotals(c);
    assert.equal(after.inputTokens, 2 * before.inputTokens);
    assert.equal(after.outputTokens, 20);
    assert.ok(before.dollars !== undefined && after.dollars !== undefined && Math.abs(after.dollars - 2 * before.dollars) < 1e-12);
  });

  it('refuses to regenerate a reply that streams, and a conversation with no question', () => {
    const c = exchange();
    ask(c, 'q3');
    startAssistantTurn(c, { model: 'm', id: 'a3', now: 3 });
    assert.equal(regenerateReply(c, 'a3'), false);
    const empty = createConversation({ model: 'm', id: 'e', now: 0 });
    startAssistantTurn(empty, { model: 'm', id: 'x', now: 0 });
    finishAssistantTurn(empty, 'x', { status: 'done' });
    assert.equal(regenerateReply(empty, 'x'), false);
  });

  it('an inline edit\'s note is neither regenerated nor edited, and the view marks both its turns; a question after it is', () => {
    const c = exchange();
    appendUserTurn(c, { content: [{ type: 'text', text: 'Inline edit: add a comment' }], id: 'n1', now: 3, purpose: 'edit-note' });
    reply(c, 'n2', 'Added a comment. Cost: $0.01');
    assert.equal(canRegenerate(c, 'n2'), false);
    assert.equal(regenerateReply(c, 'n2'), false);
    assert.equal(editQuestion(c, 'n1', 'something else'), false);
    assert.deepEqual(ids(c), ['q1', 'a1', 'q2', 'a2', 'n1', 'n2'], 'nothing moved');
    const views = toViewTurns(c);
    assert.deepEqual(views.map((v) => v.editNote === true), [false, false, false, false, true, true]);
    ask(c, 'q3');
    reply(c, 'a3', 'A3');
    assert.equal(regenerateReply(c, 'a3'), true, 'a chat question after the note is asked again as usual');
    assert.deepEqual(ids(c), ['q1', 'a1', 'q2', 'a2', 'n1', 'n2', 'q3']);
  });

  it('regenerates the whole reply across a tool round and a continuation; every sent tool call keeps its result', () => {
    const c = createConversation({ model: 'm', id: 'c', now: 0 });
    ask(c, 'q1');
    startAssistantTurn(c, { model: 'm', id: 't1', now: 1 });
    finishAssistantTurn(c, 't1', { status: 'done', snapshot: { content: [{ type: 'tool_use', id: 'toolu_1', name: 'edit', input: {} }], stopReason: 'tool_use' } });
    appendUserTurn(c, { content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }], id: 'r1', now: 2 });
    reply(c, 'a1', 'Cut', 'done');
    appendUserTurn(c, { content: [{ type: 'text', text: 'go on' }], id: 'k1', now: 3, purpose: 'continue' });
    reply(c, 'a1b', 'rest');
    assert.equal(regenerateReply(c, 'a1b'), true);
    assert.deepEqual(ids(c), ['q1']);
    assert.deepEqual(c.turns[0]?.earlierReplies?.[0]?.map((t) => t.id), ['t1', 'r1', 'a1', 'k1', 'a1b']);
    assert.deepEqual(toApiMessages(c).map((m) => m.role), ['user']);
    reply(c, 'a2', 'Fresh');
    const version = toViewTurns(c)[1]?.earlierVersions?.[0];
    assert.deepEqual(version?.blocks.map((b) => b.type), ['tool_use', 'text', 'text'], 'one read-only turn: the replies\' blocks in order');
    assert.equal(version?.usage, undefined, 'no part\'s usage passed off as the version\'s');
  });

  it('retry moves only the failed turn (a tool round before it stays and is not redone)', () => {
    const c = createConversation({ model: 'm', id: 'c', now: 0 });
    ask(c, 'q1');
    startAssistantTurn(c, { model: 'm', id: 't1', now: 1 });
    finishAssistantTurn(c, 't1', { status: 'done', snapshot: { content: [{ type: 'tool_use', id: 'toolu_1', name: 'edit', input: {} }], stopReason: 'tool_use' } });
    appendUserTurn(c, { content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }], id: 'r1', now: 2 });
    reply(c, 'bad', 'Half', 'error');
    assert.ok(retryFailedReply(c));
    assert.deepEqual(ids(c), ['q1', 't1', 'r1']);
    assert.deepEqual(c.turns[2]?.earlierReplies?.[0]?.map((t) => t.id), ['bad']);
    assert.deepEqual(toApiMessages(c).map((m) => m.role), ['user', 'assistant', 'user'], 'tool call and result go together');
    assert.equal(retryFailedReply(c), undefined, 'nothing failed now');
  });

  it('edit replaces the question\'s typed text, keeps its attachments, drops the turns after it and its earlier replies', () => {
    const c = createConversation({ model: 'm', id: 'c', now: 0 });
    appendUserTurn(c, { content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'What is this?' }], attachments: [{ id: 'at1', name: 'a.png', kind: 'image', detail: 'image' }], id: 'q1', now: 1 });
    reply(c, 'a1', 'A picture');
    regenerateReply(c, 'a1');
    reply(c, 'a1b', 'An image');
    ask(c, 'q2');
    reply(c, 'a2', 'A2');
    assert.equal(turnsAfterQuestion(c, 'q1'), 3);
    assert.equal(turnsAfterQuestion(c, 'a1b'), undefined, 'a reply is no question');
    assert.equal(editQuestion(c, 'q1', '  '), false, 'blank text refused');
    assert.equal(editQuestion(c, 'q1', 'What does this picture show?'), true);
    assert.deepEqual(ids(c), ['q1']);
    const q = c.turns[0];
    assert.equal(q?.role, 'user');
    assert.deepEqual(q?.content.map((b) => b.type), ['image', 'text']);
    assert.equal(q?.role === 'user' && q.attachments?.[0]?.name, 'a.png');
    assert.equal(q?.earlierReplies, undefined, 'answers to the old wording are gone with it');
    assert.deepEqual(sentTexts(c), ['image|What does this picture show?']);
  });

  it('saves and reads back versions, and refuses malformed ones', () => {
    const c = exchange();
    regenerateReply(c, 'a2');
    reply(c, 'a2b', 'A2b');
    const text = serializeConversation(c);
    assert.deepEqual(parseConversation(text), c);
    const broken = JSON.parse(text) as { conversation: { turns: Array<Record<string, unknown>> } };
    broken.conversation.turns[2] = { ...broken.conversation.turns[2], earlierReplies: 'nope' };
    assert.throws(() => parseConversation(JSON.stringify(broken)), /malformed earlier replies/);
  });
});

describe('conversation/storeMerge with versions and edits', () => {
  it('a regenerate here survives a save over an unchanged disk copy (the old reply stays a version, not a turn)', () => {
    const base = exchange();
    const disk = structuredClone(base);
    const mine = structuredClone(base);
    regenerateReply(mine, 'a2');
    reply(mine, 'a2b', 'A2b');
    const { merged } = mergeConversations(disk, mine, base);
    assert.deepEqual(ids(merged), ['q1', 'a1', 'q2', 'a2b']);
    assert.deepEqual(merged.turns[2]?.earlierReplies?.map((v) => v.map((t) => t.id)), [['a2']]);
  });

  it('a regenerate in the other window is taken in here: the replaced reply goes, the new one and the versions come', () => {
    const base = exchange();
    const disk = structuredClone(base);
    const mine = structuredClone(base);
    regenerateReply(disk, 'a2');
    reply(disk, 'a2b', 'A2b');
    assert.equal(mergeFromDisk(mine, disk, serializeConversation(base)), true);
    assert.deepEqual(ids(mine), ['q1', 'a1', 'q2', 'a2b']);
    assert.deepEqual(mine.turns[2]?.earlierReplies?.map((v) => v.map((t) => t.id)), [['a2']]);
  });

  it('an edit elsewhere drops the later turns here too, but a question asked here meanwhile is kept', () => {
    const base = exchange();
    const disk = structuredClone(base);
    const mine = structuredClone(base);
    editQuestion(disk, 'q1', 'q1 better');
    reply(disk, 'a1b', 'A1b');
    ask(mine, 'q3');
    const { merged } = mergeConversations(disk, mine, base);
    assert.deepEqual(ids(merged), ['q1', 'a1b', 'q3'], 'nothing written here is lost');
    assert.equal(sentTexts(merged)[0], 'q1 better');
  });

  it('without a base nothing is dropped (a drop cannot be told from an addition)', () => {
    const base = exchange();
    const mine = structuredClone(base);
    regenerateReply(mine, 'a2');
    assert.deepEqual(ids(mergeConversations(base, mine, undefined).merged), ['q1', 'a1', 'q2', 'a2']);
  });
});
