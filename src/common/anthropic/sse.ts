/**
 * Bytes -> server-sent events. A streaming TextDecoder keeps a UTF-8 character that is split
 * between two network chunks whole, and eventsource-parser handles the SSE grammar (CR, LF and
 * CRLF line ends, `:` comments, multi-line `data:`, `id:`/`retry:` fields).
 */
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage, EventSourceParser } from 'eventsource-parser';

/** One server-sent event: its `event:` name (undefined when absent) and its joined `data:` lines. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Raised when the byte stream holds something the SSE parser cannot take (e.g. an oversized line). */
export class SseParseError extends Error {
  override readonly name = 'SseParseError';
}

// A single SSE event larger than this is not a Messages API event; refuse it rather than buffer
// without bound (the biggest real events, whole web fetch results, are a few hundred KB).
const MAX_BUFFER_CHARS = 64 * 1024 * 1024;

// A body that is one JSON document is an error (or a whole message from a gateway that ignores
// `stream`); more than this is neither, and is not buffered further.
const MAX_JSON_BODY_CHARS = 32 * 1024 * 1024;

// Hoisted: the decode options are the same for every chunk.
const DECODE_STREAMING = { stream: true };

/**
 * The decoder and parser state carried from one network chunk to the next: bytes in, the events
 * each chunk completed out. A class rather than closures so that the read loop stays a few lines.
 */
class SseBatcher {
  private pending: SseEvent[] = [];
  private parseError: SseParseError | undefined;
  private endsWithCr = false;
  // Until the first non-blank character: whether the body is SSE or one JSON document.
  private mode: 'undecided' | 'sse' | 'json' = 'undecided';
  private held = '';
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;

  constructor() {
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        this.pending.push({ event: message.event, data: message.data });
      },
      onError: (error) => {
        // Unknown fields are allowed by the SSE spec and carry nothing for us; only a real
        // failure (the buffer limit) stops the stream.
        if (error.type === 'max-buffer-size-exceeded') this.parseError = new SseParseError(error.message);
      },
      maxBufferSize: MAX_BUFFER_CHARS,
    });
  }

  /** Feeds one network chunk; returns the events it completed, or undefined when it completed none. */
  push(bytes: Uint8Array): SseEvent[] | undefined {
    this.feed(this.decoder.decode(bytes, DECODE_STREAMING));
    return this.take();
  }

  /** The stream ended: flushes the decoder and a final CR; returns the events that completed. */
  end(): SseEvent[] | undefined {
    this.feed(this.decoder.decode());
    if (this.mode === 'json') {
      // The whole body as one event's data: its own `type` (an error, as a rule) decides what it is.
      this.pending.push({ event: undefined, data: this.held });
      this.held = '';
      return this.take();
    }
    // A final CR is a complete line end, but the parser waits for a possible LF; at the end of
    // the stream none can come, so give it one (CR + LF is the same single line end).
    if (this.endsWithCr) this.parser.feed('\n');
    return this.take();
  }

  private feed(text: string): void {
    if (text.length === 0) return;
    if (this.mode !== 'sse') {
      this.hold(text);
      return;
    }
    this.parser.feed(text);
    this.endsWithCr = text.charCodeAt(text.length - 1) === 13;
  }

  /**
   * Decides the body's shape from its first non-blank character. An SSE line starts with a field
   * name, `:` or nothing; `{` is a JSON document instead, as a gateway sends when it answers a
   * streaming request with a JSON error (200 status, event-stream content type or none).
   */
  private hold(text: string): void {
    this.held += text;
    if (this.mode === 'json') {
      if (this.held.length > MAX_JSON_BODY_CHARS) {
        this.parseError = new SseParseError('The response body is a JSON document larger than any API error, not an event stream.');
      }
      return;
    }
    const start = this.held.search(/\S/);
    if (start < 0) return;
    if (this.held[start] === '{') {
      this.mode = 'json';
      return;
    }
    this.mode = 'sse';
    const pending = this.held;
    this.held = '';
    this.feed(pending);
  }

  private take(): SseEvent[] | undefined {
    if (this.parseError) throw this.parseError;
    if (this.pending.length === 0) return undefined;
    const batch = this.pending;
    this.pending = [];
    return batch;
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/** Cancels the reader when `signal` aborts, so a pending read settles at once; returns the undo. */
function cancelReaderOnAbort(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal | undefined): () => void {
  const onAbort = (): void => {
    reader.cancel().catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return () => signal?.removeEventListener('abort', onAbort);
}

/**
 * Reads `body` and yields, per network chunk, the events that chunk completed (possibly none).
 * Batching per chunk is what keeps the client fast: one await per chunk instead of one per event.
 * An event left incomplete at the end of the stream is dropped, as the SSE spec says.
 */
export async function* readSseBatches(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent[], void, undefined> {
  const batcher = new SseBatcher();
  const reader = body.getReader();
  const stopCancellingOnAbort = cancelReaderOnAbort(reader, signal);
  let finished = false;
  try {
    if (signal?.aborted) throw abortReason(signal);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (signal?.aborted) throw abortReason(signal);
      const batch = batcher.push(value);
      if (batch) yield batch;
    }
    if (signal?.aborted) throw abortReason(signal);
    const last = batcher.end();
    if (last) yield last;
    finished = true;
  } finally {
    stopCancellingOnAbort();
    // A consumer that stops early (break, error) must not leave the connection open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * Reads `body` and yields each server-sent event in order. Convenience over `readSseBatches`.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent, void, undefined> {
  for await (const batch of readSseBatches(body, signal)) {
    for (const event of batch) yield event;
  }
}
