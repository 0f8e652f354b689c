/**
 * A time budget for one draw, so drawing a long reply (the view rebuilt from a saved 100,000-token
 * reply, or a huge append) never holds the main thread for long: the views draw in order until the
 * slice is over, keep the rest for the next frame, and the app asks for that frame.
 */

/** Work per draw, leaving a frame's remainder and more for layout, input and paint (goal: no task over 50 ms). */
export const SLICE_MS = 12;

export class RenderSlice {
  private deadline = Infinity;

  /** `clock`: a monotonic clock in ms; without one a draw is never cut (tests draw whole). */
  constructor(private readonly clock: (() => number) | undefined) {}

  /** A draw begins. */
  start(): void {
    this.deadline = this.clock ? this.clock() + SLICE_MS : Infinity;
  }

  /** Whether this draw has used its time: what is left waits for the next. */
  over(): boolean {
    return this.clock !== undefined && this.clock() >= this.deadline;
  }
}
