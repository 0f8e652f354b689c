/**
 * Moving between the pending hunks of a review, as VS Code's diff navigation does (Alt+F5 /
 * Shift+Alt+F5): hunks in document order, the one the caret is in, the next and previous one
 * (wrapping round), and the "Change 2 of 3" a person reads. Pure: the host passes line spans.
 */
import type { HunkLineSpan } from './hunkTracker';

/** A hunk's lines as navigation sees them. */
export interface NavigableHunk extends HunkLineSpan {
  readonly id: number;
}

export type NavigationDirection = 'next' | 'previous';

/** The hunks in document order (a pure deletion sits at the line it goes before). */
export function inDocumentOrder<T extends NavigableHunk>(hunks: readonly T[]): T[] {
  return [...hunks].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine || a.id - b.id);
}

/** The last line a hunk covers; a pure deletion (no lines of its own) covers the line it sits before. */
function lastLine(hunk: HunkLineSpan): number {
  return Math.max(hunk.endLine, hunk.startLine);
}

/** The index in `ordered` of the hunk holding `line`, or -1. */
export function hunkIndexAt(ordered: readonly NavigableHunk[], line: number): number {
  return ordered.findIndex((h) => line >= h.startLine && line <= lastLine(h));
}

/**
 * The hunk to move to from the caret's `line`: the one after (or before) the hunk the caret is in,
 * or the first one starting below (above) the caret; past the last (first) it wraps round.
 * Undefined when there are no hunks.
 */
export function adjacentHunk<T extends NavigableHunk>(hunks: readonly T[], line: number, direction: NavigationDirection): { hunk: T; index: number; total: number } | undefined {
  const ordered = inDocumentOrder(hunks);
  const total = ordered.length;
  if (total === 0) return undefined;
  const current = hunkIndexAt(ordered, line);
  let index: number;
  if (direction === 'next') {
    const below = ordered.findIndex((h) => h.startLine > line);
    index = current >= 0 ? (current + 1) % total : below >= 0 ? below : 0;
  } else {
    const above = ordered.map((h) => h.startLine < line).lastIndexOf(true);
    index = current >= 0 ? (current - 1 + total) % total : above >= 0 ? above : total - 1;
  }
  return { hunk: ordered[index]!, index, total };
}

/** "Change 2 of 3" for the hunk at `index` (zero-based) of `total`. */
export function changeLabel(index: number, total: number): string {
  return `Change ${index + 1} of ${total}`;
}
