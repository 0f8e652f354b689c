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
 * Lines inside fenced code are never touched: deep indentation there is code, not nesting.
 * Everything here is linear in the text's length.
 */

/** Deepest container nesting passed to the parser. */
export const MAX_DEPTH = 32;
/** Most characters passed to the parser in one render. */
export const MAX_MARKDOWN = 1_000_000;

/** What the parser gets, and what is shown as plain text after it. */
export interface LimitedMarkdown {
  markdown: string;
  /** Text past the size cap ('' when there is none). */
  overflow: string;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;
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
      const close = FENCE.exec(rest.trimStart());
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length && (close[2] ?? '').trim() === '') fence = undefined;
      continue;
    }
    if (depth > MAX_DEPTH) {
      lines[i] = line.slice(0, cut) + escapePrefix(line.slice(cut, end)) + rest;
      changed = true;
      continue;
    }
    const open = FENCE.exec(rest);
    if (open?.[1] && !(open[1][0] === '`' && (open[2] ?? '').includes('`'))) fence = { char: open[1][0] ?? '`', length: open[1].length };
  }
  return changed ? lines.join('\n') : markdown;
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
