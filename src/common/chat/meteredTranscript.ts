/**
 * A transcript wrapper that keeps count for a progress display and a bill: how much the model has
 * streamed so far (text, thinking and tool input alike, since an edit streams mostly tool input),
 * and the usage of every complete reply (one per request, tool rounds included).
 */
import type { Usage } from '../anthropic/types';
import type { ReplySink, TurnTranscript } from './turnEngine';

export class MeteredTranscript implements TurnTranscript {
  private readonly usages: Usage[] = [];
  private streamed = 0;

  /** @param onStreamed characters streamed so far in this turn, after each delta */
  constructor(private readonly inner: TurnTranscript, private readonly onStreamed?: (characters: number) => void) {}

  /** The usage of each complete reply so far, in order. */
  get rounds(): readonly Usage[] {
    return this.usages;
  }

  messages(): ReturnType<TurnTranscript['messages']> {
    return this.inner.messages();
  }

  startReply(): ReplySink {
    const sink = this.inner.startReply();
    return {
      onEvent: (event, snapshot) => {
        const size = event.type === 'content_block_delta' ? streamedSize(event.delta) : 0;
        if (size > 0) {
          this.streamed += size;
          this.onStreamed?.(this.streamed);
        }
        sink.onEvent(event, snapshot);
      },
      finish: (outcome) => {
        // A stopped or failed reply has no final usage; what it cost is not known.
        if (outcome.kind === 'complete') this.usages.push(outcome.message.usage);
        sink.finish(outcome);
      },
    };
  }

  addToolResults(...args: Parameters<TurnTranscript['addToolResults']>): void {
    this.inner.addToolResults(...args);
  }

  container(): ReturnType<TurnTranscript['container']> {
    return this.inner.container();
  }
}

/** The characters a delta carries (an open union: unknown delta types count nothing). */
function streamedSize(delta: Record<string, unknown>): number {
  const text = delta['text'] ?? delta['partial_json'] ?? delta['thinking'];
  return delta['type'] !== 'signature_delta' && typeof text === 'string' ? text.length : 0;
}
