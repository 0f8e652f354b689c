import { diffSequences } from './lineDiff';
import type { OffsetEdit, TextEdit } from './textEdit';
import { TextSnapshot } from './textSnapshot';

/**
 * One reviewable change between two texts. Line numbers are zero-based, as in VS Code ranges. Each
 * line keeps its own terminator (`\r\n`, `\n`, `\r`, or none for a last line without one), so
 * `originalLines.join('')` is exactly the replaced text: that is what lets accept/reject per hunk
 * reproduce either text byte for byte. Use {@link stripEol} to display a line.
 */
export interface DiffHunk {
  /** Stable within one diff: the hunk's index. */
  readonly id: number;
  /** First replaced line of the original; for a pure insertion, the line it goes before. */
  readonly originalStartLine: number;
  readonly originalLines: readonly string[];
  /** First line of the replacement in the modified text. */
  readonly modifiedStartLine: number;
  readonly modifiedLines: readonly string[];
}

/** Splits `text` into lines that each keep their terminator; an empty text has no lines. */
export function splitLinesKeepEol(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** `line` without its terminator. */
export function stripEol(line: string): string {
  return line.replace(/(?:\r\n|\r|\n)$/, '');
}

/** The line hunks turning `before` into `after`, in ascending order. */
export function computeHunks(before: string, after: string): DiffHunk[] {
  const a = splitLinesKeepEol(before);
  const b = splitLinesKeepEol(after);
  return diffSequences(a, b).map((c, id) => ({
    id,
    originalStartLine: c.aStart,
    originalLines: a.slice(c.aStart, c.aEnd),
    modifiedStartLine: c.bStart,
    modifiedLines: b.slice(c.bStart, c.bEnd),
  }));
}

/**
 * `before` with only the hunks whose id is in `acceptedIds` applied. Rejecting all returns `before`
 * and accepting all returns the diff's `after`, byte for byte. Throws when a hunk does not describe
 * `before` (hunks of another text would put lines in the wrong place).
 */
export function applyHunks(before: string, hunks: readonly DiffHunk[], acceptedIds: Iterable<number>): string {
  const accepted = new Set(acceptedIds);
  const lines = splitLinesKeepEol(before);
  const sorted = [...hunks].sort((x, y) => x.originalStartLine - y.originalStartLine);
  let out = '';
  let cursor = 0;
  for (const hunk of sorted) {
    const start = hunk.originalStartLine;
    const end = start + hunk.originalLines.length;
    if (start < cursor || end > lines.length) throw new RangeError(`Hunk ${hunk.id} overlaps another or lies outside the text.`);
    for (let i = start; i < end; i++) {
      if (lines[i] !== hunk.originalLines[i - start]) throw new Error(`Hunk ${hunk.id} does not match the text at line ${i}.`);
    }
    out += lines.slice(cursor, start).join('');
    out += (accepted.has(hunk.id) ? hunk.modifiedLines : hunk.originalLines).join('');
    cursor = end;
  }
  return out + lines.slice(cursor).join('');
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Narrows a replacement of `oldText` by `newText` to the part that really changes, without cutting a
 * surrogate pair or a `\r\n` in half (VS Code cannot place a position inside either). Smaller edits
 * conflict less with concurrent typing and keep the user's cursor and markers where they were.
 */
function trimReplacement(oldText: string, newText: string): { prefix: number; suffix: number } {
  const limit = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  const splitsPair = (p: number): boolean =>
    p > 0 && (isHighSurrogate(oldText.charCodeAt(p - 1)) ||
      (oldText.charCodeAt(p - 1) === 13 && (oldText.charCodeAt(p) === 10 || newText.charCodeAt(p) === 10)));
  while (splitsPair(prefix)) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const splitsSuffix = (s: number): boolean => {
    if (s === 0) return false;
    const o = oldText.length - s;
    const n = newText.length - s;
    return isLowSurrogate(oldText.charCodeAt(o)) ||
      (oldText.charCodeAt(o) === 10 && (oldText.charCodeAt(o - 1) === 13 || newText.charCodeAt(n - 1) === 13));
  };
  while (splitsSuffix(suffix)) suffix--;
  return { prefix, suffix };
}

/** The smallest set of offset edits, against `before`, that produces `after`. */
export function computeOffsetEdits(before: string, after: string): OffsetEdit[] {
  const hunks = computeHunks(before, after);
  const lines = splitLinesKeepEol(before);
  const edits: OffsetEdit[] = [];
  let line = 0;
  let offset = 0;
  for (const hunk of hunks) {
    for (; line < hunk.originalStartLine; line++) offset += lines[line]?.length ?? 0;
    const oldText = hunk.originalLines.join('');
    const newText = hunk.modifiedLines.join('');
    const { prefix, suffix } = trimReplacement(oldText, newText);
    edits.push({
      start: offset + prefix,
      end: offset + oldText.length - suffix,
      newText: newText.slice(prefix, newText.length - suffix),
    });
    line += hunk.originalLines.length;
    offset += oldText.length;
  }
  return edits;
}

/** {@link computeOffsetEdits} as `{range, newText}` edits against `before`, ready for a WorkspaceEdit. */
export function computeTextEdits(before: string, after: string): TextEdit[] {
  const snapshot = new TextSnapshot(before);
  return computeOffsetEdits(before, after).map((e) => ({ range: snapshot.rangeAt(e.start, e.end), newText: e.newText }));
}
