/**
 * Splits streaming markdown into finished blocks and an open tail, incrementally.
 *
 * Only *complete* lines are examined, and a cut is decided from the lines up to and including the
 * line where it is placed, so the cuts found while text streams in are exactly the cuts found in
 * the whole text at once. That is what lets the streaming view render each finished block once
 * and still end with the same DOM as rendering the finished reply.
 *
 * A cut is placed only where a new markdown block must begin anyway:
 * - before a non-indented line that follows a blank line (outside a code fence);
 * - before a fence that opens at column 0, and after the line that closes it;
 * - before and after an ATX heading at column 0 (headings interrupt paragraphs and are one line).
 * Indented lines after a blank line are never cut from what precedes them: they may continue a
 * list item or be indented code.
 */

import { closesFence, fenceOpener } from './fenceScan';

interface Fence {
  char: string;
  length: number;
  /** Opened at column 0: the fence is a top-level block, so its end is a safe cut. */
  topLevel: boolean;
  /** Offset in the tail of the opening line. */
  openerStart: number;
  /** Offset in the tail where the code starts (after the opening line). */
  codeStart: number;
  /** Info string's first word. */
  lang: string;
}

const HEADING = /^#{1,6}(?:[ \t]|$)/;

/** What the open tail is, for views that can draw a growing code fence cheaply. */
export interface OpenFence {
  lang: string;
  /** The code so far (whole lines and the partial last line). */
  code: string;
}

/** Incremental markdown block splitter (pure; no DOM). */
export class MarkdownSplitter {
  private tailText = '';
  /** Offset in the tail of the first line not examined yet. */
  private scan = 0;
  private fence: Fence | undefined;
  private afterBlank = false;
  /** The tail before `scan` has non-blank text (a cut there would not leave an empty block). */
  private hasContent = false;
  private total = 0;

  /** The text not yet cut off as a finished block. */
  get tail(): string {
    return this.tailText;
  }

  /** All text pushed so far. */
  get length(): number {
    return this.total;
  }

  /** Adds text; returns the blocks that became finished, in order. */
  push(text: string): string[] {
    this.total += text.length;
    this.tailText += text;
    const done: string[] = [];
    for (;;) {
      const newline = this.tailText.indexOf('\n', this.scan);
      if (newline < 0) break;
      const lineStart = this.scan;
      const line = this.tailText.slice(lineStart, newline).replace(/\r$/, '');
      this.scan = newline + 1;
      const cut = this.examine(line, lineStart);
      // A cut before the line keeps the line (and its effects on the state) in the new tail.
      if (cut.before) done.push(this.cut(lineStart, false));
      if (cut.after) done.push(this.cut(this.scan, true));
    }
    // After a blank line, the first character of the next line decides the cut (any non-indented
    // line starts a new block), so the paragraph before it is finished without waiting for the
    // whole line. The whole-text scan reaches the same decision when it examines that line.
    const next = this.tailText[this.scan];
    if (this.afterBlank && this.hasContent && !this.fence && next !== undefined && !/[ \t\r\n]/.test(next)) {
      done.push(this.cut(this.scan, true));
    }
    return done;
  }

  /**
   * When the tail is one code fence still open at column 0 (nothing but blank lines before it),
   * its language and code so far; otherwise undefined.
   */
  openFence(): OpenFence | undefined {
    const fence = this.fence;
    if (!fence || !fence.topLevel) return undefined;
    if (this.tailText.slice(0, fence.openerStart).trim() !== '') return undefined;
    return { lang: fence.lang, code: this.tailText.slice(fence.codeStart) };
  }

  /** Examines one complete line, updating the scanner state; says where to cut. */
  private examine(line: string, lineStart: number): { before: boolean; after: boolean } {
    const fence = this.fence;
    if (fence) {
      if (closesFence(fence, line)) {
        this.fence = undefined;
        this.afterBlank = false;
        return { before: false, after: fence.topLevel };
      }
      return { before: false, after: false };
    }
    if (line.trim() === '') {
      if (this.hasContent) this.afterBlank = true;
      return { before: false, after: false };
    }
    const flush = !/^[ \t]/.test(line);
    const opener = fenceOpener(line);
    const heading = flush && HEADING.test(line);
    const before = this.hasContent && flush && (this.afterBlank || heading || opener?.indent === '');
    this.afterBlank = false;
    this.hasContent = true;
    if (opener) {
      this.fence = {
        char: opener.char,
        length: opener.length,
        topLevel: opener.indent === '',
        openerStart: lineStart,
        codeStart: this.scan,
        lang: opener.info.trim().split(/\s+/)[0] ?? '',
      };
      return { before, after: false };
    }
    return { before, after: heading };
  }

  /**
   * Cuts the tail at `at` and returns the finished part. `emptied`: the cut is after the last
   * examined line, so the new tail has no examined content yet.
   */
  private cut(at: number, emptied: boolean): string {
    const finished = this.tailText.slice(0, at);
    this.tailText = this.tailText.slice(at);
    this.scan -= at;
    if (this.fence) {
      this.fence.openerStart -= at;
      this.fence.codeStart -= at;
    }
    if (emptied) {
      this.hasContent = false;
      this.afterBlank = false;
    }
    return finished;
  }
}

/** Splits a whole text the same way streaming would (used for replay and in tests). */
export function splitMarkdown(text: string): { blocks: string[]; tail: string } {
  const splitter = new MarkdownSplitter();
  const blocks = splitter.push(text);
  return { blocks, tail: splitter.tail };
}
