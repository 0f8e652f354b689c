/**
 * Text shown to the model: numbered lines like `cat -n` (number right-aligned to six columns, a tab,
 * then the line), which is what the model expects and what makes `view_range` and `insert_line`
 * meaningful.
 */

/**
 * Splits `text` into lines the way `cat -n` numbers them: a final line break ends the last line
 * rather than starting an empty one, and an empty text has no lines. Breaks are `\r\n`, `\n` and a
 * lone `\r`, as in VS Code, so numbers agree with the editor's gutter.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

/** Formats `lines` numbered from `firstLineNumber` (1-based), one per output line. */
export function numberLines(lines: readonly string[], firstLineNumber: number): string {
  return lines.map((line, i) => `${String(firstLineNumber + i).padStart(6)}\t${line}`).join('\n');
}

/**
 * Numbers `lines` and, when the result would exceed `maxCharacters`, keeps whole lines up to the
 * limit and ends with a note telling the model how to see the rest (a cut mid-line would make the
 * model believe that line is complete).
 */
export function numberLinesClipped(lines: readonly string[], firstLineNumber: number, maxCharacters?: number): string {
  const full = numberLines(lines, firstLineNumber);
  if (maxCharacters === undefined || full.length <= maxCharacters) return full;
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const cost = `${String(firstLineNumber + kept).padStart(6)}\t${line}`.length + 1;
    if (used + cost > maxCharacters) break;
    used += cost;
    kept++;
  }
  const next = firstLineNumber + kept;
  const body = kept === 0 ? '' : `${numberLines(lines.slice(0, kept), firstLineNumber)}\n`;
  return `${body}<response clipped: output is limited to ${maxCharacters} characters; view from line ${next} with view_range [${next}, ...] to see more>`;
}
