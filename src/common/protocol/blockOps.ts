/**
 * The receiving half of streamed block ops: the webview applies every `blockOps` message with it,
 * and the host's tests replay what the batcher sent through it to prove the replay reproduces the
 * accumulator's snapshot. One copy, so what is tested is what runs.
 */
import type { ContentBlock } from '../anthropic/types';
import type { BlockOp } from './messages';

/**
 * Applies ops to a list of blocks, in place. A `set` stores a copy, so later appends never write
 * into the message it came in. An append to a block that does not exist, or to a field the block
 * does not hold as a string, is dropped rather than guessed at: the turn's final `turnUpdated`
 * carries the whole turn anyway.
 */
export function applyBlockOps(blocks: ContentBlock[], ops: readonly BlockOp[]): void {
  for (const op of ops) {
    if (op.op === 'set') {
      blocks[op.index] = structuredClone(op.block);
      continue;
    }
    const block = blocks[op.index];
    const current = block?.[op.field];
    if (block && typeof current === 'string') {
      block[op.field] = current + op.text;
    }
  }
}
