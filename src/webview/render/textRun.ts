/**
 * A run of consecutive text blocks of one reply, drawn as ONE flowing text. A cited answer comes
 * as many small text blocks ("Paris is the capital", ", while", …); drawn block by block they
 * became paragraphs of their own. Here the markdown source is their concatenation, so a paragraph
 * split over blocks stays one paragraph, and each cited block ends in a marker that becomes its
 * superscripts (citationMarks.ts).
 *
 * The run is one StreamingMarkdownView: streamed text is appended to it as it comes, so finished
 * chunks are rendered once and only the open tail is redrawn, as for a single block. The last
 * block's trailing whitespace is held back until the block closes (the next block starts, or the
 * reply ends), because a marker goes before it; a held space changes nothing that is drawn.
 *
 * Each block keeps a `TextBlockView` (the turn's views are per block); the members of a run share
 * its element, with `data-block-indexes` ("2-9"). A run of one block is that block's element
 * (`data-block-type="text"`), as a lone text block always was; a run of several is
 * `data-block-run="text"`, and each block is one inline span inside it (blockSpans.ts), so there
 * is still one `[data-block-type="text"]` element per content block.
 */
import type { Citation, ContentBlock } from '../../common/protocol';
import { h } from '../dom';
import { blockSpan, openBlockSpan, unwrap } from './blockSpans';
import { fallbackElement, reportRenderError } from './boundary';
import { insideFence, NO_FENCE, scanFences, type FenceScan } from './fenceScan';
import { blockCitations, type CitationIndex } from './citations';
import { closingOf, marker, placeMarks, splitTrailingSpace, withoutMarkerChars } from './citationMarks';
import type { RenderContext } from './context';
import type { BlockView } from './staticBlock';
import { str } from './staticBlock';
import { StreamingMarkdownView } from './streamingMarkdown';

interface Member {
  index: number;
  text: string;
  citations: Citation[];
}

/** What the runs of one turn share: the turn's id and its numbering of sources. */
export interface RunPlace {
  turnId: string;
  citations: CitationIndex;
}

/** One run of text blocks (see the file comment). */
export class TextRun {
  readonly el: HTMLElement;
  private md: StreamingMarkdownView;
  private readonly members: Member[] = [];
  private done = false;
  /** The text fed to `md` no longer follows from the members: sync it whole at the next render. */
  private resync = false;
  /** Markers already drawn are stale (a closed block's citations changed): draw afresh. */
  private restart = false;
  /** Rendering threw: the run shows its raw text from now on. */
  private failedText: HTMLElement | undefined;
  /** The span of the open last block while a run of several streams (it has no marker yet). */
  private openSpan: HTMLElement | undefined;

  constructor(private readonly ctx: RenderContext, private readonly place: RunPlace) {
    this.md = this.newView();
    this.el = h(ctx.doc, 'div', { class: 'block block-text', 'data-block-type': 'text' }, this.md.el);
  }

  /** The block indexes of the run, "2-9" (or "2"). */
  private get indexes(): string {
    const first = this.members[0]?.index ?? 0;
    const last = this.members[this.members.length - 1]?.index ?? first;
    return first === last ? String(first) : `${first}-${last}`;
  }

  /** Whether some text is still to be drawn (a draw's time slice ran out): render again. */
  get unfinished(): boolean {
    return this.resync || this.restart || this.md.unfinished;
  }

  /** Whether `index` would continue this run (it follows its last block). */
  continuesAt(index: number): boolean {
    const last = this.members[this.members.length - 1];
    return last !== undefined && last.index === index - 1;
  }

  /** Adds the block at `index` (the next one after the run's last). */
  add(index: number, block: ContentBlock): void {
    const previous = this.members[this.members.length - 1];
    const member: Member = { index, text: '', citations: [] };
    this.members.push(member);
    this.el.setAttribute('data-block-indexes', this.indexes);
    if (this.members.length === 2) {
      // The blocks are spans inside the run from now on: the run itself is no block.
      this.el.removeAttribute('data-block-type');
      this.el.setAttribute('data-block-run', 'text');
    }
    if (previous && !this.resync && !this.done) this.md.append(this.closing(previous));
    this.take(member, block);
    this.appendText(index, str(block['text']));
  }

  /** Streamed text for the block at `index`. */
  appendText(index: number, text: string): void {
    const member = this.member(index);
    if (!member || text === '') return;
    const added = withoutMarkerChars(text);
    const held = splitTrailingSpace(member.text).space;
    member.text += added;
    if (this.resync || this.done || member !== this.members[this.members.length - 1]) {
      this.resync = true;
      return;
    }
    // Drawn: the whitespace held so far, then the new text up to its own trailing whitespace.
    const { body } = splitTrailingSpace(added);
    if (body !== '') this.md.append(held + body);
  }

  /** The host's version of the block at `index`. */
  sync(index: number, block: ContentBlock): void {
    const member = this.member(index);
    if (!member) return;
    const text = withoutMarkerChars(str(block['text']));
    if (this.take(member, block) && (this.done || member !== this.members[this.members.length - 1])) this.restart = true;
    if (text === member.text) return;
    if (text.startsWith(member.text)) this.appendText(index, text.slice(member.text.length));
    else {
      member.text = text;
      this.resync = true;
    }
  }

  setDone(done: boolean): void {
    if (done === this.done) return;
    const last = this.members[this.members.length - 1];
    if (done && last && !this.resync) this.md.append(this.closing(last));
    else this.resync = true;
    this.done = done;
    this.md.setDone(done);
  }

