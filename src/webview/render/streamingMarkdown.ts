/**
 * A markdown view that grows while text streams in, at a cost linear in the text's length.
 *
 * Text is buffered by `append`/`sync` and drawn by `render`, which the app calls at most once per
 * animation frame. Finished blocks (see splitter.ts) are rendered once and kept as DOM; only the
 * open tail is redrawn. A tail that is an open code fence is drawn as plain text grown in place,
 * and highlighted once its fence closes. When the text is complete (`setDone(true)`) the tail
 * becomes the last finished block, so a streamed reply ends with the same DOM as a replayed one.
 *
 * Finished blocks are grouped in pages of PAGE_SIZE (`.md-page`): the browser's per-frame work
 * for a growing container (layout of its children, visibility checks of `content-visibility`)
 * then touches one page and the list of pages, not every block of a long reply.
 *
 * A render given a time slice (slice.ts) draws finished blocks CHUNKS_PER_PASS at a time, in
 * order, until the slice is over; the rest wait in `backlog` for the next render (`unfinished`),
 * and the tail is drawn only after every block before it. So a saved 100,000-token reply is
 * rebuilt over several frames instead of in one long task, ending with the same DOM.
 */
import { h } from '../dom';
import { fallbackElement, reportRenderError } from './boundary';
import type { MarkdownRenderer } from './markdown';
import { codeBlockShell } from './markdown';
import type { RenderSlice } from './slice';
import { MarkdownSplitter } from './splitter';
import { safeLanguage } from './highlight';

/** Finished blocks per page. */
export const PAGE_SIZE = 32;

/** Finished blocks rendered (and sanitized) in one pass; the slice is checked between passes. */
export const CHUNKS_PER_PASS = 4;

type Tail =
  | { kind: 'markdown'; el: HTMLElement; text: string }
  | { kind: 'code'; el: HTMLElement; code: Text; length: number };

/** The streaming markdown view of one text or thinking field. */
export interface StreamingMarkdownOptions {
  slice?: RenderSlice;
  decorate?: (chunk: HTMLElement) => void;
}

export class StreamingMarkdownView {
  /** `<div class="md">` holding the finished chunks and the tail. */
  readonly el: HTMLElement;
  private splitter = new MarkdownSplitter();
  private pending: string[] = [];
  private pendingLength = 0;
  /** Finished blocks cut from the text but not drawn yet (a slice ran out), in order. */
  private backlog: string[] = [];
  /** Text to start over from (the host's text disagreed with what was streamed). */
  private resetTo: string | undefined;
  private tail: Tail | undefined;
  private page: HTMLElement | undefined;
  private done = false;
  private renderedDone = false;
  /** The last chunk, when it was made from the tail at `done` (reopened if more text arrives). */
  private lastFromTail: HTMLElement | undefined;
  private readonly slice: RenderSlice | undefined;
  private readonly decorate: ((chunk: HTMLElement) => void) | undefined;

  /**
   * `slice`: the draw's time budget (slice.ts). `decorate`: run on each rendered chunk before it is
   * shown (a text run puts its citation markers in); a chunk is rendered once, so it is decorated once.
   */
  constructor(private readonly doc: Document, private readonly md: MarkdownRenderer, text = '', options: StreamingMarkdownOptions = {}) {
    this.slice = options.slice;
    this.decorate = options.decorate;
    this.el = h(doc, 'div', { class: 'md' });
    if (text) this.append(text);
  }

  /** Whether some buffered text is still to be drawn (render again). */
  get unfinished(): boolean {
    return this.backlog.length > 0 || this.pendingLength > 0 || this.resetTo !== undefined;
  }

  /** Length of all text received (rendered or buffered). */
  get length(): number {
    return this.resetTo !== undefined ? this.resetTo.length + this.pendingLength : this.splitter.length + this.pendingLength;
  }

  /** Buffers streamed text. */
  append(text: string): void {
    if (!text) return;
    this.pending.push(text);
    this.pendingLength += text.length;
  }

