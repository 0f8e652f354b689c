/**
 * Follows the bottom of the message list while the reader is there, and leaves them alone when
 * they scroll up (showing a "jump to latest" button instead).
 */

/** Within this many pixels of the bottom counts as "at the bottom". */
export const BOTTOM_SLACK_PX = 4;

/** Auto-scroll for one scrolling element. */
export class ScrollFollower {
  private stick = true;

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
    else this.showJump(true);
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
    if (stick) this.scroller.scrollTop = this.scroller.scrollHeight;
    else this.scroller.scrollTop = scrollTop;
    this.showJump(!stick);
  }

  private onScroll(): void {
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
