import assert from 'node:assert/strict';
import { computeHunks } from '../../../src/common/edits/diff';
import { HunkTracker, hunkLineSpan, reviewedString, textWithHunksRejected } from '../../../src/common/edits/hunkTracker';
import type { ContentChange } from '../../../src/common/edits/rebase';
import { applyOffsetEdits } from '../../../src/common/edits/textEdit';
import { TextSnapshot } from '../../../src/common/edits/textSnapshot';

const baseline = 'one\ntwo\nthree\nfour\n';
// Hunk 0 replaces line 1 ("two"); hunk 1 appends "five" after the last line.
const applied = 'one\nTWO\nthree\nfour\nfive\n';

/** A document under review: its text, and a tracker fed every change as the host feeds it. */
class Doc {
  readonly tracker: HunkTracker;
  constructor(
    public text: string,
    base: string,
  ) {
    this.tracker = new HunkTracker(text, computeHunks(base, text));
  }

  /** Applies changes in order (each against the text the previous left); returns the hunks resolved. */
  change(...changes: ContentChange[]): number[] {
    for (const c of changes) {
      this.text = applyOffsetEdits(this.text, [{ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, newText: c.text }]);
    }
    return this.tracker.follow(changes, reviewedString(this.text));
  }

  type(offset: number, text: string): number[] {
    return this.change({ rangeOffset: offset, rangeLength: 0, text });
  }

  spans(): Array<{ id: number; text: string; edited: boolean }> {
    return this.tracker.pending.map((h) => ({ id: h.id, text: this.text.slice(h.start, h.end), edited: h.edited }));
  }

  rejectedAll(): string {
    return textWithHunksRejected(this.text, this.tracker.pending);
  }
}

describe('edits/hunkTracker', () => {
  it('positions each hunk on its new lines, keeping the original text a reject restores', () => {
    const doc = new Doc(applied, baseline);
    assert.deepEqual(
      doc.tracker.pending.map((h) => [h.id, h.start, h.end, h.originalText]),
      [[0, 4, 8, 'two\n'], [1, 19, 24, '']],
    );
    assert.equal(doc.rejectedAll(), baseline);
  });

  it('shifts hunks after a change before them, and reject keeps what the user typed elsewhere', () => {
    const doc = new Doc(applied, baseline);
    doc.type(0, '// top\n');
    assert.deepEqual(doc.spans(), [{ id: 0, text: 'TWO\n', edited: false }, { id: 1, text: 'five\n', edited: false }]);
    assert.equal(doc.rejectedAll(), '// top\n' + baseline);
  });

  it('grows a hunk the user types into and marks it edited; hunks before it stay put', () => {
    const doc = new Doc(applied, baseline);
    const outcome = doc.tracker.applyChange({ rangeOffset: 21, rangeLength: 0, text: 'XX' });
    doc.text = applied.slice(0, 21) + 'XX' + applied.slice(21);
    assert.deepEqual(outcome, { touched: [1], dropped: [] });
    assert.deepEqual(doc.spans(), [{ id: 0, text: 'TWO\n', edited: false }, { id: 1, text: 'fiXXve\n', edited: true }]);
  });

  it('leaves a hunk alone when typing starts the line after it, but not when the hunk ends mid-line', () => {
    const doc = new Doc(applied, baseline);
    doc.type(8, 'x');
    assert.deepEqual(doc.spans()[0], { id: 0, text: 'TWO\n', edited: false });

    // The last line has no line break: typing at its end is typing in the hunk.
    const open = new Doc('a\nB', 'a\nb');
    open.type(3, '!');
    assert.deepEqual(open.spans(), [{ id: 0, text: 'B!', edited: true }]);
  });

  it('drops the hunks one change spans together (their separating text is gone)', () => {
    const doc = new Doc(applied, baseline);
    const outcome = doc.tracker.applyChange({ rangeOffset: 0, rangeLength: applied.length, text: 'all new\n' });
    assert.deepEqual(outcome, { touched: [], dropped: [0, 1] });
    assert.equal(doc.tracker.size, 0);
  });

  it('resolves a hunk edited back to its original text, and only that one', () => {
    const doc = new Doc(applied, baseline);
    const resolved = doc.change({ rangeOffset: 4, rangeLength: 3, text: 'two' });
    assert.deepEqual(resolved, [0]);
    assert.deepEqual(doc.spans().map((s) => s.id), [1]);
    assert.equal(doc.tracker.get(0), undefined);
  });

  it('resolves every hunk when the whole proposal is undone region by region', () => {
    const doc = new Doc(applied, baseline);
    // VS Code reports an undo's changes last-first so each applies to the text the previous left.
    const resolved = doc.change({ rangeOffset: 19, rangeLength: 5, text: '' }, { rangeOffset: 4, rangeLength: 3, text: 'two' });
    assert.deepEqual(resolved.sort(), [0, 1]);
    assert.equal(doc.text, baseline);
    assert.equal(doc.tracker.size, 0);
  });

  it('keeps a pure deletion anchored, and resolves it when its lines are put back there', () => {
    const doc = new Doc('a\nc\n', 'a\nb\nc\n');
    assert.deepEqual(doc.tracker.pending.map((h) => [h.start, h.end, h.originalText]), [[2, 2, 'b\n']]);
    doc.type(0, 'zero\n');
    assert.deepEqual(doc.tracker.pending.map((h) => [h.start, h.end]), [[7, 7]]);
    assert.equal(doc.rejectedAll(), 'zero\na\nb\nc\n');
    assert.deepEqual(doc.type(7, 'b\n'), [0]);
  });

  it('reports line spans: a span ending at a line start excludes that line; a deletion ends before it starts', () => {
    const text = 'a\nX\nY\nc';
    const doc = new Doc(text, 'a\nb\nc');
    const at = (offset: number) => new TextSnapshot(doc.text).positionAt(offset);
    const [hunk] = doc.tracker.pending;
    assert.ok(hunk);
    assert.deepEqual(hunkLineSpan(hunk, at), { startLine: 1, endLine: 2 });
    const deletion = new Doc('a\nc\n', 'a\nb\nc\n').tracker.pending[0];
    assert.ok(deletion);
    assert.deepEqual(hunkLineSpan(deletion, (o) => new TextSnapshot('a\nc\n').positionAt(o)), { startLine: 1, endLine: 0 });
    // A hunk on the last line without a line break ends on that line.
    const last = new Doc('a\nB', 'a\nb').tracker.pending[0];
    assert.ok(last);
    assert.deepEqual(hunkLineSpan(last, (o) => new TextSnapshot('a\nB').positionAt(o)), { startLine: 1, endLine: 1 });
  });

  it('answers line starts with VS Code line breaks, a lone CR included', () => {
    const text = reviewedString('a\r\nb\rc\nd');
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].filter((o) => text.isLineStart(o)), [0, 3, 5, 7]);
    assert.equal(text.slice(3, 5), 'b\r');
  });

  it('lets Reject All restore the baseline around what the user typed between the hunks', () => {
    for (const typed of ['x', 'new line\n', '\n\n']) {
      const doc = new Doc(applied, baseline);
      doc.type(8, typed); // the start of "three", between the two hunks
      assert.equal(doc.rejectedAll(), `one\ntwo\n${typed}three\nfour\n`);
    }
  });
});
