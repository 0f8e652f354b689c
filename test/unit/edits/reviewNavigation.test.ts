import assert from 'node:assert/strict';
import { adjacentHunk, changeLabel, hunkIndexAt, inDocumentOrder } from '../../../src/common/edits/reviewNavigation';

// Three hunks given out of order: lines 2-3, a pure deletion before line 7, lines 10-10.
const HUNKS = [
  { id: 7, startLine: 10, endLine: 10 },
  { id: 3, startLine: 2, endLine: 3 },
  { id: 5, startLine: 7, endLine: 6 },
];

describe('review navigation', () => {
  it('orders hunks by their place in the document', () => {
    assert.deepEqual(inDocumentOrder(HUNKS).map((h) => h.id), [3, 5, 7]);
    assert.deepEqual(HUNKS.map((h) => h.id), [7, 3, 5], 'the input is not reordered');
  });

  it('finds the hunk holding a line; a pure deletion holds the line it sits before', () => {
    const ordered = inDocumentOrder(HUNKS);
    assert.deepEqual([0, 2, 3, 4, 7, 10, 11].map((line) => hunkIndexAt(ordered, line)), [-1, 0, 0, -1, 1, 2, -1]);
  });

  it('goes to the next change from inside a hunk or between hunks, wrapping after the last', () => {
    const next = (line: number) => adjacentHunk(HUNKS, line, 'next')?.hunk.id;
    assert.deepEqual([0, 2, 3, 4, 7, 8, 10, 12].map(next), [3, 5, 5, 5, 7, 7, 3, 3]);
  });

  it('goes to the previous change, wrapping before the first', () => {
    const previous = (line: number) => adjacentHunk(HUNKS, line, 'previous')?.hunk.id;
    // From line 3 (inside the first hunk, not on its first line) previous is the last hunk, not the same one.
    assert.deepEqual([0, 2, 3, 5, 7, 8, 10, 12].map(previous), [7, 7, 7, 3, 3, 5, 5, 7]);
  });

  it('says where the change is among all of them', () => {
    const found = adjacentHunk(HUNKS, 4, 'next');
    assert.deepEqual(found && [found.index, found.total], [1, 3]);
    assert.equal(found && changeLabel(found.index, found.total), 'Change 2 of 3');
    assert.equal(adjacentHunk([], 4, 'next'), undefined);
    assert.equal(adjacentHunk([{ id: 1, startLine: 5, endLine: 5 }], 5, 'next')?.hunk.id, 1, 'one hunk: next is itself');
  });
});
