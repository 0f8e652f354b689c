/**
 * Stream events -> `BlockOp`s for the webview, and a batcher that sends at most one message per
 * frame.
 *
 * Text and thinking deltas become `append` ops (small, and they concatenate). Everything else that
 * changes a block becomes a `set` op carrying a copy of the whole block from the accumulator's
 * snapshot: block starts, signatures, citations, unknown deltas, and block stops (when a tool
 * call's input is complete). Partial tool input (`input_json_delta`) is not sent: the input is
 * only valid JSON once the block stops, and sending the growing block per delta would copy it
 * quadratically.
 *
 * The receiving half, `applyBlockOps`, belongs to the protocol (src/common/protocol/blockOps.ts):
 * the webview runs it, and it may import nothing from this folder.
 */
import type { ContentBlock, StreamEvent, UnknownEvent } from '../anthropic/types';
import type { BlockOp, FramePacer } from '../protocol';
import { isRecord } from '../guards';

type AppendField = 'text' | 'thinking';

/**
 * The ops for one event. `content` is the accumulator's snapshot after it applied the event; `set`
 * ops carry copies, so later mutation of the snapshot cannot change an op already queued.
 */
export function blockOpsForEvent(event: StreamEvent | UnknownEvent, content: readonly ContentBlock[]): BlockOp[] {
  switch (event.type) {
    case 'message_start':
      // A message can start with content (a continued response): show it as it is.
      return content.map((block, index) => ({ op: 'set', index, block: structuredClone(block) }));
    case 'content_block_start':
    case 'content_block_stop':
      return setOp(event, content);
    case 'content_block_delta':
      return deltaOps(event, content);
    default:
      return [];
  }
}

function deltaOps(event: StreamEvent | UnknownEvent, content: readonly ContentBlock[]): BlockOp[] {
  const index = indexOf(event);
  const delta = 'delta' in event ? event.delta : undefined;
  if (index === undefined || !isRecord(delta) || typeof delta['type'] !== 'string') {
    return [];
  }
  const block = content[index];
  switch (delta['type']) {
    case 'text_delta':
      return appendOp(index, 'text', delta['text'], block);
    case 'thinking_delta':
      return appendOp(index, 'thinking', delta['thinking'], block);
    case 'input_json_delta':
      return [];
    default:
      // signature_delta, citations_delta and deltas this code does not know: the block as it is now.
      return setOp(event, content);
  }
}

function appendOp(index: number, field: AppendField, text: unknown, block: ContentBlock | undefined): BlockOp[] {
  if (typeof text !== 'string' || text === '') {
    return [];
  }
  if (!block || typeof block[field] !== 'string') {
    // No block to append to (a start we never saw): send what the snapshot holds, if anything.
    return block ? [{ op: 'set', index, block: structuredClone(block) }] : [];
  }
  return [{ op: 'append', index, field, text }];
}

function setOp(event: StreamEvent | UnknownEvent, content: readonly ContentBlock[]): BlockOp[] {
  const index = indexOf(event);
  const block = index === undefined ? undefined : content[index];
  return index === undefined || !block ? [] : [{ op: 'set', index, block: structuredClone(block) }];
}

function indexOf(event: StreamEvent | UnknownEvent): number | undefined {
  const index = 'index' in event ? event.index : undefined;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** Runs `fn` later (e.g. after ~16 ms); may return a function that cancels it. */
export type Schedule = (fn: () => void) => (() => void) | void;

/**
 * Coalesces ops and sends them in one batch per scheduled flush.
 *
 * Consecutive appends to the same block and field are concatenated; an append after a `set` of the
 * same block is folded into that set's copy; a `set` replaces every earlier queued op of its block
 * (it holds the whole block), taking the place of the first so blocks are still created in order.
 * `set` blocks pushed here become the batcher's: it may append to them.
 *
 * With a pacer, a push into an idle batcher is sent at once when the pacer allows (a reply's
 * first ops, text after a pause), so the view is not kept a frame behind a sparse stream; a dense
 * stream still goes one batch per scheduled flush.
 */
export class OpBatcher {
  private queue: BlockOp[] = [];
  private cancelScheduled: (() => void) | undefined;
  private scheduled = false;
  private disposed = false;

  /**
   * @param send receives each non-empty batch.
   * @param schedule runs the flush later; the host passes a ~16 ms timer.
   * @param pacer decides whether a push may be sent at once; without one, every push waits for
   *   the scheduled flush.
   */
  constructor(
    private readonly send: (ops: BlockOp[]) => void,
    private readonly schedule: Schedule,
    private readonly pacer?: FramePacer,
  ) {}

  /** How many ops wait to be sent. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues ops and schedules a flush if none is scheduled. */
  push(ops: BlockOp | readonly BlockOp[]): void {
    if (this.disposed) {
      return;
    }
    const list: readonly BlockOp[] = Array.isArray(ops) ? ops : [ops as BlockOp];
    for (const op of list) {
      this.enqueue(op);
    }
    if (this.queue.length > 0 && !this.scheduled) {
      if (this.pacer?.takeNow()) {
        this.flush();
        return;
      }
      this.scheduled = true;
      const cancel = this.schedule(() => {
        this.pacer?.tookFrame();
        this.flush();
      });
      this.cancelScheduled = typeof cancel === 'function' ? cancel : undefined;
    }
  }

  /** Sends what is queued now (e.g. before the turn's final update) and cancels the pending timer. */
  flush(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.scheduled = false;
    if (this.queue.length === 0 || this.disposed) {
      return;
    }
    const batch = this.queue;
    this.queue = [];
    this.send(batch);
  }

  /** Drops what is queued and stops sending (the turn was replaced or the view went away). */
  dispose(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.queue = [];
    this.disposed = true;
  }

  private enqueue(op: BlockOp): void {
    if (op.op === 'set') {
      const first = this.queue.findIndex((queued) => queued.index === op.index);
      if (first === -1) {
        this.queue.push(op);
        return;
      }
      this.queue[first] = op;
      this.queue = this.queue.filter((queued, i) => i <= first || queued.index !== op.index);
      return;
    }
    const last = this.lastFor(op.index);
    if (last?.op === 'append' && last.field === op.field) {
      last.text += op.text;
      return;
    }
    if (last?.op === 'set') {
      const current = last.block[op.field];
      if (typeof current === 'string') {
        last.block[op.field] = current + op.text;
        return;
      }
    }
    this.queue.push({ ...op });
  }

  private lastFor(index: number): BlockOp | undefined {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const op = this.queue[i];
      if (op?.index === index) {
        return op;
      }
    }
    return undefined;
  }
}
