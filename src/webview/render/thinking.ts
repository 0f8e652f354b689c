/**
 * The thinking block's view: folded, with the latest line while it streams and "Thought for 12 s"
 * once it is complete.
 */
import type { ContentBlock } from '../../common/protocol';
import { h } from '../dom';
import type { RenderContext } from './context';
import type { BlockView } from './staticBlock';
import { str } from './staticBlock';
import { StreamingMarkdownView } from './streamingMarkdown';

/** How much of the thinking's end is kept for its latest line. */
const TAIL_CHARS = 600;

/** "Thought for 12 s", "Thought for 2 m 5 s". */
export function thoughtLabel(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `Thought for ${seconds} s` : `Thought for ${Math.floor(seconds / 60)} m ${seconds % 60} s`;
}

/** The last non-empty line of the thinking so far, shown in the folded summary while it streams. */
export function latestLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line !== '') return line.length > 300 ? `…${line.slice(-300)}` : line;
  }
  return '';
}

/**
 * Thinking: folded by default (unless the reader opened it). While it streams, the summary shows
 * the latest line so progress is visible without expanding; once a later block starts (or the
 * turn ends) it says how long the model thought: the host's timing when it has one, else the
 * view's own measure of this stream.
 */
export class ThinkingBlockView implements BlockView {
  readonly type = 'thinking';
  readonly el: HTMLElement;
  private readonly details: HTMLDetailsElement;
  private readonly label: HTMLElement;
  private readonly latest: HTMLElement;
  private readonly md: StreamingMarkdownView;
  private done = false;
  private thinkingEnded = false;
  private readonly startedAt: number | undefined;
  private measuredMs: number | undefined;
  private hostMs: number | undefined;
  /** The end of the thinking so far: enough for its latest line, without copying the whole text per frame. */
  private tailText: string;

  constructor(private readonly ctx: RenderContext, private readonly key: string, block: ContentBlock) {
    const doc = ctx.doc;
    this.md = new StreamingMarkdownView(doc, ctx.md, str(block['thinking']), { slice: ctx.slice });
    this.tailText = str(block['thinking']).slice(-TAIL_CHARS);
    this.label = h(doc, 'span', { class: 'thinking-label' }, 'Thinking…');
    this.latest = h(doc, 'span', { class: 'thinking-latest', 'aria-live': 'off' });
    const summary = h(doc, 'summary', { class: 'block-summary' }, this.label, this.latest);
    this.details = h(doc, 'details', {}, summary, this.md.el);
    this.el = h(doc, 'div', { class: 'block block-thinking', 'data-block-type': 'thinking' }, this.details);
    this.startedAt = doc.defaultView?.performance.now();
    // A click on the summary is the reader's choice (the toggle event also fires for ours).
    summary.addEventListener('click', () => ctx.ui.setOpen(key, !this.details.open));
  }

  append(field: 'text' | 'thinking', text: string): void {
    if (field !== 'thinking') return;
    this.md.append(text);
    this.tailText = (this.tailText + text).slice(-TAIL_CHARS);
  }

  sync(block: ContentBlock): void {
    const thinking = str(block['thinking']);
    this.md.sync(thinking);
    this.tailText = thinking.slice(-TAIL_CHARS);
  }

  setDone(done: boolean): void {
    this.done = done;
    this.md.setDone(done);
    if (done) this.endThinking();
  }

  /** A later block started: this one is complete, whatever the turn does next. */
  endThinking(): void {
    if (this.thinkingEnded) return;
    this.thinkingEnded = true;
    const now = this.ctx.doc.defaultView?.performance.now();
    // Only a block seen streaming from its start has a meaningful measure.
    if (!this.done && this.startedAt !== undefined && now !== undefined) this.measuredMs = now - this.startedAt;
  }

  /** The host's timing of this block (stored with the turn), which wins over the view's own. */
  setDuration(ms: unknown): void {
    this.hostMs = typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  }

  get unfinished(): boolean {
    return this.md.unfinished;
  }

  render(): void {
    this.md.render();
    const ms = this.hostMs ?? this.measuredMs;
    const label = !this.thinkingEnded ? 'Thinking…' : this.md.length === 0 ? 'Thought (summary omitted)' : ms !== undefined ? thoughtLabel(ms) : 'Thought process';
    // Written only on change, so a streaming frame touches nothing but the new text.
    if (this.label.textContent !== label) this.label.textContent = label;
    const latest = this.thinkingEnded ? '' : latestLine(this.tailText);
    if (this.latest.textContent !== latest) this.latest.textContent = latest;
    const open = this.ctx.ui.isOpen(this.key) ?? false;
    if (this.details.open !== open) this.details.open = open;
    if (this.el.classList.contains('live') === this.thinkingEnded) this.el.classList.toggle('live', !this.thinkingEnded);
  }
}

/** Marks every thinking view before `index` complete: a later block has started. */
export function endThinkingBefore(views: readonly (BlockView | undefined)[], index: number, changed: (view: BlockView) => void): void {
  for (const view of views.slice(0, index)) {
    if (view instanceof ThinkingBlockView) {
      view.endThinking();
      changed(view);
    }
  }
}

/** Gives each thinking view the host's timing of its block (`ViewTurn.thinkingMs`, by index). */
export function setThinkingDurations(views: readonly (BlockView | undefined)[], thinkingMs: Record<number, number> | undefined): void {
  views.forEach((view, index) => {
    if (view instanceof ThinkingBlockView) view.setDuration(thinkingMs?.[index]);
  });
}
