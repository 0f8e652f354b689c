/**
 * One turn: `[data-testid="message"]` with `data-role` and `data-status`, its blocks, and for an
 * assistant turn the closing lines (stop reason, error, usage).
 *
 * Updates are buffered (`applyOps`, `update`, `setPlace`) and drawn by `render`, so a burst of
 * streamed ops costs one draw per animation frame. A draw cut by its time slice (slice.ts) leaves
 * the blocks it did not finish dirty, in order, for the next one.
 */
import type { BlockOp, ViewTurn, WebviewToHost } from '../../common/protocol';
import { h } from '../dom';
import { createBlockView, type BlockView } from './blocks';
import { fallbackElement, FailedBlockView, rawBlockText, reportRenderError } from './boundary';
import { endThinkingBefore, setThinkingDurations } from './thinking';
import { CitationIndex } from './citations';
import { fillSources } from './sources';
import { textBlockView, TextBlockView } from './textRun';
import type { RenderContext } from './context';
import { turnMarkdown } from './messageActions';
import { editInPlace } from './editMessage';
import { ReplyVersions, type PageDirection } from './replyVersions';
import { turnEndParts, type TurnPlace } from './turnEnd';
import { userTurnParts } from './userTurn';

export type { TurnPlace } from './turnEnd';

/** The view of one turn. */
export class TurnView {
  readonly el: HTMLElement;
  private readonly blocksEl: HTMLElement;
  private readonly endEl: HTMLElement;
  /** The Sources list of a cited reply, and the numbering it shares with the turn's text runs. */
  private readonly sourcesEl: HTMLElement;
  private citations = new CitationIndex();
  private sourcesVersion = 0;
  private turn: ViewTurn;
  private views: BlockView[] = [];
  private place: TurnPlace = { latest: false, busy: false };
  private dirtyViews = new Set<BlockView>();
  /** Which version of the reply is shown (a regenerated or retried reply has several). */
  private readonly versions: ReplyVersions;
  /** The inline editor of a question being edited (Edit & Resend). */
  private editor: HTMLElement | undefined;
  private endDirty = true;
  private structureDirty = true;
  /** The turn showed its raw text (`showRaw`): the next change rebuilds its blocks from scratch. */
  private rawShown = false;

  constructor(private readonly ctx: RenderContext, turn: ViewTurn) {
    const doc = ctx.doc;
    this.turn = turn;
    this.blocksEl = h(doc, 'div', { class: 'blocks' });
    this.endEl = h(doc, 'div', { class: 'turn-end' });
    this.sourcesEl = h(doc, 'div', { class: 'sources-slot' });
    this.el = h(doc, 'div', { class: `message ${turn.role}`, 'data-testid': 'message', 'data-role': turn.role, 'data-turn-id': turn.id });
    this.el.setAttribute('aria-label', turn.role === 'user' ? 'You' : 'Claude');
    this.el.append(this.blocksEl, this.sourcesEl, this.endEl);
    this.versions = new ReplyVersions(ctx, this.blocksEl);
    this.update(turn);
  }

  get id(): string {
    return this.turn.id;
  }

  /** Buffers streamed ops (the store has applied them to `turn.blocks` already). */
  applyOps(ops: readonly BlockOp[]): void {
    if (this.turn.role === 'user' || this.rawShown) {
      this.update(this.turn);
      return;
    }
    for (const op of ops) {
      if (op.op === 'append') {
        const view = this.views[op.index];
        if (view) {
          view.append(op.field, op.text);
          this.dirtyViews.add(view);
        }
        continue;
      }
      this.syncBlock(op.index, op.block);
    }
  }

