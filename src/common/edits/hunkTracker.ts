/**
 * Where each hunk of a proposed edit lives in the document while it waits for review, kept up to
 * date as the document changes. No `vscode` here: offsets in, offsets out, and the document is asked
 * through {@link ReviewedText}, so the host adapts an editor buffer and the tests pass a string.
 */
import type { DiffHunk } from './diff';
import type { ContentChange } from './rebase';
import type { Position } from './textEdit';
import { computeLineStarts, TextSnapshot } from './textSnapshot';

/** One hunk under review: its current span in the document and the text a reject puts back. */
export interface TrackedHunk {
  /** The hunk's id in the diff that produced it. */
  readonly id: number;
  /** `[start, end)`: UTF-16 offsets in the document of the hunk's current text (empty for a pure deletion). */
  readonly start: number;
  readonly end: number;
  /** The original lines, EOLs included, exactly as a reject must restore them. */
  readonly originalText: string;
  /** True once the user changed text inside the hunk. */
  readonly edited: boolean;
}

/** What one document change did to the hunks. */
export interface ChangeOutcome {
  /** Hunks the change reached into (their span grew or shrank to cover it). */
  readonly touched: readonly number[];
  /**
   * Hunks dropped because one change covered several of them (select-all and type, a block paste):
   * the text that separated them is gone, so no reject could restore them faithfully. The user's
   * text stays, as if accepted.
   */
  readonly dropped: readonly number[];
}

/** What the tracker asks of the document text after the changes it follows. */
export interface ReviewedText {
  /** True when `offset` is the start of a line (0, or just after a line break). */
  isLineStart(offset: number): boolean;
  /** The text in `[start, end)`. */
  slice(start: number, end: number): string;
}

/** A pending hunk's lines in the current text: zero-based, inclusive. */
export interface HunkLineSpan {
  /** First line holding the hunk's new text, or the line a pure deletion sits before. */
  readonly startLine: number;
  /** Last line of the new text; `startLine - 1` for a pure deletion. */
  readonly endLine: number;
}

/**
 * True when a change `[cs, ce)` reaches into the hunk `[s, e)` rather than lying beside it.
 * `endIsLineStart` says whether the hunk ends at the start of a line (it normally does: hunks are
 * whole lines) rather than inside one (the last line of a file without a final line break).
 */
function reaches(s: number, e: number, cs: number, ce: number, endIsLineStart: boolean): boolean {
  if (cs === ce) {
    // Typing at the first character of a hunk is typing in its first line; typing at `e` is the
    // start of the line after it, unless the hunk ends mid-line. A pure deletion (s === e) owns its
    // anchor, so that re-inserting the removed lines there (undo, paste) can be recognised as
    // reverting it.
    if (s === e) return cs === s;
    return s <= cs && (cs < e || (cs === e && !endIsLineStart));
  }
  if (s === e) return cs < s && s < ce;
  return cs < e && s < ce;
}

/**
 * The pending hunks of one review, positioned in the current document text.
 *
 * Changes must be fed in the order they happened, each against the text the previous one left,
 * which is how VS Code reports `contentChanges`.
 */
export class HunkTracker {
  private hunks: TrackedHunk[];

  /**
   * Positions the hunks of `computeHunks(original, current)` in `current`. Hunk lines keep their
   * EOLs, so a hunk's span is exactly its modified lines joined.
   */
  constructor(current: string, diff: readonly DiffHunk[]) {
    const starts = computeLineStarts(current);
    // computeLineStarts counts an empty last line after a final EOL; a hunk at that line starts at the end.
    this.hunks = diff.map((h) => {
      const start = starts[h.modifiedStartLine] ?? current.length;
      return {
        id: h.id,
        start,
        end: start + h.modifiedLines.join('').length,
        originalText: h.originalLines.join(''),
        edited: false,
      };
    });
  }

  /** The pending hunks, in document order. */
  get pending(): readonly TrackedHunk[] {
    return this.hunks;
  }

  get size(): number {
    return this.hunks.length;
  }

