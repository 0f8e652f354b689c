/**
 * What the chat app can be given instead of the window's own (tests draw frames themselves, pass
 * a renderer that fails on cue …), and how it names a message it does not know.
 */
import { isRecord } from '../common/guards';
import type { IdleScheduler, MarkdownRenderer } from './render/markdown';

export interface ChatAppOptions {
  /** Schedules a draw; defaults to requestAnimationFrame. Tests draw with `flush()`. */
  requestFrame?: (callback: () => void) => void;
  /**
   * A monotonic clock that paces streamed draws (at once while sparse, drawScheduler.ts) and cuts
   * long draws into time slices (render/slice.ts). Defaults to performance.now with the window's
   * own frames; with `requestFrame` given, to none (every draw waits for a frame and is drawn
   * whole) unless a clock is passed too.
   */
  clock?: () => number;
  /** Schedules idle work (grammar compiles, warm-up); defaults to requestIdleCallback; null: none. */
  idle?: IdleScheduler | null;
  /** Reports a message that is not a host message of a known kind; defaults to console.warn. */
  warn?: (message: string) => void;
  /** Reports a host message whose handling threw; defaults to console.error. */
  reportError?: (message: string, error: unknown) => void;
  /** The markdown renderer; by default one for the window. Tests pass one that fails on cue. */
  markdown?: MarkdownRenderer;
}

/** The `type` of something posted to the page, for the warning about an unknown kind. */
export function describeKind(data: unknown): string {
  const type = isRecord(data) ? data['type'] : undefined;
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 100)) : `(no type: ${typeof data})`;
}
