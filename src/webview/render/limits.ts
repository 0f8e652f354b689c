/**
 * Limits on what is handed to the markdown parser, so that no reply can make it overflow its stack
 * or run for minutes. marked parses nested containers (blockquotes, list items) recursively: about
 * 2,500 `>` on one line, or 5,000 `- ` markers, overflow the stack, and lists nested by indentation
 * cost time that grows faster than their depth (1,000 levels take seconds).
 *
 * - Depth: a line whose container prefix (`>`, list markers, indentation) is deeper than
 *   MAX_DEPTH keeps the first MAX_DEPTH levels; the rest of its prefix is escaped, so it reads as
 *   the characters the model wrote instead of opening more containers. Real replies nest a few
 *   levels (a quote in a list in a quote is already rare); 32 is far beyond that.
 * - Size: one markdown render gets at most MAX_MARKDOWN characters; the rest is shown as plain
 *   text under a note. A finished block that long is a runaway output, not prose: 1 MB is some
 *   250,000 tokens, more than any model writes in one reply, and the streaming view hands the
 *   parser one block at a time, so a long reply of ordinary paragraphs never comes near it.
 *
 * - Inline markup: marked's inline parser is quadratic in the emphasis and bracket delimiters of
 *   one inline run (`*a` repeated 100,000 times takes about 6 s; 2,000 delimiters take a few ms).
 *   A paragraph (a run of non-blank lines) with more than MAX_INLINE_MARKS of them is not given
 *   to the parser: it is shown as plain text under a note (`splitHeavyRuns`). Real prose has a
 *   few dozen per paragraph; 1,000 would be 250 links or 500 bold words in one paragraph. A
 *   render-wide budget (MAX_INLINE_WORK, the sum of each run's marks squared) keeps many runs
 *   just under the limit from adding up to the same stall.
 *
 * Lines inside fenced code are never touched: deep indentation there is code, not nesting.
 * Everything here is linear in the text's length.
 */
import { closesFence, fenceOpener, type FenceMarks } from './fenceScan';

/** Deepest container nesting passed to the parser. */
export const MAX_DEPTH = 32;
/** Most characters passed to the parser in one render. */
export const MAX_MARKDOWN = 1_000_000;
/** Most inline delimiters (`*_~[]` backtick `<`) in one run of non-blank lines given to the parser. */
export const MAX_INLINE_MARKS = 1_000;
/** Most inline work per render, as the sum over runs of marks squared (16 runs at the limit). */
export const MAX_INLINE_WORK = 16 * MAX_INLINE_MARKS * MAX_INLINE_MARKS;
/** Runs with at most this many marks are always parsed, whatever the budget says. */
const ALWAYS_PARSED_MARKS = 64;

/** What the parser gets, and what is shown as plain text after it. */
export interface LimitedMarkdown {
  markdown: string;
  /** Text past the size cap ('' when there is none). */
  overflow: string;
}

/** One token of a container prefix: whitespace, a blockquote marker or a list marker. */
const PREFIX_TOKEN = /[ \t]+|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)/y;

/** Applies the size and depth limits to one markdown render. */
export function limitMarkdown(text: string): LimitedMarkdown {
  let markdown = text;
  let overflow = '';
  if (text.length > MAX_MARKDOWN) {
    // Cut at a line end where there is one, so the last parsed line is whole.
    const newline = text.lastIndexOf('\n', MAX_MARKDOWN);
    const at = newline > MAX_MARKDOWN / 2 ? newline + 1 : MAX_MARKDOWN;
    markdown = text.slice(0, at);
    overflow = text.slice(at);
  }
  return { markdown: limitDepth(markdown), overflow };
}

/** Escapes the prefix of every line nested deeper than MAX_DEPTH (outside fenced code). */
export function limitDepth(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: { char: string; length: number } | undefined;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const { depth, end, cut } = scanPrefix(line);
    const rest = line.slice(end);
    if (fence) {
      if (closesFence(fence, rest)) fence = undefined;
      continue;
    }
    if (depth > MAX_DEPTH) {
      lines[i] = line.slice(0, cut) + escapePrefix(line.slice(cut, end)) + rest;
      changed = true;
      continue;
    }
    fence = fenceOpener(rest);
  }
  return changed ? lines.join('\n') : markdown;
}

