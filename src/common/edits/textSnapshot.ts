import type { Position, Range } from './textEdit';

/** The two line-ending styles a document can be saved with, as VS Code's `EndOfLine`. */
export type Eol = '\n' | '\r\n';

/**
 * The least the edit engine needs to know about a document: its text and, when it came from an
 * open editor, its version (so the host can tell whether the document moved on since).
 */
export interface TextSnapshotLike {
  readonly text: string;
  readonly version?: number;
  /** The document's own EOL setting; detected from the text when absent. */
  readonly eol?: Eol;
}

/**
 * Picks the EOL style of `text` the way VS Code does when it opens a file: CRLF when more than half
 * of the line breaks contain a CR, LF otherwise, and `fallback` when there is no line break at all.
 */
export function detectEol(text: string, fallback: Eol = '\n'): Eol {
  let crlf = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else {
        other++;
      }
    } else if (c === 10 /* \n */) {
      other++;
    }
  }
  if (crlf + other === 0) return fallback;
  return crlf > (crlf + other) / 2 ? '\r\n' : '\n';
}

/**
 * Offsets at which each line starts. Line breaks are `\r\n`, `\n` and a lone `\r`, matching VS Code,
 * so line numbers computed here agree with what the user sees in the editor.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** An immutable view of a document's text with offset <-> position conversion in UTF-16 units. */
export class TextSnapshot implements TextSnapshotLike {
  readonly eol: Eol;
  /** Start offset of every line; there is always at least one (an empty text has one empty line). */
  readonly lineStarts: readonly number[];

  constructor(
    readonly text: string,
    readonly version?: number,
    eol?: Eol,
  ) {
    this.eol = eol ?? detectEol(text);
    this.lineStarts = computeLineStarts(text);
  }

  /** Builds a snapshot from anything snapshot-like, reusing it when it already is one. */
  static from(like: TextSnapshotLike): TextSnapshot {
    return like instanceof TextSnapshot ? like : new TextSnapshot(like.text, like.version, like.eol);
  }

  /** Number of lines as VS Code counts them: `"a\n"` has two (the second one empty). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset where line `line` ends, before its line break. */
  lineEndOffset(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    // Step back over the terminator: \r\n is two units, \n or a lone \r one.
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** Text of line `line` (zero-based) without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) throw new RangeError(`Line ${line} does not exist (${this.lineCount} lines).`);
    return this.text.slice(start, this.lineEndOffset(line));
  }

  /**
   * Position of `offset`, clamped into the text like VS Code's `positionAt`. An offset between the
   * `\r` and `\n` of a CRLF is reported at the end of that line, as VS Code does.
   */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.lineStarts[lo] ?? 0;
    return { line: lo, character: Math.min(clamped, this.lineEndOffset(lo)) - lineStart };
  }

  /** Offset of `position`, clamped to the line and to the text like VS Code's `offsetAt`. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line] ?? 0;
    const end = this.lineEndOffset(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** The range covering offsets `[start, end)`. */
  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
