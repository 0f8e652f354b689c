/**
 * The composer's token meter: after the draft stops changing for a moment it counts the input
 * tokens of the exact request the next send would make, with `count_tokens` when the endpoint
 * answers it, else a local estimate marked as such. A newer draft cancels the count in flight
 * (its AbortSignal fires) and a stale answer is dropped; nothing here ever blocks typing.
 */
import type { MessagesRequest } from '../anthropic/types';
import type { ContextMeterState } from '../protocol';
import { estimateRequestTokens } from './estimate';

/** How long the draft must stay unchanged before it is counted. */
export const METER_DEBOUNCE_MS = 400;

/** Timers, injected so tests run on a fake clock. */
export interface MeterTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface MeterPorts {
  /** The body the next send of `draft` would make; may throw (settings the API would refuse). */
  body(draft: string): MessagesRequest;
  /** `count_tokens` for the body; undefined when the endpoint has none (no client, no key). */
  count: ((body: MessagesRequest, signal: AbortSignal) => Promise<number>) | undefined;
  contextWindow(): number;
  publish(meter: ContextMeterState | undefined): void;
  timer: MeterTimer;
  /**
   * True while a reply streams: the history is half-built (a thinking block without its signature
   * yet), so nothing is counted and the last figure stands; the host recounts when the reply ends.
   */
  busy?(): boolean;
  /**
   * True while no chat view is there to show the figure: nothing is counted (count_tokens is a
   * request like any other, and rate-limited); the view asks for a count when it is shown again.
   */
  unseen?(): boolean;
}

export class ContextMeter {
  private pending: unknown;
  private inFlight: AbortController | undefined;
  private draft = '';
  private disposed = false;
  /** Count endpoints that failed once are not asked again until `reset`. */
  private countFailed = false;

  constructor(private readonly ports: MeterPorts) {}

  /** The draft changed: count it once it has been still for {@link METER_DEBOUNCE_MS}. */
  update(draft: string): void {
    if (this.disposed) return;
    this.draft = draft;
    this.inFlight?.abort();
    this.inFlight = undefined;
    if (this.pending !== undefined) this.ports.timer.clear(this.pending);
    this.pending = this.ports.timer.set(() => {
      this.pending = undefined;
      void this.measure(this.draft);
    }, METER_DEBOUNCE_MS);
  }

  /** Recount the current draft (attachments, model or history changed). */
  refresh(): void {
    this.update(this.draft);
  }

  /** The endpoint or key changed: try count_tokens again. */
  reset(): void {
    this.countFailed = false;
    this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    this.inFlight?.abort();
    if (this.pending !== undefined) this.ports.timer.clear(this.pending);
  }

  private async measure(draft: string): Promise<void> {
    if (this.ports.busy?.() || this.ports.unseen?.()) return;
    let body: MessagesRequest;
    try {
      body = this.ports.body(draft);
    } catch {
      // The send would be refused for its settings; the meter has nothing to say.
      this.ports.publish(undefined);
      return;
    }
    const contextWindow = this.ports.contextWindow();
    const count = this.countFailed ? undefined : this.ports.count;
    if (!count) {
      this.ports.publish({ inputTokens: estimateRequestTokens(body), contextWindow, estimated: true });
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const inputTokens = await count(body, controller.signal);
      if (controller.signal.aborted || this.disposed) return;
      this.ports.publish({ inputTokens, contextWindow, estimated: false });
    } catch {
      if (controller.signal.aborted || this.disposed) return;
      this.countFailed = true;
      this.ports.publish({ inputTokens: estimateRequestTokens(body), contextWindow, estimated: true });
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }
}
