/**
 * How often each end of a streamed reply acts on it: the host posting block ops, the view drawing
 * them. A sparse stream (a reply's first block and first text, text after a pause) goes at once; a
 * dense one is batched to one action per frame, so a fast stream still costs one message and one
 * draw per frame.
 *
 * A token bucket: it holds at most BURST credits and earns one per FRAME_MS; acting at once spends
 * one, and an action that waited for its frame spends what there is. BURST is two so that a
 * reply's block start and its first text, which usually arrive together, both go at once.
 */

/** One display frame at 60 Hz, rounded down. */
export const FRAME_MS = 16;

/** Actions that may go at once after a pause. */
export const BURST = 2;

export class FramePacer {
  private credit: number;
  private last: number;

  /** `now`: a monotonic clock in ms (performance.now). */
  constructor(private readonly now: () => number) {
    this.credit = BURST;
    this.last = now();
  }

  /** Whether an action may happen now rather than on the next frame; spends a credit if so. */
  takeNow(): boolean {
    this.earn();
    if (this.credit < 1) return false;
    this.credit -= 1;
    return true;
  }

  /** Records an action that waited for its frame. */
  tookFrame(): void {
    this.earn();
    this.credit = Math.max(0, this.credit - 1);
  }

  private earn(): void {
    const now = this.now();
    this.credit = Math.min(BURST, this.credit + Math.max(0, now - this.last) / FRAME_MS);
    this.last = now;
  }
}