  /** Takes the whole turn (from `turnAdded`, `turnUpdated` or a replay). */
  update(turn: ViewTurn): void {
    this.turn = turn;
    this.endDirty = true;
    if (this.rawShown) {
      this.rawShown = false;
      this.clearBlocks();
    }
    if (turn.role === 'user') {
      this.structureDirty = true;
      return;
    }
    // Fewer blocks than shown (a reply replaced): runs of text would end elsewhere, so start over.
    if (turn.blocks.length < this.views.length) this.clearBlocks();
    turn.blocks.forEach((block, index) => this.syncBlock(index, block));
    for (const view of this.views.splice(turn.blocks.length)) {
      view.el.remove();
      this.dirtyViews.delete(view);
    }
    for (const view of this.views) {
      view.setDone(turn.status !== 'streaming');
      this.dirtyViews.add(view);
    }
    setThinkingDurations(this.views, turn.thinkingMs);
    if (this.versions.showingEarlier) this.versions.draw(turn);
  }

  /** The pager's ‹ or ›: shows the version before or after; focus stays on the pager. */
  page(direction: PageDirection): void {
    if (!this.versions.page(this.turn, direction)) return;
    this.endDirty = true;
    this.render();
    const step = this.endEl.querySelector<HTMLButtonElement>(`[data-action="${direction}"]`);
    const other = this.endEl.querySelector<HTMLButtonElement>(`[data-action="${direction === 'version-prev' ? 'version-next' : 'version-prev'}"]`);
    (step && !step.disabled ? step : other)?.focus();
  }

  /** Edit & Resend: the question becomes an editor; `later` messages follow it. */
  startEdit(later: number, send: (message: WebviewToHost) => void): void {
    if (this.turn.role !== 'user' || this.editor || this.place.busy) return;
    const options = { turnId: this.turn.id, text: turnMarkdown(this.turn), later, send };
    this.editor = editInPlace(this.ctx.doc, { message: this.el, blocks: this.blocksEl }, options, () => (this.editor = undefined));
  }

  /** Tells the turn whether it is the latest and whether a request is busy. */
  setPlace(place: TurnPlace): void {
    if (place.latest === this.place.latest && place.busy === this.place.busy) return;
    // A question's Edit is offered only while no reply streams.
    if (place.busy !== this.place.busy && this.turn.role === 'user') this.structureDirty = true;
    this.place = place;
    this.endDirty = true;
  }

  /** Whether `render` has work to do. */
  get dirty(): boolean {
    return this.structureDirty || this.endDirty || this.dirtyViews.size > 0;
  }

  /**
   * Draws buffered changes. The turn is an error boundary: should drawing it throw (each block has
   * a boundary of its own, so this is a failure of the turn's own parts), it shows its blocks'
   * raw text, and the turns around it are untouched.
   */
  render(): void {
    try {
      this.draw();
    } catch (error) {
      reportRenderError('a turn', error);
      this.showRaw();
      this.dirtyViews.clear();
    }
    this.structureDirty = false;
    this.endDirty = false;
  }

  private draw(): void {
    const turn = this.turn;
    // Attributes are written only when they change: even a same-value write makes the browser
    // re-match selectors that use them across the whole turn, every frame.
    if (this.el.getAttribute('data-status') !== turn.status) {
      this.el.setAttribute('data-status', turn.status);
      this.el.setAttribute('aria-busy', String(turn.status === 'streaming'));
    }
    if (turn.role === 'user') {
      if (this.structureDirty) this.drawUser();
    } else {
      // In order, until the draw's slice is over: what is left stays dirty for the next draw. The
      // blocks of a text run share its element: the run is drawn once.
      const left = new Set<BlockView>();
      const drawn = new Set<HTMLElement>();
      for (const view of this.dirtyViews) {
        if (left.size > 0 || this.ctx.slice?.over()) left.add(view);
        else if (!drawn.has(view.el)) {
          drawn.add(view.el);
          this.renderBlock(view);
        }
        if (view.unfinished && this.views.includes(view)) left.add(view);
      }
      this.dirtyViews = left;
      if (this.citations.version !== this.sourcesVersion) this.sourcesVersion = fillSources(this.sourcesEl, this.turn.id, this.citations);
      if (this.endDirty) this.drawEnd();
    }
  }

