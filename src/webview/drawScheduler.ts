/**
 * When the view draws streamed ops. While the stream is sparse (a reply's first text, text after a
 * pause) it draws at once, in the task that brought the ops: the text is in the DOM without
 * waiting up to a frame, and the next paint shows it. While the stream is dense it draws on the
 * next animation frame, so a fast stream costs one draw per frame (the pacing is the protocol's
 * FramePacer, the same the host posts with).
 */
import { FramePacer } from '../common/protocol';

export class DrawScheduler {
  private requested = false;
  private readonly pacer: FramePacer | undefined;

  /**
   * @param requestFrame schedules a callback for the next frame (requestAnimationFrame).
   * @param draw draws everything buffered.
   * @param clock a monotonic clock in ms; without one every draw waits for its frame.
   */
  constructor(
    private readonly requestFrame: (callback: () => void) => void,
    private readonly draw: () => void,
    clock: (() => number) | undefined,
  ) {
    this.pacer = clock ? new FramePacer(clock) : undefined;
  }

  /** Asks for a draw of what is buffered: now if the pacer allows, else on the next frame. */
  request(): void {
    if (this.requested) return;
    if (this.pacer?.takeNow()) {
      this.draw();
      return;
    }
    this.next();
  }

  /** Asks for a draw on the next frame whatever the pace (the rest of a draw cut by its slice). */
  next(): void {
    if (this.requested) return;
    this.requested = true;
    this.requestFrame(() => {
      this.requested = false;
      this.pacer?.tookFrame();
      this.draw();
    });
  }
}
