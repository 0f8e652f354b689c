import assert from 'node:assert/strict';
import { applyHunks, computeHunks, computeOffsetEdits, computeTextEdits, splitLinesKeepEol, stripEol } from '../../../src/common/edits/diff';
import { diffSequences, distanceLimit } from '../../../src/common/edits/lineDiff';
import { applyOffsetEdits } from '../../../src/common/edits/textEdit';
import { TextSnapshot } from '../../../src/common/edits/textSnapshot';
import { randomText, randomlyEdited, seeded } from './random';

/** Length of the longest common subsequence, by the textbook quadratic table. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1] ?? 0);
      diag = up;
    }
  }
  return row[b.length] ?? 0;
}

/** Applies a change list to `a`, to check it really produces `b`. */
function applyChanges(a: readonly string[], b: readonly string[], changes: ReturnType<typeof diffSequences>): string[] {
  const out: string[] = [];
  let i = 0;
  for (const c of changes) {
    out.push(...a.slice(i, c.aStart), ...b.slice(c.bStart, c.bEnd));
    i = c.aEnd;
  }
  return [...out, ...a.slice(i)];
}

describe('edits/diff', () => {
  it('splits lines keeping each terminator', () => {
    assert.deepEqual(splitLinesKeepEol(''), []);
    assert.deepEqual(splitLinesKeepEol('a\r\nb\nc\rd'), ['a\r\n', 'b\n', 'c\r', 'd']);
    assert.deepEqual(splitLinesKeepEol('\n\n'), ['\n', '\n']);
    assert.equal(stripEol('x\r\n'), 'x');
  });

  it('finds a shortest edit script (checked against the LCS length) on random sequences', () => {
    const rand = seeded(7);
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: Math.floor(rand() * 30) }, () => 'abcd'[Math.floor(rand() * 4)] ?? 'a');
      const b = Array.from({ length: Math.floor(rand() * 30) }, () => 'abcd'[Math.floor(rand() * 4)] ?? 'a');
      const changes = diffSequences(a, b);
      assert.deepEqual(applyChanges(a, b, changes), b, `round ${round}`);
      const cost = changes.reduce((n, c) => n + (c.aEnd - c.aStart) + (c.bEnd - c.bStart), 0);
      assert.equal(cost, a.length + b.length - 2 * lcsLength(a, b), `round ${round}: not minimal`);
    }
  });

  describe('work limit on large, very different inputs', () => {
    /** `count` distinct lines, with every other one replaced in the second sequence. */
    const alternating = (count: number): [string[], string[]] => {
      const a = Array.from({ length: count }, (_, i) => `line ${i}`);
      return [a, a.map((line, i) => (i % 2 === 0 ? `changed ${i}` : line))];
    };

    it('stays exact while the edit distance is within the limit', () => {
      const [a, b] = alternating(2000);
      assert.ok(distanceLimit(a.length, b.length) >= 2000);
      const changes = diffSequences(a, b);
      assert.equal(changes.length, 1000);
      assert.deepEqual(applyChanges(a, b, changes), b);
    });

    it('gives up past the limit and reports the differing range as one change, still correct', () => {
      // 60,000 lines with 30,000 changed ones: the exact search is O((N + M)·D), billions of steps.
      const [a, b] = alternating(60_000);
      assert.ok(distanceLimit(a.length, b.length) < 60_000);
      const started = Date.now();
      const changes = diffSequences(a, b);
      // A sanity print, not an assertion: timing depends on the machine.
      console.log(`      (60,000-line diff with 30,000 changes: ${Date.now() - started} ms)`);
      assert.deepEqual(changes, [{ aStart: 0, aEnd: 59_999, bStart: 0, bEnd: 59_999 }]);
      assert.deepEqual(applyChanges(a, b, changes), b);
    });
  });

  it('describes a one-line change as one hunk with zero-based line numbers', () => {
    const hunks = computeHunks('a\nb\nc\n', 'a\nB\nc\n');
    assert.deepEqual(hunks, [{ id: 0, originalStartLine: 1, originalLines: ['b\n'], modifiedStartLine: 1, modifiedLines: ['B\n'] }]);
  });

  it('accepts and rejects hunks independently', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\n';
    const after = 'ONE\ntwo\nthree\nfour\nFIVE\nsix\n';
    const hunks = computeHunks(before, after);
    assert.equal(hunks.length, 2);
    assert.equal(applyHunks(before, hunks, [0]), 'ONE\ntwo\nthree\nfour\nfive\n');
    assert.equal(applyHunks(before, hunks, [1]), 'one\ntwo\nthree\nfour\nFIVE\nsix\n');
    assert.equal(applyHunks(before, hunks, [0, 1]), after);
    assert.equal(applyHunks(before, hunks, []), before);
  });

  it('keeps a missing final newline and CRLF exact through accept and reject', () => {
    const before = 'a\r\nb';
    const after = 'a\r\nb\r\nc';
    const hunks = computeHunks(before, after);
    assert.equal(applyHunks(before, hunks, hunks.map((h) => h.id)), after);
    assert.equal(applyHunks(before, hunks, []), before);
  });

  it('refuses hunks that do not belong to the text', () => {
    const hunks = computeHunks('a\nb\n', 'a\nc\n');
    assert.throws(() => applyHunks('x\ny\n', hunks, [0]), /does not match/);
  });

  it('round-trips random edits: accept all == after, reject all == before, edits rebuild after', () => {
    const rand = seeded(42);
    for (let round = 0; round < 500; round++) {
      const before = randomText(rand, 40);
      const after = rand() < 0.1 ? randomText(rand, 40) : randomlyEdited(rand, before);
      const hunks = computeHunks(before, after);
      assert.equal(applyHunks(before, hunks, hunks.map((h) => h.id)), after, `round ${round}: accept all`);
      assert.equal(applyHunks(before, hunks, []), before, `round ${round}: reject all`);
      // Any subset yields a well-formed mix: each hunk's lines come from one side only.
      const subset = hunks.filter(() => rand() < 0.5).map((h) => h.id);
      const mixed = applyHunks(before, hunks, subset);
      assert.equal(applyHunks(mixed, computeHunks(mixed, after), computeHunks(mixed, after).map((h) => h.id)), after);

      const edits = computeOffsetEdits(before, after);
      assert.equal(applyOffsetEdits(before, edits), after, `round ${round}: offset edits`);
      const snap = new TextSnapshot(before);
      const fromRanges = computeTextEdits(before, after).map((e) => ({ start: snap.offsetAt(e.range.start), end: snap.offsetAt(e.range.end), newText: e.newText }));
      assert.deepEqual(fromRanges, edits, `round ${round}: ranges agree with offsets`);
      for (const e of edits) {
        for (const cut of [e.start, e.end]) {
          const code = before.charCodeAt(cut);
          assert.ok(!(code >= 0xdc00 && code <= 0xdfff), `round ${round}: edit cuts a surrogate pair`);
          assert.ok(!(before[cut - 1] === '\r' && before[cut] === '\n'), `round ${round}: edit cuts a CRLF`);
        }
      }
    }
  });

  it('narrows edits to the changed characters', () => {
    assert.deepEqual(computeOffsetEdits('const x = 1;\nfoo\n', 'const y = 1;\nfoo\n'), [{ start: 6, end: 7, newText: 'y' }]);
    assert.deepEqual(computeTextEdits('a\nb\n', 'a\nb\nc\n'), [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'c\n' }]);
    assert.deepEqual(computeOffsetEdits('same', 'same'), []);
    assert.deepEqual(computeOffsetEdits('😀', '😃'), [{ start: 0, end: 2, newText: '😃' }]);
    assert.deepEqual(computeOffsetEdits('a\r\n', 'a\n'), [{ start: 1, end: 3, newText: '\n' }]);
  });

  it('diffs a few thousand lines quickly, even when everything differs', function () {
    this.timeout(10000);
    const a = Array.from({ length: 4000 }, (_, i) => `line ${i}\n`).join('');
    const b = Array.from({ length: 4000 }, (_, i) => `other ${i}\n`).join('');
    const started = Date.now();
    const hunks = computeHunks(a, b);
    assert.equal(applyHunks(a, hunks, hunks.map((h) => h.id)), b);
    const edited = a.replace('line 1000\n', 'changed\n').replace('line 3000\n', '');
    assert.equal(computeHunks(a, edited).length, 2);
    assert.ok(Date.now() - started < 5000, 'diff too slow');
  });
});