/** A piece of one render: markdown for the parser, or a run shown as plain text. */
export type MarkdownPart = { kind: 'markdown'; text: string } | { kind: 'plain'; text: string; marks: number };

const INLINE_MARK = /[*_~[\]`<]/g;
/** Lines that begin an inline run whatever precedes them: ATX headings and table rows. */
const STARTS_OWN_RUN = /^(#{1,6}(\s|$)|\|)/;

function countMarks(text: string): number {
  INLINE_MARK.lastIndex = 0;
  let count = 0;
  while (INLINE_MARK.exec(text)) count++;
  return count;
}

/**
 * Cuts the runs of non-blank lines (outside fenced code) with too much inline markup out of the
 * markdown, as plain parts between the markdown parts. Text without such a run comes back as one
 * markdown part, unchanged. Linear: one prefix scan and one count per line.
 */
export function splitHeavyRuns(markdown: string): MarkdownPart[] {
  const whole: MarkdownPart[] = [{ kind: 'markdown', text: markdown }];
  if (countMarks(markdown) <= MAX_INLINE_MARKS) return whole;
  const lines = markdown.split('\n');
  const parts: MarkdownPart[] = [];
  let start = 0;
  let work = 0;
  let run: { from: number; marks: number } | undefined;
  const endRun = (to: number): void => {
    if (!run) return;
    const { from, marks } = run;
    run = undefined;
    if (marks <= ALWAYS_PARSED_MARKS || (marks <= MAX_INLINE_MARKS && work + marks * marks <= MAX_INLINE_WORK)) {
      work += marks * marks;
      return;
    }
    if (from > start) parts.push({ kind: 'markdown', text: lines.slice(start, from).join('\n') });
    parts.push({ kind: 'plain', text: lines.slice(from, to).join('\n'), marks });
    start = to;
  };
  let fence: FenceMarks | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const end = scanPrefix(line).end;
    const rest = line.slice(end);
    if (fence) {
      if (closesFence(fence, rest)) fence = undefined;
      continue;
    }
    fence = fenceOpener(rest);
    // A list item, a heading and a table row are inline runs of their own (a table's cells even
    // more so): counting a long list as one paragraph would flag ordinary formatting.
    if (fence || rest.trim() === '' || STARTS_OWN_RUN.test(rest) || /[-+*\d]/.test(line.slice(0, end))) endRun(i);
    if (fence || rest.trim() === '') continue;
    run ??= { from: i, marks: 0 };
    run.marks += countMarks(rest);
  }
  endRun(lines.length);
  if (parts.length === 0) return whole;
  if (start < lines.length) parts.push({ kind: 'markdown', text: lines.slice(start).join('\n') });
  return parts;
}

/**
 * The nesting depth of a line's container prefix, where the prefix ends, and where the first
 * level beyond MAX_DEPTH starts. Indentation counts a level per two columns (a list item's
 * content is indented by at least its marker's width): an overestimate, which only matters for
 * lines indented more than 64 columns outside code.
 */
function scanPrefix(line: string): { depth: number; end: number; cut: number } {
  let depth = 0;
  let cut = -1;
  let at = 0;
  PREFIX_TOKEN.lastIndex = 0;
  for (let match = PREFIX_TOKEN.exec(line); match; match = PREFIX_TOKEN.exec(line)) {
    const token = match[0];
    depth += token[0] === ' ' || token[0] === '\t' ? Math.floor(token.replace(/\t/g, '    ').length / 2) : 1;
    if (depth > MAX_DEPTH && cut < 0) cut = at;
    at = PREFIX_TOKEN.lastIndex;
  }
  return { depth, end: at, cut: cut < 0 ? at : cut };
}

/** The prefix as literal text: markers escaped, whitespace runs shortened to one space. */
function escapePrefix(prefix: string): string {
  return prefix.replace(/^[ \t]+/, '').replace(/[ \t]+/g, ' ').replace(/[>+*-]|(?<=\d)[.)]/g, (c) => `\\${c}`);
}
