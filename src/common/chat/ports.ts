/**
 * What the chat needs from the outside world, as interfaces, so the session is pure and tested in
 * Node with fakes; the host supplies the real things.
 */
import type { Message, MessagesRequest, StreamEvent } from '../anthropic/types';

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** The streaming half of the Messages client. */
export interface StreamingClient {
  stream(
    body: MessagesRequest,
    options: { signal?: AbortSignal; onRetry?: (info: RetryNotice) => void },
  ): AsyncIterable<{ event: StreamEvent; snapshot: Message }>;
}

/** Runs `fn` on the next frame-sized tick; returns a cancel function. */
export type FrameScheduler = (fn: () => void) => () => void;