  /** One block behind its own boundary: a block that throws is replaced by its raw text. */
  private renderBlock(view: BlockView): void {
    try {
      view.render();
    } catch (error) {
      reportRenderError(`a "${view.type}" block`, error);
      const index = this.views.indexOf(view);
      const block = this.turn.blocks[index];
      if (block) this.replaceView(index, view, new FailedBlockView(this.ctx.doc, block.type, block));
    }
  }

  private replaceView(index: number, old: BlockView, view: BlockView): void {
    old.el.replaceWith(view.el);
    this.views[index] = view;
  }

  /** The turn's fallback: every block's raw text under the note, in place of the blocks. */
  private showRaw(): void {
    const text = this.turn.blocks.map(rawBlockText).join('\n\n');
    this.views = [];
    this.rawShown = true;
    this.blocksEl.replaceChildren(fallbackElement(this.ctx.doc, text));
  }

  /** Forgets every block view (and the numbering of sources): the next sync builds them afresh. */
  private clearBlocks(): void {
    this.views = [];
    this.dirtyViews.clear();
    this.blocksEl.replaceChildren();
    this.citations = new CitationIndex();
    this.sourcesVersion = 0;
    this.sourcesEl.replaceChildren();
  }

  private syncBlock(index: number, block: ViewTurn['blocks'][number]): void {
    const existing = this.views[index];
    if (existing && existing.type !== block.type && (existing instanceof TextBlockView || block.type === 'text')) {
      // A block changed type inside or next to a text run: the runs are built again.
      this.clearBlocks();
      this.turn.blocks.forEach((b, i) => this.syncBlock(i, b));
      return;
    }
    if (existing && existing.type === block.type) {
      try {
        existing.sync(block);
      } catch (error) {
        reportRenderError(`a "${block.type}" block`, error);
        this.replaceView(index, existing, new FailedBlockView(this.ctx.doc, block.type, block));
        this.dirtyViews.delete(existing);
        return;
      }
      this.dirtyViews.add(existing);
      return;
    }
    const view = this.createView(index, block);
    if (existing) {
      existing.el.replaceWith(view.el);
      this.dirtyViews.delete(existing);
    } else if (view.el.parentNode !== this.blocksEl) {
      // Blocks arrive in order; a gap (index beyond the end) is filled as the host sends them.
      // A text block that joined a run is in place already.
      const next = this.views.slice(index + 1).find((v) => v !== undefined);
      this.blocksEl.insertBefore(view.el, next?.el ?? null);
    }
    this.views[index] = view;
    this.dirtyViews.add(view);
    endThinkingBefore(this.views, index, (earlier) => this.dirtyViews.add(earlier));
  }

  /** A new view for a block; a block whose view cannot even be built shows its raw text. */
  private createView(index: number, block: ViewTurn['blocks'][number]): BlockView {
    try {
      const view = block.type === 'text'
        ? textBlockView(this.ctx, { turnId: this.turn.id, citations: this.citations }, this.views, index, block)
        : createBlockView(this.ctx, `${this.turn.id}:${index}`, block);
      view.setDone(this.turn.status !== 'streaming');
      return view;
    } catch (error) {
      reportRenderError(`a "${block.type}" block`, error);
      return new FailedBlockView(this.ctx.doc, block.type, block);
    }
  }

  private drawUser(): void {
    if (this.turn.continueRequest) {
      // Not a question of the user's: the request to go on, shown as a seam in the same reply.
      this.el.classList.add('continue-request');
      this.el.setAttribute('data-continue-request', 'true');
    }
    this.el.classList.toggle('tool-results', this.turn.blocks.length > 0 && this.turn.blocks.every((b) => b.type === 'tool_result'));
    this.blocksEl.replaceChildren(...userTurnParts(this.ctx, this.turn, this.place));
  }

  private drawEnd(): void {
    const doc = this.ctx.doc;
    const turn = this.turn;
    const pager = this.versions.pager(turn);
    // An earlier version is shown: its own ending is in it, and this one's lines step aside.
    if (this.versions.showingEarlier && pager) return this.endEl.replaceChildren(pager);
    this.endEl.replaceChildren(...(pager ? [pager] : []), ...turnEndParts(doc, turn, this.place));
  }
}
