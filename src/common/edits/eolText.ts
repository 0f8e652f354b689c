import type { Eol } from './textSnapshot';

/**
 * The model writes `\n`; files may use `\r\n`. Matching happens on an LF-normalized copy of the file,
 * and results are mapped back to offsets in the real text so that everything outside the edited span
 * stays byte for byte as it was (mixed line endings included).
 */
export interface LfView {
  /** The text with every `\r\n` turned into `\n` (lone `\r` are kept). */
  readonly text: string;
  /** Maps an offset in `text` to the offset in the original text. */
  toOriginal(offset: number): number;
}

/** Turns every `\r\n` into `\n`. */
export function toLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Writes `text` (whatever its line breaks) with `eol` between lines. */
export function withEol(text: string, eol: Eol): string {
  const lf = toLf(text);
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/** Builds the LF view of `original` with a mapping of offsets back into it. */
export function lfView(original: string): LfView {
  // LF-space index of the `\n` of each removed CR, ascending. A boundary in the LF text maps to the
  // boundary *before* the `\r`, so a match ending at a line break never swallows half of a CRLF.
  const removedAt: number[] = [];
  let removed = 0;
  for (let i = original.indexOf('\r\n'); i !== -1; i = original.indexOf('\r\n', i + 2)) {
    removedAt.push(i - removed);
    removed++;
  }
  if (removedAt.length === 0) return { text: original, toOriginal: (offset) => offset };
  const text = toLf(original);
  return {
    text,
    toOriginal(offset: number): number {
      // Count removed CRs whose LF-space index is strictly below `offset`.
      let lo = 0;
      let hi = removedAt.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((removedAt[mid] ?? 0) < offset) lo = mid + 1;
        else hi = mid;
      }
      return offset + lo;
    },
  };
}