  /** Draws what changed; a run that throws shows its raw text, and the turn around it renders. */
  render(): void {
    if (this.failedText) {
      this.fillFallback(this.failedText);
      return;
    }
    try {
      if (this.restart) {
        const fresh = this.newView();
        this.md.el.replaceWith(fresh.el);
        this.md = fresh;
        this.md.setDone(this.done);
        this.resync = true;
        this.restart = false;
      }
      if (this.resync) {
        this.md.sync(this.source());
        this.resync = false;
      }
      this.md.render();
      this.markOpenBlock();
    } catch (error) {
      reportRenderError('a text block', error);
      const fallback = fallbackElement(this.ctx.doc, this.rawText());
      this.el.classList.add('render-fallback');
      this.el.setAttribute('data-testid', 'render-fallback');
      this.el.replaceChildren(...Array.from(fallback.childNodes));
      this.failedText = this.el.querySelector('pre') ?? this.el;
      this.fillFallback(this.failedText);
    }
  }

  /** While a run of several streams, its open last block (no marker yet) gets its span too. */
  private markOpenBlock(): void {
    const last = this.members[this.members.length - 1];
    if (this.done || this.members.length < 2 || !last) {
      if (this.openSpan) unwrap(this.openSpan);
      this.openSpan = undefined;
      return;
    }
    this.openSpan = openBlockSpan(this.ctx.doc, this.md.el, last.index, this.openSpan);
  }

  /** The raw text, one span per block in a run of several (each still its own element). */
  private fillFallback(pre: HTMLElement): void {
    if (this.members.length < 2) pre.textContent = this.rawText();
    else pre.replaceChildren(...this.members.map((member) => blockSpan(this.ctx.doc, member.index, this.ctx.doc.createTextNode(member.text))));
  }

  /** The markdown the run shows: every block's text, each closed block followed by its closing. */
  source(): string {
    const last = this.members.length - 1;
    let scan = NO_FENCE;
    return this.members.map((member, i) => {
      const { body } = splitTrailingSpace(member.text);
      const closed = i < last || this.done ? body + this.closing(member, scanFences(scan, body)) : body;
      scan = scanFences(scan, member.text);
      return closed;
    }).join('');
  }

  /** The blocks' text as the model wrote it (for the fallback). */
  private rawText(): string {
    return this.members.map((member) => member.text).join('');
  }

  /**
   * What follows a closed block's text: its marker when it cites something or the run has several
   * blocks (the marker ends its span), then its held whitespace.
   */
  private closing(member: Member, atEnd = this.scanTo(member)): string {
    const { body, space } = splitTrailingSpace(member.text);
    // Inside a code fence a marker would be code text: the block goes without (its span too).
    const marks = (member.citations.length > 0 || this.members.length > 1) && !insideFence(atEnd);
    return closingOf(body, space, marks ? marker(member.index) : undefined);
  }

  /** The fence scan of the run's text up to the end of `member`'s text (without its trailing whitespace). */
  private scanTo(member: Member): FenceScan {
    let scan = NO_FENCE;
    for (const m of this.members) {
      if (m === member) return scanFences(scan, splitTrailingSpace(m.text).body);
      scan = scanFences(scan, m.text);
    }
    return scan;
  }

  /** Records the block's citations (numbering new sources); true when they changed. */
  private take(member: Member, block: ContentBlock): boolean {
    const citations = blockCitations(block);
    const changed = citations.length !== member.citations.length;
    member.citations = citations;
    if (changed) this.place.citations.record(member.index, citations);
    this.el.classList.toggle('cited', this.members.some((m) => m.citations.length > 0));
    return changed;
  }

  private member(index: number): Member | undefined {
    for (let i = this.members.length - 1; i >= 0; i--) if (this.members[i]?.index === index) return this.members[i];
    return undefined;
  }

  private newView(): StreamingMarkdownView {
    const marks = {
      turnId: this.place.turnId,
      index: this.place.citations,
      citationsOf: (i: number) => this.member(i)?.citations ?? [],
      spansBlocks: () => this.members.length > 1,
    };
    return new StreamingMarkdownView(this.ctx.doc, this.ctx.md, '', { slice: this.ctx.slice, decorate: (chunk) => placeMarks(this.ctx.doc, chunk, marks) });
  }
}

/** A text block of a reply: its share of a run. */
export class TextBlockView implements BlockView {
  readonly type = 'text';

  constructor(readonly run: TextRun, private readonly index: number) {}

  get el(): HTMLElement {
    return this.run.el;
  }

  append(field: 'text' | 'thinking', text: string): void {
    if (field === 'text') this.run.appendText(this.index, text);
  }

  sync(block: ContentBlock): void {
    this.run.sync(this.index, block);
  }

  setDone(done: boolean): void {
    this.run.setDone(done);
  }

  render(): void {
    this.run.render();
  }

  get unfinished(): boolean {
    return this.run.unfinished;
  }
}

/**
 * The view of the text block at `index`: it joins the run of the text block just before it, or
 * starts a run of its own (whose element the turn then inserts).
 */
export function textBlockView(ctx: RenderContext, place: RunPlace, views: readonly (BlockView | undefined)[], index: number, block: ContentBlock): TextBlockView {
  const previous = views[index - 1];
  const run = previous instanceof TextBlockView && previous.run.continuesAt(index) ? previous.run : new TextRun(ctx, place);
  run.add(index, block);
  return new TextBlockView(run, index);
}
