/**
 * One streamed reply: an async iterable of `{event, snapshot}` plus `finalMessage()` and `abort()`.
 * Events are parsed per network chunk and applied to a `MessageAccumulator`; only the iterator pays
 * an await per event, so `finalMessage()` alone runs at the speed of parsing.
 */
import { MessageAccumulator, EventOrderError } from './accumulator';
import {
  ClaudeApiError,
  MalformedEventError,
  StreamInterruptedError,
  UserAbortError,
  isAbortError,
  scrubSecret,
} from './errors';
import type { ErrorContext } from './errors';
import { parseStreamEvent } from './events';
import { readSseBatches } from './sse';
import type { Message, StreamEvent } from './types';

/** What the iterator yields for every event. */
export interface StreamItem {
  event: StreamEvent;
  /**
   * The message accumulated up to and including `event`. It is the SAME mutable object on every
   * item (updated in place as later events arrive); copy it to keep a frozen view.
   */
  snapshot: Message;
}

/** What opening the request produced: an SSE body, or (from a gateway that ignores `stream`) whole events. */
export type OpenedStream =
  | { kind: 'sse'; body: ReadableStream<Uint8Array>; requestId?: string }
  | { kind: 'events'; events: StreamEvent[]; requestId?: string };

/** How a `MessageStream` gets its bytes. Supplied by `MessagesClient`. */
export interface StreamSource {
  /** Sends the request (retrying as configured) and resolves once a 2xx response has arrived. */
  open(signal: AbortSignal): Promise<OpenedStream>;
  /** Used for error messages and to scrub the key out of them. */
  errorContext: ErrorContext;
  /**
   * How long the stream may go without an event other than `ping` before it counts as stalled.
   * Pings say the connection is open, not that the reply moves: a reply that only pings this long
   * is as stuck as a silent one. Unset: wait forever.
   */
  idleTimeoutMs?: number;
}

type Outcome = { ok: true; message: Message } | { ok: false; error: ClaudeApiError };

/**
 * A streamed reply. Consume it once: either iterate it (and optionally also await
 * `finalMessage()`), or only await `finalMessage()`. Errors are `ClaudeApiError`s: a cancel is a
 * `UserAbortError`, a break after the stream began is a `StreamInterruptedError`, both carrying the
 * partial message in `partial`.
 */
export class MessageStream implements AsyncIterable<StreamItem> {
  readonly #source: StreamSource;
  readonly #controller = new AbortController();
  readonly #accumulator = new MessageAccumulator();
  #consumer: 'none' | 'iterator' | 'final' = 'none';
  #began = false;
  #outcome: Outcome | undefined;
  #waiters: Array<(outcome: Outcome) => void> = [];
  #requestId: string | undefined;
  #unlink: (() => void) | undefined;
  #stalled = false;

  constructor(source: StreamSource, signal?: AbortSignal) {
    this.#source = source;
    if (signal) {
      if (signal.aborted) this.#controller.abort();
      const onAbort = (): void => this.#controller.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#unlink = () => signal.removeEventListener('abort', onAbort);
    }
  }

  /** The `request-id` of the response, once it has arrived. */
  get requestId(): string | undefined {
    return this.#requestId;
  }

  /** The message so far (live object; see `StreamItem.snapshot`). */
  get currentMessage(): Message {
    return this.#accumulator.snapshot();
  }

  /** Cancels the request or the stream. Consumers then see a `UserAbortError`. */
  abort(): void {
    this.#controller.abort();
  }

