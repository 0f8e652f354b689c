/**
 * Plain-data positions, ranges and edits, shaped like VS Code's so the host can map them 1:1
 * without this folder importing `vscode`.
 */

/** A zero-based line and a zero-based UTF-16 code-unit column, as VS Code counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open span between two positions (`end` is exclusive). */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of `range` by `newText`, like `vscode.TextEdit`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A replacement of the UTF-16 offsets `[start, end)` by `newText`. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * Applies non-overlapping offset edits, all expressed against `text`, and returns the result.
 * Throws a RangeError for edits out of bounds or overlapping each other: that is a bug in the
 * caller, and silently picking an order would write text to the wrong place.
 */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length)) {
      throw new RangeError(`Edit [${edit.start}, ${edit.end}) is outside the text (length ${text.length}).`);
    }
    if (edit.start < cursor) {
      throw new RangeError(`Edits overlap at offset ${edit.start}.`);
    }
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
