/**
 * Whether a point of a markdown text is inside an open code fence, scanned line by line across
 * the blocks of a text run (a block may end mid-line). A marker there would be code text: the
 * highlighter cuts it and "<0>" would show in the code, so the run puts none (textRun.ts).
 * The fence rules are the splitter's (splitter.ts).
 */
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** The scan so far: the open fence (its char and length), and the line not yet ended. */
export interface FenceScan {
  fence: { char: string; length: number } | undefined;
  partial: string;
}

export const NO_FENCE: FenceScan = { fence: undefined, partial: '' };

/** The scan after `text` follows what `scan` has seen. */
export function scanFences(scan: FenceScan, text: string): FenceScan {
  const lines = (scan.partial + text).split('\n');
  const partial = lines.pop() ?? '';
  let fence = scan.fence;
  for (const line of lines) fence = nextFence(fence, line);
  return { fence, partial };
}

/**
 * Whether the end of what `scan` has seen is inside a fence: an open one its last line does not
 * close, or a last line that opens one.
 */
export function insideFence(scan: FenceScan): boolean {
  return nextFence(scan.fence, scan.partial) !== undefined;
}

function nextFence(fence: FenceScan['fence'], line: string): FenceScan['fence'] {
  if (fence) {
    const close = FENCE_CLOSE.exec(line)?.[1];
    return close && close[0] === fence.char && close.length >= fence.length ? undefined : fence;
  }
  const open = FENCE_OPEN.exec(line);
  const marks = open?.[1];
  if (!marks || (marks[0] === '`' && (open[2] ?? '').includes('`'))) return undefined;
  return { char: marks[0] ?? '`', length: marks.length };
}
