import assert from 'node:assert/strict';
import { formatIndex, isValidConversationId, parseIndex } from '../../../src/common/conversation/storeIndex';

describe('conversation/storeIndex', () => {
  it('keeps only well-formed entries with ids that are safe file names', () => {
    const index = parseIndex(JSON.stringify({
      lastOpenId: 'b',
      conversations: [
        { id: 'a', title: 'A', model: 'm', updatedAt: 1, extra: true },
        { id: '../escape', title: 'X', model: 'm', updatedAt: 2 },
        { id: 'index', title: 'X', model: 'm', updatedAt: 3 },
        { id: 'c', title: 'C', model: 'm', updatedAt: '4' },
        ['not', 'an', 'entry'],
        null,
      ],
    }));
    assert.deepEqual(index, { version: 1, lastOpenId: 'b', conversations: [{ id: 'a', title: 'A', model: 'm', updatedAt: 1 }] });
  });

  it('refuses an index without a conversations list', () => {
    assert.throws(() => parseIndex('{"conversations": {}}'), /no conversations list/);
    assert.throws(() => parseIndex('{"conversations": [tru'));
  });

  it('writes entries newest first (ties by id) and reads back what it wrote', () => {
    const conversations = [
      { id: 'old', title: 'Old', model: 'm', updatedAt: 1 },
      { id: 'b', title: 'B', model: 'm', updatedAt: 5 },
      { id: 'a', title: 'A', model: 'm', updatedAt: 5 },
    ];
    const text = formatIndex({ version: 1, conversations });
    assert.deepEqual(parseIndex(text).conversations.map((c) => c.id), ['a', 'b', 'old']);
    assert.equal(formatIndex(parseIndex(text)), text);
  });

  it('accepts ids of letters, digits, - and _ only, up to 128 characters, and never "index"', () => {
    for (const id of ['a', 'A-1_b', '0'.repeat(128), 'f47ac10b-58cc-4372-a567-0e02b2c3d479']) assert.ok(isValidConversationId(id), id);
    for (const id of ['', '-a', 'a.b', 'a/b', '0'.repeat(129), 'index', 'a\u0000']) assert.ok(!isValidConversationId(id), id);
  });
});
