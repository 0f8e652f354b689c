import assert from 'node:assert/strict';
import { computeOffsetEdits } from '../../../src/common/edits/diff';
import { changesBetween, rebaseEdits } from '../../../src/common/edits/rebase';
import type { ContentChange, EditAgainstSnapshot } from '../../../src/common/edits/rebase';
import { applyOffsetEdits } from '../../../src/common/edits/textEdit';
import { randomText, randomlyEdited, seeded } from './random';

const snapshot = 'alpha\nbeta\ngamma\n';
// Replace "beta" (offsets 6-10) with "BETA".
const edit = { start: 6, end: 10, newText: 'BETA' };

function rebased(changes: ContentChange[], edits: EditAgainstSnapshot[] = [edit], current?: string) {
  const result = rebaseEdits(snapshot, edits, changes, current);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result;
}

describe('edits/rebase', () => {
  it('leaves edits alone when nothing changed', () => {
    const r = rebased([]);
    assert.deepEqual(r.edits, [{ ...edit, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } }]);
  });

  it('shifts an edit after a user change before it', () => {
    const r = rebased([{ rangeOffset: 0, rangeLength: 0, text: '// hi\n' }]);
    assert.equal(r.text, '// hi\nalpha\nbeta\ngamma\n');
    assert.deepEqual([r.edits[0]?.start, r.edits[0]?.end], [12, 16]);
    assert.deepEqual(r.edits[0]?.range.start, { line: 2, character: 0 });
    assert.equal(applyOffsetEdits(r.text, r.edits), '// hi\nalpha\nBETA\ngamma\n');
  });

  it('keeps an edit in place after a user change after it, and handles deletions before it', () => {
    const after = rebased([{ rangeOffset: 11, rangeLength: 5, text: 'GAMMA!' }]);
    assert.equal(applyOffsetEdits(after.text, after.edits), 'alpha\nBETA\nGAMMA!\n');
    const deleted = rebased([{ rangeOffset: 0, rangeLength: 6, text: '' }]);
    assert.equal(applyOffsetEdits(deleted.text, deleted.edits), 'BETA\ngamma\n');
  });

  it('applies changes sequentially, each against the text the previous one left', () => {
    const r = rebased([
      { rangeOffset: 0, rangeLength: 0, text: 'X' }, // Xalpha...
      { rangeOffset: 0, rangeLength: 1, text: 'YY' }, // YYalpha...
      { rangeOffset: 13, rangeLength: 0, text: '!' }, // after "beta\n", in the current text
    ]);
    assert.equal(r.text, 'YYalpha\nbeta\n!gamma\n');
    assert.equal(applyOffsetEdits(r.text, r.edits), 'YYalpha\nBETA\n!gamma\n');
  });

  it('reports a conflict when the user changed the text the edit replaces', () => {
    const result = rebaseEdits(snapshot, [edit, { start: 0, end: 5, newText: 'ALPHA' }], [{ rangeOffset: 8, rangeLength: 1, text: 'T' }]);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.deepEqual(result.conflicts.map((c) => [c.editIndex, c.changeIndex]), [[0, 0]]);
      assert.match(result.reason, /line 2 of the original/);
    }
  });

  it('reports a conflict for a user change that spans the edit', () => {
    assert.equal(rebaseEdits(snapshot, [edit], [{ rangeOffset: 0, rangeLength: snapshot.length, text: '' }]).ok, false);
  });

  it('allows non-empty ranges that only touch', () => {
    // The user replaced "\n" right after "beta" (offset 10): touching, not overlapping.
    const r = rebased([{ rangeOffset: 10, rangeLength: 1, text: ' \n' }]);
    assert.equal(applyOffsetEdits(r.text, r.edits), 'alpha\nBETA \ngamma\n');
    const before = rebased([{ rangeOffset: 5, rangeLength: 1, text: '\n\n' }]);
    assert.equal(applyOffsetEdits(before.text, before.edits), 'alpha\n\nBETA\ngamma\n');
  });

  it('treats an insertion at the same offset as another insertion as a conflict (order unknowable)', () => {
    const insertion = { start: 6, end: 6, newText: 'model\n' };
    assert.equal(rebaseEdits(snapshot, [insertion], [{ rangeOffset: 6, rangeLength: 0, text: 'user\n' }]).ok, false);
  });

  it('treats typing right at either edge of a replaced range as a conflict', () => {
    assert.equal(rebaseEdits(snapshot, [edit], [{ rangeOffset: 10, rangeLength: 0, text: 'x' }]).ok, false);
    assert.equal(rebaseEdits(snapshot, [edit], [{ rangeOffset: 6, rangeLength: 0, text: 'x' }]).ok, false);
  });

  it('accepts range-based edits too', () => {
    const r = rebased([{ rangeOffset: 0, rangeLength: 0, text: '\n' }], [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, newText: 'G' },
    ]);
    assert.equal(applyOffsetEdits(r.text, r.edits), '\nalpha\nbeta\nG\n');
  });

  it('fails when the changes do not lead to the current text, or lie outside it', () => {
    const missed = rebaseEdits(snapshot, [edit], [], 'something else');
    assert.equal(missed.ok, false);
    if (!missed.ok) assert.match(missed.reason, /a change was missed/);
    const outside = rebaseEdits(snapshot, [edit], [{ rangeOffset: 100, rangeLength: 1, text: '' }]);
    assert.equal(outside.ok, false);
  });

  it('refuses overlapping edits and edits outside the snapshot', () => {
    assert.equal(rebaseEdits(snapshot, [edit, { start: 8, end: 12, newText: '' }], []).ok, false);
    assert.equal(rebaseEdits(snapshot, [{ start: 0, end: 999, newText: '' }], []).ok, false);
  });

  describe('changesBetween', () => {
    it('returns nothing for equal texts and one minimal change otherwise', () => {
      assert.deepEqual(changesBetween('abc', 'abc'), []);
      assert.deepEqual(changesBetween('hello world', 'hello brave world'), [{ rangeOffset: 6, rangeLength: 0, text: 'brave ' }]);
      assert.deepEqual(changesBetween('aa', 'aaa'), [{ rangeOffset: 2, rangeLength: 0, text: 'a' }]);
    });

    it('does not cut surrogate pairs or CRLFs', () => {
      assert.deepEqual(changesBetween('😀', '😃'), [{ rangeOffset: 0, rangeLength: 2, text: '😃' }]);
      assert.deepEqual(changesBetween('a\r\nb', 'a\nb'), [{ rangeOffset: 1, rangeLength: 2, text: '\n' }]);
    });

    it('drives a rebase that reaches the current text (property)', () => {
      const rand = seeded(99);
      let rebasedCount = 0;
      for (let round = 0; round < 400; round++) {
        const snap = randomText(rand, 30);
        const target = randomlyEdited(rand, snap);
        const current = randomlyEdited(rand, snap);
        const edits = computeOffsetEdits(snap, target);
        const result = rebaseEdits(snap, edits, changesBetween(snap, current), current);
        if (!result.ok) {
          assert.ok(result.conflicts.length > 0, `round ${round}: failed without a conflict: ${result.reason}`);
          continue;
        }
        rebasedCount++;
        assert.equal(result.text, current);
        // Every rebased edit replaces exactly the text it replaced in the snapshot.
        result.edits.forEach((e, i) => {
          const original = edits[i];
          assert.ok(original);
          assert.equal(current.slice(e.start, e.end), snap.slice(original.start, original.end), `round ${round}`);
        });
        applyOffsetEdits(current, result.edits);
      }
      assert.ok(rebasedCount > 50, `only ${rebasedCount} rounds rebased`);
    });
  });
});
