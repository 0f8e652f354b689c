/**
 * The versions of a reply: a regenerated or retried reply carries its earlier versions
 * (`ViewTurn.earlierVersions`, oldest first), and a small pager on it ("‹ 2 / 2 ›") shows one of
 * them read-only in place of the current one. Only the current version is ever sent; paging is the
 * view's alone and tells the host nothing.
 */
import type { ViewTurn } from '../../common/protocol';
import { actionButton, h } from '../dom';
import { createBlockView, type BlockView } from './blocks';
import { CitationIndex } from './citations';
import { fillSources } from './sources';
import { textBlockView } from './textRun';
import { FailedBlockView, reportRenderError } from './boundary';
import type { RenderContext } from './context';
import { stopNote } from './stopNote';

export type PageDirection = 'version-prev' | 'version-next';

/** Which version of one reply is shown, and the element of an earlier one while it is. */
export class ReplyVersions {
  /** The index in `earlierVersions` of the version shown; undefined: the current one. */
  private shown: number | undefined;
  private olderEl: HTMLElement | undefined;

  constructor(private readonly ctx: RenderContext, private readonly blocksEl: HTMLElement) {}

  /** Whether an earlier version is shown (the turn's own end, Copy and usage, then step aside). */
  get showingEarlier(): boolean {
    return this.shown !== undefined;
  }

  /** Steps one version back or forward; false when there is none that way. */
  page(turn: ViewTurn, direction: PageDirection): boolean {
    const count = turn.earlierVersions?.length ?? 0;
    const at = (this.shown ?? count) + (direction === 'version-prev' ? -1 : 1);
    if (at < 0 || at > count) return false;
    this.shown = at === count ? undefined : at;
    this.draw(turn);
    return true;
  }

  /** Draws the version chosen (the current one when the turn no longer has that earlier one). */
  draw(turn: ViewTurn): void {
    const version = this.shown === undefined ? undefined : turn.earlierVersions?.[this.shown];
    this.olderEl?.remove();
    this.olderEl = undefined;
    this.blocksEl.hidden = version !== undefined;
    if (!version) {
      this.shown = undefined;
      return;
    }
    this.olderEl = earlierVersionElement(this.ctx, version);
    this.blocksEl.after(this.olderEl);
  }

  /** The pager, or undefined when the reply has a single version. */
  pager(turn: ViewTurn): HTMLElement | undefined {
    const count = (turn.earlierVersions?.length ?? 0) + 1;
    if (count < 2) return undefined;
    const position = (this.shown ?? count - 1) + 1;
    const doc = this.ctx.doc;
    const attrs = (testid: string, disabled: boolean): Record<string, string | boolean> => ({ class: 'button small version-step', 'data-testid': testid, 'data-turn-id': turn.id, disabled });
    // Labels drawn by CSS (data-label), so the reply's text stays what the model wrote.
    return h(
      doc,
      'div',
      { class: 'version-pager', 'data-testid': 'version-pager', role: 'group', 'aria-label': 'Versions of this reply' },
      actionButton(doc, 'version-prev', '', 'Previous version', attrs('version-prev', position === 1)),
      h(doc, 'span', { class: 'version-label', 'data-testid': 'version-label', 'data-label': `${position} / ${count}`, 'aria-label': `Version ${position} of ${count}`, role: 'status' }),
      actionButton(doc, 'version-next', '', 'Next version', attrs('version-next', position === count)),
    );
  }
}

/** One block's draw behind its own boundary: a block that throws shows its raw text. */
function renderSafely(doc: Document, view: BlockView, views: BlockView[], version: ViewTurn): void {
  try {
    view.render();
  } catch (error) {
    reportRenderError(`a "${view.type}" block`, error);
    const index = views.indexOf(view);
    const block = version.blocks[index];
    if (!block) return;
    const failed = new FailedBlockView(doc, block.type, block);
    failed.render();
    view.el.replaceWith(failed.el);
  }
}

/** An earlier version, read-only: its blocks (each behind its own boundary), how it ended, no actions. */
function earlierVersionElement(ctx: RenderContext, version: ViewTurn): HTMLElement {
  const doc = ctx.doc;
  const el = h(doc, 'div', { class: 'blocks earlier-version', 'data-testid': 'earlier-version', 'data-status': version.status });
  // Text blocks join runs as in the live reply (textRun.ts), numbered by this version alone.
  const place = { turnId: version.id, citations: new CitationIndex() };
  const views: BlockView[] = [];
  version.blocks.forEach((block, index) => {
    let view: BlockView;
    try {
      view = block.type === 'text' ? textBlockView(ctx, place, views, index, block) : createBlockView(ctx, `${version.id}:version:${index}`, block);
      view.setDone(true);
    } catch (error) {
      reportRenderError(`a "${block.type}" block`, error);
      view = new FailedBlockView(doc, block.type, block);
    }
    views[index] = view;
    if (view.el.parentNode !== el) el.append(view.el);
  });
  // Drawn once all blocks are in (a run's text is whole by then), each element once.
  const drawn = new Set<HTMLElement>();
  for (const view of views) {
    if (drawn.has(view.el)) continue;
    drawn.add(view.el);
    renderSafely(doc, view, views, version);
  }
  const sources = h(doc, 'div', { class: 'sources-slot' });
  fillSources(sources, version.id, place.citations);
  el.append(sources);
  const note = stopNote(version);
  if (note) el.append(h(doc, 'div', { class: `stop-note stop-${note.reason}` }, note.text));
  // Not the live error card (no alert, no Retry): this version is history.
  if (version.error) el.append(h(doc, 'div', { class: 'earlier-version-error' }, `This version failed: ${version.error.message}`));
  else if (version.status === 'error') el.append(h(doc, 'div', { class: 'earlier-version-error' }, 'This version failed.'));
  return el;
}
