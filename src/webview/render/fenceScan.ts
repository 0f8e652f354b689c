/**
 * Code fences, one set of rules for the streaming splitter (splitter.ts) and the text runs
 * (textRun.ts): what opens a fence, what closes it, and whether a point of a markdown text is
 * inside an open one, scanned line by line across the blocks of a run (a block may end mid-line).
 * A citation marker there would be code text (the highlighter cuts it and "<0>" would show in the
 * code), so the run puts none.
 */
const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/** A fence's marks: its character and how many. */
export interface FenceMarks {
  char: string;
  length: number;
}

/** A line that opens a fence: its indent, its marks, and its info string. */
export interface FenceOpener extends FenceMarks {
  indent: string;
  info: string;
}

/** The fence `line` opens, if any (a backtick fence's info string may hold no backtick). */
export function fenceOpener(line: string): FenceOpener | undefined {
  const open = FENCE_OPEN.exec(line);
  const marks = open?.[2];
  const info = open?.[3] ?? '';
  if (!marks || (marks[0] === '`' && info.includes('`'))) return undefined;
  return { char: marks[0] ?? '`', length: marks.length, indent: open?.[1] ?? '', info };
}

/** Whether `line` closes `fence`: the same character, at least as many, nothing else on the line. */
export function closesFence(fence: FenceMarks, line: string): boolean {
  const close = FENCE_CLOSE.exec(line)?.[1];
  return close !== undefined && close[0] === fence.char && close.length >= fence.length;
}

/** The scan so far: the open fence (its char and length), and the line not yet ended. */
export interface FenceScan {
  fence: FenceMarks | undefined;
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

function nextFence(fence: FenceMarks | undefined, line: string): FenceMarks | undefined {
  if (fence) return closesFence(fence, line) ? undefined : fence;
  const opener = fenceOpener(line);
  return opener ? { char: opener.char, length: opener.length } : undefined;
}