  /**
   * Brings the view in line with the block's whole text, cheaply in the usual case where it is
   * what was streamed plus (maybe) more: only the tail is compared, not the whole text.
   */
  sync(text: string): void {
    const known = this.length;
    if (text.length === known && this.endsWithKnownTail(text)) return;
    if (text.length > known && this.endsWithKnownTail(text.slice(0, known))) {
      this.append(text.slice(known));
      return;
    }
    this.resetTo = text;
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Marks the text complete (or, for a turn that continues, open again). */
  setDone(done: boolean): void {
    this.done = done;
  }

  /**
   * Draws what was buffered: new finished blocks, then the tail, the last pass of blocks and the
   * tail sanitized together. With a slice, stops between passes once it is over.
   */
  render(): void {
    if (this.resetTo !== undefined) this.restart(this.resetTo);
    if (this.pendingLength > 0) {
      const text = this.pending.join('');
      this.pending = [];
      this.pendingLength = 0;
      this.reopen();
      this.backlog.push(...this.splitter.push(text));
    }
    for (;;) {
      const finished = this.backlog.splice(0, CHUNKS_PER_PASS);
      const last = this.backlog.length === 0;
      const tailMarkdown = last ? this.tailToRender() : undefined;
      const rendered = this.renderChunks(tailMarkdown === undefined ? finished : [...finished, tailMarkdown]);
      for (const chunk of rendered.slice(0, finished.length)) this.insert(chunk);
      if (last) return this.drawEnd(tailMarkdown === undefined ? undefined : rendered[finished.length]);
      if (this.slice?.over()) return;
    }
  }

  private drawEnd(tailEl: HTMLElement | undefined): void {
    if (this.done) this.finish(tailEl);
    else this.drawTail(tailEl);
  }

  /**
   * The chunks' elements, each behind its own boundary: when the one-pass render throws, the
   * chunks are rendered one by one, and a chunk that still throws shows its raw text. Each chunk
   * is still rendered once, so a failure costs no more than the chunk itself.
   */
  private renderChunks(markdowns: readonly string[]): HTMLElement[] {
    try {
      const chunks = this.md.chunks(markdowns);
      if (this.decorate) chunks.forEach(this.decorate);
      return chunks;
    } catch {
      return markdowns.map((markdown) => {
        try {
          const chunk = this.md.chunk(markdown);
          this.decorate?.(chunk);
          return chunk;
        } catch (error) {
          reportRenderError('a markdown block', error);
          return fallbackElement(this.doc, markdown, 'md-chunk');
        }
      });
    }
  }

  /** The tail's markdown when it has to be rendered now (as the tail, or as the final block). */
  private tailToRender(): string | undefined {
    const text = this.splitter.tail;
    if (text.trim() === '') return undefined;
    if (this.done) {
      if (this.renderedDone || (this.tail?.kind === 'markdown' && this.tail.text === text)) return undefined;
      return text;
    }
    if (this.splitter.openFence()) return undefined;
    return this.tail?.kind === 'markdown' && this.tail.text === text ? undefined : text;
  }

  private endsWithKnownTail(text: string): boolean {
    const known = this.splitter.tail + this.pending.join('');
    return this.resetTo === undefined && text.endsWith(known);
  }

  private restart(text: string): void {
    this.resetTo = undefined;
    this.backlog = [];
    this.splitter = new MarkdownSplitter();
    this.tail = undefined;
    this.page = undefined;
    this.lastFromTail = undefined;
    this.renderedDone = false;
    this.el.replaceChildren();
    this.pending.unshift(text);
    this.pendingLength += text.length;
  }

  /** More text after `done`: the last chunk was the tail, so it becomes the tail again. */
  private reopen(): void {
    if (!this.renderedDone) return;
    this.renderedDone = false;
    const last = this.lastFromTail;
    this.lastFromTail = undefined;
    if (last) {
      last.classList.add('md-tail');
      this.tail = { kind: 'markdown', el: last, text: this.splitter.tail };
    }
  }

  private insert(chunk: HTMLElement): void {
    if (!this.page || this.page.childElementCount >= PAGE_SIZE) {
      this.page = h(this.doc, 'div', { class: 'md-page' });
      this.el.insertBefore(this.page, this.tail?.el ?? null);
    }
    this.page.appendChild(chunk);
  }

  /** The text is complete: the tail becomes the last finished block (reused when current). */
  private finish(rendered: HTMLElement | undefined): void {
    if (this.renderedDone) return;
    this.renderedDone = true;
    const tail = this.tail;
    this.tail = undefined;
    if (!rendered && tail?.kind === 'markdown' && tail.text === this.splitter.tail) {
      tail.el.classList.remove('md-tail');
      this.lastFromTail = tail.el;
      return;
    }
    tail?.el.remove();
    this.lastFromTail = rendered;
    if (rendered) this.el.appendChild(rendered);
  }

  /** Shows the open tail: the fast code path, a freshly rendered tail, or (unchanged) nothing. */
  private drawTail(rendered: HTMLElement | undefined): void {
    const fence = this.splitter.openFence();
    if (fence) {
      this.drawOpenFence(fence.lang, fence.code);
      return;
    }
    const text = this.splitter.tail;
    if (!rendered) {
      if (text.trim() === '') {
        this.tail?.el.remove();
        this.tail = undefined;
      }
      return;
    }
    this.tail?.el.remove();
    rendered.classList.add('md-tail');
    this.el.appendChild(rendered);
    this.tail = { kind: 'markdown', el: rendered, text };
  }

  /** Grows an open code fence in place: only the new characters touch the DOM. */
  private drawOpenFence(lang: string, code: string): void {
    const tail = this.tail;
    if (tail?.kind === 'code' && code.length >= tail.length) {
      if (code.length > tail.length) tail.code.appendData(code.slice(tail.length));
      tail.length = code.length;
      return;
    }
    tail?.el.remove();
    const text = this.doc.createTextNode(code);
    const language = safeLanguage(lang);
    this.md.prepareLanguage(language);
    const el = h(this.doc, 'div', { class: 'md-chunk md-tail' });
    const shell = codeBlockShell(this.doc, language);
    shell.appendChild(h(this.doc, 'pre', {}, h(this.doc, 'code', { class: language ? `hljs language-${language}` : 'hljs' }, text)));
    el.appendChild(shell);
    this.el.appendChild(el);
    this.tail = { kind: 'code', el, code: text, length: code.length };
  }
}
