/**
 * The host's frame-sized tick for streamed block ops: a timer of one display frame (~60 Hz), so a
 * dense stream reaches the view as at most one message per frame.
 */
import { FRAME_MS } from '../protocol';
import type { FrameScheduler } from './ports';

/** A {@link FrameScheduler} on Node's timers. */
export function frameTimer(): FrameScheduler {
  return (fn) => {
    const timer = setTimeout(fn, FRAME_MS);
    return () => clearTimeout(timer);
  };
}