  get(id: number): TrackedHunk | undefined {
    return this.hunks.find((h) => h.id === id);
  }

  /** Forgets hunks that were accepted, rejected or reverted. */
  remove(ids: Iterable<number>): void {
    const gone = new Set(ids);
    this.hunks = this.hunks.filter((h) => !gone.has(h.id));
  }

  /**
   * Moves the hunks through one change: those after it shift, those it reaches into grow or shrink
   * to cover it (and are marked edited), those it spans together are dropped. `isLineStart`
   * answers for an offset of the text before the change (for one change, the text after it
   * answers the same at the change's start); without it, hunks are taken to end at a line start.
   */
  applyChange(change: ContentChange, isLineStart: (offset: number) => boolean = () => true): ChangeOutcome {
    const cs = change.rangeOffset;
    const ce = cs + change.rangeLength;
    const delta = change.text.length - change.rangeLength;
    // Only an insertion at a hunk's end needs to know whether that end is a line start.
    const reach = (h: TrackedHunk): boolean => reaches(h.start, h.end, cs, ce, !(cs === ce && cs === h.end) || isLineStart(h.end));
    const reached = this.hunks.filter(reach).map((h) => h.id);
    const dropped = reached.length > 1 ? reached : [];
    if (dropped.length > 0) this.remove(dropped);
    const touched: number[] = [];
    this.hunks = this.hunks.map((h) => {
      if (reach(h)) {
        touched.push(h.id);
        return { ...h, start: Math.min(h.start, cs), end: Math.max(h.end, ce) + delta, edited: true };
      }
      // Wholly before the hunk (an insertion at a non-empty hunk's start was handled above).
      if (ce <= h.start) return { ...h, start: h.start + delta, end: h.end + delta };
      return h;
    });
    return { touched, dropped };
  }

  /**
   * Follows a batch of document changes (in order, as VS Code reports `contentChanges`) and then
   * forgets every hunk they touched whose text is its original again (edited back by hand, or the
   * proposal undone): nothing is left to review there. `text` is the document after the batch;
   * asking it whether an offset starts a line is exact for a single change, which is what typing and
   * undo of one region produce.
   * @returns the ids of the hunks resolved that way
   */
  follow(changes: readonly ContentChange[], text: ReviewedText): number[] {
    const touched = new Set<number>();
    const isLineStart = (offset: number): boolean => text.isLineStart(offset);
    for (const change of changes) {
      for (const id of this.applyChange(change, isLineStart).touched) touched.add(id);
    }
    const reverted = [...touched].filter((id) => {
      const h = this.get(id);
      return h !== undefined && text.slice(h.start, h.end) === h.originalText;
    });
    this.remove(reverted);
    return reverted;
  }
}

/** A plain string as the {@link ReviewedText} the tracker asks, with VS Code's line breaks. */
export function reviewedString(text: string): ReviewedText {
  const snapshot = new TextSnapshot(text);
  return {
    isLineStart: (offset) => offset === 0 || snapshot.positionAt(offset).character === 0,
    slice: (start, end) => text.slice(start, end),
  };
}

/**
 * `text` as it would be with each of `hunks` rejected: their current spans replaced by their
 * original lines. Hunks already accepted or resolved are simply not passed.
 */
export function textWithHunksRejected(text: string, hunks: readonly TrackedHunk[]): string {
  let out = '';
  let cursor = 0;
  for (const h of [...hunks].sort((a, b) => a.start - b.start)) {
    out += text.slice(cursor, h.start) + h.originalText;
    cursor = h.end;
  }
  return out + text.slice(cursor);
}

/** The lines a hunk covers, given the document's `positionAt` (VS Code's, or a `TextSnapshot`'s). */
export function hunkLineSpan(hunk: TrackedHunk, positionAt: (offset: number) => Position): HunkLineSpan {
  const start = positionAt(hunk.start);
  if (hunk.start === hunk.end) return { startLine: start.line, endLine: start.line - 1 };
  const end = positionAt(hunk.end);
  // A span ending at the start of a line does not include that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return { startLine: start.line, endLine };
}
