import * as assert from 'node:assert/strict';
import { insideFence, NO_FENCE, scanFences, type FenceScan } from '../../../src/webview/render/fenceScan';

/** Whether the end of the pieces, read one after another, is inside a fence. */
function inside(...pieces: string[]): boolean {
  return insideFence(pieces.reduce<FenceScan>((scan, piece) => scanFences(scan, piece), NO_FENCE));
}

describe('fence scan across the blocks of a text run', () => {
  it('knows when a point is inside a code fence, a block ending mid-line', () => {
    assert.equal(inside('Plain text.'), false);
    assert.equal(inside('```js\nconst a'), true, 'in the code');
    assert.equal(inside('```js'), true, 'on the opening line');
    assert.equal(inside('```js\nconst a = 1;\n```'), false, 'on the closing line');
    assert.equal(inside('```js\nconst a', ' = 1;\n``', '`\n\nDone.'), false, 'a closing line split over blocks');
    assert.equal(inside('~~~\n```\nstill code'), true, 'a fence closes only with its own char');
    assert.equal(inside('````\n```\nstill code'), true, 'and not with a shorter run');
    assert.equal(inside('Text with ```inline``` code'), false, 'backticks inside a line open nothing');
  });
});
