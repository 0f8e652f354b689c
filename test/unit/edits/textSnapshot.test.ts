import assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../../src/common/edits/textEdit';
import { TextSnapshot, computeLineStarts, detectEol } from '../../../src/common/edits/textSnapshot';
import { lfView, withEol } from '../../../src/common/edits/eolText';

describe('edits/textSnapshot', () => {
  it('detects the EOL by majority, with a fallback when there is none', () => {
    assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectEol('a\nb\nc\r\n'), '\n');
    assert.equal(detectEol('abc'), '\n');
    assert.equal(detectEol('abc', '\r\n'), '\r\n');
  });

  it('finds line starts for LF, CRLF and lone CR like VS Code', () => {
    assert.deepEqual(computeLineStarts(''), [0]);
    assert.deepEqual(computeLineStarts('a\nb'), [0, 2]);
    assert.deepEqual(computeLineStarts('a\r\nb\rc\n'), [0, 3, 5, 7]);
  });

  it('converts offsets and positions both ways in UTF-16 units', () => {
    const s = new TextSnapshot('ab\r\n😀x\ny', 3);
    assert.equal(s.version, 3);
    assert.equal(s.eol, '\n'); // one CRLF, one LF: not a majority
    assert.equal(s.lineCount, 3);
    assert.deepEqual(s.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(s.positionAt(7), { line: 1, character: 3 }); // after the surrogate pair and x
    assert.equal(s.offsetAt({ line: 1, character: 2 }), 6);
    assert.equal(s.lineText(1), '😀x');
    assert.equal(s.lineText(0), 'ab');
    for (let o = 0; o <= s.text.length; o++) {
      if (o === 3) continue; // between \r and \n: VS Code reports the line end
      assert.equal(s.offsetAt(s.positionAt(o)), o, `offset ${o}`);
    }
    assert.deepEqual(s.positionAt(3), { line: 0, character: 2 });
  });

  it('clamps out-of-range positions and offsets', () => {
    const s = new TextSnapshot('ab\ncd');
    assert.deepEqual(s.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(s.positionAt(99), { line: 1, character: 2 });
    assert.equal(s.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(s.offsetAt({ line: 9, character: 0 }), 5);
    assert.equal(s.offsetAt({ line: -1, character: 0 }), 0);
  });

  it('applies offset edits and refuses overlapping ones', () => {
    assert.equal(applyOffsetEdits('hello world', [{ start: 6, end: 11, newText: 'there' }, { start: 0, end: 0, newText: '>' }]), '>hello there');
    assert.throws(() => applyOffsetEdits('abc', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }]), /overlap/);
    assert.throws(() => applyOffsetEdits('abc', [{ start: 2, end: 5, newText: '' }]), /outside/);
  });

  it('maps LF-view offsets back to the CRLF original, before the CR at line ends', () => {
    const v = lfView('a\r\nb\r\n');
    assert.equal(v.text, 'a\nb\n');
    assert.deepEqual([0, 1, 2, 3, 4].map((o) => v.toOriginal(o)), [0, 1, 3, 4, 6]);
    assert.equal(withEol('x\ny\r\nz', '\r\n'), 'x\r\ny\r\nz');
    assert.equal(withEol('x\r\ny', '\n'), 'x\ny');
  });
});
