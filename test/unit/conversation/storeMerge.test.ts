import assert from 'node:assert/strict';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn, updateAssistantTurn } from '../../../src/common/conversation/conversation';
import type { Conversation } from '../../../src/common/conversation/model';
import { serializeConversation } from '../../../src/common/conversation/serialization';
import { mergeConversations, mergeFromDisk } from '../../../src/common/conversation/storeMerge';
import { readStamp, stampText, UNSTAMPED } from '../../../src/common/conversation/storeStamp';
import { parseConversation } from '../../../src/common/conversation/serialization';

function base(): Conversation {
  const c = createConversation({ model: 'm1', id: 'x', title: 'Title', now: 1 });
  appendUserTurn(c, { content: [{ type: 'text', text: 'q0' }], id: 'u0', now: 2 });
  return c;
}
const ask = (c: Conversation, id: string, now: number) => appendUserTurn(c, { content: [{ type: 'text', text: id }], id, now });
const ids = (c: Conversation) => c.turns.map((t) => t.id);

describe('conversation/storeMerge', () => {
  it("keeps the disk's turns in its order, then this window's new ones in theirs (a question stays with its answer)", () => {
    const original = base();
    const disk = structuredClone(original);
    const mine = structuredClone(original);
    ask(disk, 'a1', 10);
    ask(mine, 'b1', 5);
    const reply = startAssistantTurn(mine, { model: 'm1', id: 'b2', now: 6 });
    finishAssistantTurn(mine, reply.id, { status: 'done' }, 7);
    ask(disk, 'a2', 11);
    const { merged, tookFromDisk } = mergeConversations(disk, mine, original);
    assert.deepEqual(ids(merged), ['u0', 'a1', 'a2', 'b1', 'b2']);
    assert.equal(tookFromDisk, true);
    assert.equal(merged.updatedAt, 11);
  });

  it('takes a turn from the side that changed it since the base; this window wins when both did or no base is known', () => {
    const original = base();
    startAssistantTurn(original, { model: 'm1', id: 'r', now: 3 });
    const disk = structuredClone(original);
    const mine = structuredClone(original);
    updateAssistantTurn(disk, 'r', { content: [{ type: 'text', text: 'disk' }] });
    assert.equal(textOf(mergeConversations(disk, mine, original).merged), 'disk');
    updateAssistantTurn(mine, 'r', { content: [{ type: 'text', text: 'mine' }] });
    assert.equal(textOf(mergeConversations(disk, mine, original).merged), 'mine');
    assert.equal(textOf(mergeConversations(disk, mine, undefined).merged), 'mine');
    // Nothing new on disk: nothing taken.
    assert.equal(mergeConversations(structuredClone(original), mine, original).tookFromDisk, false);
  });

  it("takes a rename made elsewhere unless this window renamed too; the model likewise", () => {
    const original = base();
    const disk = structuredClone(original);
    const mine = structuredClone(original);
    disk.title = 'Renamed elsewhere';
    disk.model = 'm2';
    let merged = mergeConversations(disk, mine, original).merged;
    assert.equal(merged.title, 'Renamed elsewhere');
    assert.equal(merged.model, 'm2');
    mine.title = 'Renamed here';
    merged = mergeConversations(disk, mine, original).merged;
    assert.equal(merged.title, 'Renamed here');
  });

  it('merges in place against the stored base: a reply streaming here wins over the stopped copy another window wrote', () => {
    const mine = base();
    const reply = startAssistantTurn(mine, { model: 'm1', id: 'r', now: 3 });
    updateAssistantTurn(mine, 'r', { content: [{ type: 'text', text: 'Hel' }] });
    const baseText = serializeConversation(mine);
    // The other window read it (stopped, interrupted), added a question and wrote it back.
    const disk = parseConversation(baseText);
    ask(disk, 'b1', 20);
    const turns = mine.turns;
    assert.equal(mergeFromDisk(mine, disk, baseText), true);
    assert.equal(mine.turns[1], reply);
    assert.equal(reply.status, 'streaming');
    assert.deepEqual(ids(mine), ['u0', 'r', 'b1']);
    assert.notEqual(mine.turns, turns, 'a new list, same turn objects');
  });
});

describe('conversation/storeStamp', () => {
  it('puts the stamp first in the envelope, reads it back, and leaves the conversation readable', () => {
    const text = stampText(serializeConversation(base()), { revision: 7, writerId: 'w1' });
    assert.ok(text.startsWith('{"store":{"revision":7,"writerId":"w1"},'));
    assert.deepEqual(readStamp(text), { revision: 7, writerId: 'w1' });
    assert.deepEqual(parseConversation(text), base());
  });

  it('reads a file without a stamp (an older version wrote it) as revision 0', () => {
    assert.deepEqual(readStamp(serializeConversation(base())), UNSTAMPED);
    assert.deepEqual(readStamp('{"store":{"revision":"x"},"version":1}'), UNSTAMPED);
    assert.throws(() => stampText('[]', UNSTAMPED), /JSON object/);
  });
});

function textOf(c: Conversation): string {
  const turn = c.turns.find((t) => t.id === 'r');
  const block = turn?.content[0] as { text?: unknown } | undefined;
  return typeof block?.text === 'string' ? block.text : '';
}
