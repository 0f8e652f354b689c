/**
 * The host's frame-sized tick for streamed block ops: a timer of one display frame (~60 Hz), so a
 * dense stream reaches the view as at most one message per frame.
 */
import type { FrameScheduler } from './ports';

/** One display frame at 60 Hz, rounded down. */
export const FRAME_MS = 16;

/** A {@link FrameScheduler} on Node's timers. */
export function frameTimer(): FrameScheduler {
  return (fn) => {
    const timer = setTimeout(fn, FRAME_MS);
    return () => clearTimeout(timer);
  };
}
