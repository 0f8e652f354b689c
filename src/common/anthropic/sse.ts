/**
 * Bytes -> server-sent events. A streaming TextDecoder keeps a UTF-8 character that is split
 * between two network chunks whole, and eventsource-parser handles the SSE grammar (CR, LF and
 * CRLF line ends, `:` comments, multi-line `data:`, `id:`/`retry:` fields).
 */
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';

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

/**
 * Reads `body` and yields, per network chunk, the events that chunk completed (possibly none).
 * Batching per chunk is what keeps the client fast: one await per chunk instead of one per event.
 * An event left incomplete at the end of the stream is dropped, as the SSE spec says.
 */
export async function* readSseBatches(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent[], void, undefined> {
  let pending: SseEvent[] = [];
  let parseError: SseParseError | undefined;
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      pending.push({ event: message.event, data: message.data });
    },
    onError(error) {
      // Unknown fields are allowed by the SSE spec and carry nothing for us; only a real
      // failure (the buffer limit) stops the stream.
      if (error.type === 'max-buffer-size-exceeded') parseError = new SseParseError(error.message);
    },
    maxBufferSize: MAX_BUFFER_CHARS,
  });
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  const onAbort = (): void => {
    reader.cancel().catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  let endsWithCr = false;
  try {
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
      const text = decoder.decode(value, { stream: true });
      if (text.length > 0) {
        parser.feed(text);
        endsWithCr = text.charCodeAt(text.length - 1) === 13;
      }
      if (parseError) throw parseError;
      if (pending.length > 0) {
        const batch = pending;
        pending = [];
        yield batch;
      }
    }
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
    const rest = decoder.decode();
    if (rest) {
      parser.feed(rest);
      endsWithCr = rest.charCodeAt(rest.length - 1) === 13;
    }
    // A final CR is a complete line end, but the parser waits for a possible LF; at the end of
    // the stream none can come, so give it one (CR + LF is the same single line end).
    if (endsWithCr) parser.feed('\n');
    if (parseError) throw parseError;
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      yield batch;
    }
    finished = true;
  } finally {
    signal?.removeEventListener('abort', onAbort);
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
