/**
 * Follows the bottom of the message list while the reader is there, and leaves them alone when
 * they scroll up (showing a "jump to latest" button instead).
 */

/** Within this many pixels of the bottom counts as "at the bottom". */
export const BOTTOM_SLACK_PX = 4;

/** Auto-scroll for one scrolling element. */
export class ScrollFollower {
  private stick = true;
  /**
   * A saved position the content is not tall enough for yet (a long reply is drawn over several
   * frames): applied as soon as it is reachable, or as far as it goes once drawing settles.
   */
  private pendingTop: number | undefined;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly jump: HTMLButtonElement,
    private readonly onChange: (stick: boolean, scrollTop: number) => void,
  ) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    jump.addEventListener('click', () => this.toBottom());
    this.showJump(false);
  }

  /** Whether the view follows new content. */
  get following(): boolean {
    return this.stick;
  }

  /** After content changed: keep the bottom in view if the reader was there. */
  afterRender(): void {
    if (this.stick) this.scroller.scrollTop = this.scroller.scrollHeight;
    else {
      this.applyPending();
      this.showJump(true);
    }
  }

  /** Everything is drawn: a saved position still pending goes as far as the content allows. */
  settled(): void {
    if (this.pendingTop === undefined) return;
    this.scroller.scrollTop = this.pendingTop;
    this.pendingTop = undefined;
  }

  /** Jumps to the newest content and follows it again. */
  toBottom(): void {
    this.stick = true;
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.showJump(false);
    this.onChange(true, this.scroller.scrollTop);
  }

  /** Restores a saved position (after the webview was rebuilt). */
  restore(stick: boolean, scrollTop: number): void {
    this.stick = stick;
    this.pendingTop = stick ? undefined : scrollTop;
    if (stick) this.scroller.scrollTop = this.scroller.scrollHeight;
    else this.applyPending();
    this.showJump(!stick);
  }

  private applyPending(): void {
    const top = this.pendingTop;
    if (top === undefined) return;
    this.scroller.scrollTop = top;
    if (this.scroller.scrollHeight - this.scroller.clientHeight >= top) this.pendingTop = undefined;
  }

  private onScroll(): void {
    // Scrolls while a saved position waits for the content are the browser clamping, not the reader.
    if (this.pendingTop !== undefined) return;
    const el = this.scroller;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    // Our own scrolls land at the bottom; only the reader moves away from it.
    const stick = distance <= BOTTOM_SLACK_PX;
    if (stick !== this.stick) {
      this.stick = stick;
      this.showJump(!stick);
    }
    this.onChange(this.stick, el.scrollTop);
  }

  private showJump(show: boolean): void {
    if (this.jump.hidden === show) this.jump.hidden = !show;
  }
}