  /** Iterates every event with the snapshot after it. Can be called once. */
  [Symbol.asyncIterator](): AsyncIterator<StreamItem> {
    if (this.#consumer !== 'none') throw new Error('This MessageStream is already being consumed.');
    this.#consumer = 'iterator';
    return this.#iterate();
  }

  /**
   * The complete message. Starts the stream if nobody iterates it; otherwise resolves when the
   * iteration reaches the end. Rejects with the same error the iterator throws.
   */
  finalMessage(): Promise<Message> {
    if (this.#consumer === 'none') {
      this.#consumer = 'final';
      void this.#drain();
    }
    return new Promise<Message>((resolve, reject) => {
      const deliver = (outcome: Outcome): void => (outcome.ok ? resolve(outcome.message) : reject(outcome.error));
      if (this.#outcome) deliver(this.#outcome);
      else this.#waiters.push(deliver);
    });
  }

  async *#batches(): AsyncGenerator<StreamEvent[], void, undefined> {
    const signal = this.#controller.signal;
    const opened = await this.#source.open(signal);
    this.#began = true;
    this.#requestId = opened.requestId;
    if (opened.kind === 'events') {
      yield opened.events;
      return;
    }
    const ctx = this.#source.errorContext;
    const idleMs = this.#source.idleTimeoutMs;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const armIdleTimer = (): void => {
      if (idleMs === undefined) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        this.#stalled = true;
        this.#controller.abort();
      }, idleMs);
    };
    armIdleTimer();
    try {
      yield* this.#parsedBatches(opened.body, signal, ctx, opened.requestId, armIdleTimer);
    } finally {
      clearTimeout(idleTimer);
    }
  }

  async *#parsedBatches(
    body: ReadableStream<Uint8Array>,
    signal: AbortSignal,
    ctx: ErrorContext,
    requestId: string | undefined,
    onProgress: () => void,
  ): AsyncGenerator<StreamEvent[], void, undefined> {
    for await (const batch of readSseBatches(body, signal)) {
      const events: StreamEvent[] = [];
      let failure: unknown;
      for (const sse of batch) {
        try {
          const event = parseStreamEvent(sse, ctx, requestId);
          if (event) events.push(event);
        } catch (error) {
          failure = error;
          break;
        }
      }
      // Only progress keeps a stream alive: a proxy (or a stuck server) can go on sending pings
      // after the reply has stopped for good, and that must still end as a stall.
      if (events.some((event) => event.type !== 'ping')) onProgress();
      // Events before a bad one still count: apply them, then fail.
      if (events.length > 0) yield events;
      if (failure !== undefined) throw failure;
    }
  }

  async *#iterate(): AsyncGenerator<StreamItem, void, undefined> {
    try {
      for await (const batch of this.#batches()) {
        for (const event of batch) {
          this.#accumulator.apply(event);
          yield { event, snapshot: this.#accumulator.snapshot() };
        }
      }
      this.#settle(this.#completeOutcome());
    } catch (error) {
      this.#settle({ ok: false, error: this.#wrap(error) });
    } finally {
      // Reached without an outcome only when the consumer stopped early (break or return).
      if (!this.#outcome) {
        this.#controller.abort();
        this.#settle({ ok: false, error: this.#wrap(new UserAbortError()) });
      }
    }
    const outcome = this.#outcome;
    if (outcome && !outcome.ok) throw outcome.error;
  }

  async #drain(): Promise<void> {
    try {
      for await (const batch of this.#batches()) {
        for (const event of batch) this.#accumulator.apply(event);
      }
      this.#settle(this.#completeOutcome());
    } catch (error) {
      this.#settle({ ok: false, error: this.#wrap(error) });
    }
  }

  #completeOutcome(): Outcome {
    const message = this.#accumulator.snapshot();
    if (this.#controller.signal.aborted) return { ok: false, error: this.#wrap(new UserAbortError()) };
    // Blocks that never got their content_block_stop (cut off by max_tokens, or by the end of the
    // stream) keep the tool input that arrived, on success and on failure alike.
    this.#accumulator.finishOpenBlocks();
    // Some gateways end without message_stop; a stop_reason from message_delta is as good an end.
    if (this.#accumulator.stopped || (this.#accumulator.started && message.stop_reason != null)) {
      return { ok: true, message };
    }
    return {
      ok: false,
      error: new StreamInterruptedError(
        'The reply stream ended before the reply was complete. What arrived is kept; try again to get the rest.',
        message,
        this.#requestId,
      ),
    };
  }

  /** Turns anything thrown while streaming into a `ClaudeApiError` that carries the partial message. */
  #wrap(error: unknown): ClaudeApiError {
    const began = this.#began;
    if (began) this.#accumulator.finishOpenBlocks();
    const partial = began ? this.#accumulator.snapshot() : undefined;
    if (this.#stalled && partial) {
      const seconds = Math.round((this.#source.idleTimeoutMs ?? 0) / 1000);
      return new StreamInterruptedError(
        `The reply stream stalled: no part of the reply arrived for ${seconds} s (keep-alive pings aside), so the connection was closed. What arrived is kept; try again to get the rest.`,
        partial,
        this.#requestId,
      );
    }
    if (this.#controller.signal.aborted || isAbortError(error)) {
      return new UserAbortError(partial);
    }
    if (error instanceof ClaudeApiError) {
      if (partial && error.partial === undefined) error.partial = partial;
      return error;
    }
    const detail = error instanceof Error ? scrubSecret(error.message, this.#source.errorContext.apiKey) : 'unknown error';
    if (!partial) {
      return new ClaudeApiError(`The request failed: ${detail}`, { kind: 'api_error', retryable: false });
    }
    if (error instanceof EventOrderError) {
      const malformed = new MalformedEventError(`The stream sent events out of order: ${detail}`, '');
      malformed.partial = partial;
      return malformed;
    }
    return new StreamInterruptedError(
      `The connection dropped while the reply was streaming (${detail}). What arrived is kept; try again to get the rest.`,
      partial,
      this.#requestId,
    );
  }

  #settle(outcome: Outcome): void {
    if (this.#outcome) return;
    this.#outcome = outcome;
    this.#unlink?.();
    this.#unlink = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const deliver of waiters) deliver(outcome);
  }
}
