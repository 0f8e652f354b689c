import assert from 'node:assert/strict';
import { applyBlockOps } from '../../../src/common/protocol';
import type { BlockOp, ContentBlock } from '../../../src/common/protocol';

// The batcher's replay tests (conversation/streamOps.test.ts) and the webview's tests
// (webview/app.test.ts) run applyBlockOps too; these pin down its own rules.
describe('applyBlockOps', () => {
  it('creates blocks with set and grows text and thinking with append', () => {
    const blocks: ContentBlock[] = [];
    applyBlockOps(blocks, [
      { op: 'set', index: 0, block: { type: 'thinking', thinking: '', signature: '' } },
      { op: 'append', index: 0, field: 'thinking', text: 'Let me ' },
      { op: 'append', index: 0, field: 'thinking', text: 'think' },
      { op: 'set', index: 1, block: { type: 'text', text: 'Hel' } },
      { op: 'append', index: 1, field: 'text', text: 'lo' },
    ]);
    assert.deepEqual(blocks, [
      { type: 'thinking', thinking: 'Let me think', signature: '' },
      { type: 'text', text: 'Hello' },
    ]);
  });

  it('replaces a whole block with set', () => {
    const blocks: ContentBlock[] = [{ type: 'text', text: 'draft' }];
    applyBlockOps(blocks, [{ op: 'set', index: 0, block: { type: 'text', text: 'final', citations: [] } }]);
    assert.deepEqual(blocks, [{ type: 'text', text: 'final', citations: [] }]);
  });

  it('stores copies: appends never write into the message a set came in', () => {
    const op: BlockOp = { op: 'set', index: 0, block: { type: 'text', text: 'a' } };
    const blocks: ContentBlock[] = [];
    applyBlockOps(blocks, [op, { op: 'append', index: 0, field: 'text', text: 'b' }]);
    assert.deepEqual(blocks, [{ type: 'text', text: 'ab' }]);
    assert.deepEqual(op.block, { type: 'text', text: 'a' });
  });

  it('drops an append to a missing block or to a field the block does not hold as a string', () => {
    const blocks: ContentBlock[] = [
      { type: 'text', text: 'x' },
      { type: 'tool_use', id: 't', name: 'n', input: {} },
    ];
    const before = structuredClone(blocks);
    applyBlockOps(blocks, [
      { op: 'append', index: 5, field: 'text', text: 'lost' },
      { op: 'append', index: 0, field: 'thinking', text: 'lost' },
      { op: 'append', index: 1, field: 'text', text: 'lost' },
    ]);
    assert.deepEqual(blocks, before);
    assert.equal(blocks.length, 2);
  });

  it('does nothing for no ops', () => {
    const blocks: ContentBlock[] = [{ type: 'text', text: 'x' }];
    applyBlockOps(blocks, []);
    assert.deepEqual(blocks, [{ type: 'text', text: 'x' }]);
  });
});
