/**
 * Streams one request and reports how it ended, keeping whatever arrived. Shared by the chat and
 * the inline edit so there is exactly one send-and-stream path.
 */
import type { Message, MessagesRequest, StreamEvent } from '../anthropic/types';
import type { RetryNotice, StreamingClient } from './ports';

export type TurnOutcome =
  | { kind: 'complete'; message: Message }
  /** The user stopped it; `partial` is what had arrived. */
  | { kind: 'stopped'; partial: Message | undefined }
  /** It failed; `partial` is what had arrived before the failure (undefined if nothing did). */
  | { kind: 'error'; error: unknown; partial: Message | undefined };

export interface StreamTurnOptions {
  client: StreamingClient;
  body: MessagesRequest;
  signal: AbortSignal;
  onEvent?: (event: StreamEvent, snapshot: Message) => void;
  onRetry?: (notice: RetryNotice) => void;
}

/** Never throws: every ending is an outcome, so callers cannot lose a partial reply. */
export async function streamTurn(options: StreamTurnOptions): Promise<TurnOutcome> {
  let last: Message | undefined;
  try {
    for await (const { event, snapshot } of options.client.stream(options.body, { signal: options.signal, onRetry: options.onRetry })) {
      last = snapshot;
      options.onEvent?.(event, snapshot);
    }
    if (options.signal.aborted) return { kind: 'stopped', partial: clone(last) };
    if (!last) return { kind: 'error', error: new Error('The stream ended before the reply started.'), partial: undefined };
    return { kind: 'complete', message: clone(last) as Message };
  } catch (error) {
    const partial = clone(partialFrom(error) ?? last);
    if (options.signal.aborted) return { kind: 'stopped', partial };
    return { kind: 'error', error, partial };
  }
}

function partialFrom(error: unknown): Message | undefined {
  if (typeof error === 'object' && error !== null && 'partial' in error) {
    const partial = (error as { partial?: unknown }).partial;
    if (typeof partial === 'object' && partial !== null && 'content' in partial) return partial as Message;
  }
  return undefined;
}

/** The client may reuse its snapshot object; the conversation keeps its own copy. */
function clone(message: Message | undefined): Message | undefined {
  return message === undefined ? undefined : structuredClone(message);
}
