/**
 * The versions of a reply: a regenerated or retried reply carries its earlier versions
 * (`ViewTurn.earlierVersions`, oldest first), and a small pager on it ("‹ 2 / 2 ›") shows one of
 * them read-only in place of the current one. Only the current version is ever sent; paging is the
 * view's alone and tells the host nothing.
 */
import type { ViewTurn } from '../../common/protocol';
import { actionButton, h } from '../dom';
import { createBlockView, type BlockView } from './blocks';
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

/** An earlier version, read-only: its blocks (each behind its own boundary), how it ended, no actions. */
function earlierVersionElement(ctx: RenderContext, version: ViewTurn): HTMLElement {
  const doc = ctx.doc;
  const el = h(doc, 'div', { class: 'blocks earlier-version', 'data-testid': 'earlier-version', 'data-status': version.status });
  version.blocks.forEach((block, index) => {
    let view: BlockView;
    try {
      view = createBlockView(ctx, `${version.id}:version:${index}`, block);
      view.setDone(true);
      view.render();
    } catch (error) {
      reportRenderError(`a "${block.type}" block`, error);
      view = new FailedBlockView(doc, block.type, block);
      view.render();
    }
    el.append(view.el);
  });
  const note = stopNote(version);
  if (note) el.append(h(doc, 'div', { class: `stop-note stop-${note.reason}` }, note.text));
  // Not the live error card (no alert, no Retry): this version is history.
  if (version.error) el.append(h(doc, 'div', { class: 'earlier-version-error' }, `This version failed: ${version.error.message}`));
  else if (version.status === 'error') el.append(h(doc, 'div', { class: 'earlier-version-error' }, 'This version failed.'));
  return el;
}
