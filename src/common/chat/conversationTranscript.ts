/**
 * The chat's side of the turn engine: every reply becomes an assistant turn of the open
 * conversation, streamed to the view as block ops (at once while the stream is sparse, in
 * frame-sized batches while it is dense) and saved while it streams; tool results become user turns.
 */
import type { Container, Message, MessageParam, StreamEvent, ToolResultBlock } from '../anthropic/types';
import { toApiMessages } from '../conversation/apiMessages';
import { containerOf, latestContainer } from '../conversation/container';
import { appendUserTurn, finishAssistantTurn, startAssistantTurn, updateAssistantTurn } from '../conversation/conversation';
import type { AssistantSnapshot, CacheTtl, Conversation } from '../conversation/model';
import { conversationTotals, type PriceLookup } from '../conversation/pricing';
import { blockOpsForEvent, OpBatcher } from '../conversation/streamOps';
import { toViewTurn, viewTurnAt } from '../conversation/viewTurns';
import { FramePacer } from '../protocol';
import type { HostToWebview, ViewError } from '../protocol';
import type { FrameScheduler } from './ports';
import type { ReplySink, TurnTranscript } from './turnEngine';
import type { TurnOutcome } from './streamTurn';

/** Saving while a reply streams bounds what a crash or reload can lose. */
const SAVE_WHILE_STREAMING_MS = 1500;

export interface ConversationTranscriptOptions {
  conversation: Conversation;
  /** The request the turn's replies belong to (the view's Stop names it). */
  requestId: string;
  post(message: HostToWebview): void;
  schedule: FrameScheduler;
  /** Paces the batches (posted at once while the stream is sparse); see ChatViewPort. */
  paceClock?: (() => number) | undefined;
  prices: PriceLookup;
  clock: { newId(): string; now(): number };
  model(): string;
  cacheTtl(): CacheTtl | undefined;
  toViewError(error: unknown): ViewError;
  /** Saves the conversation (syncing the live reply first). */
  save(): void;
}

export class ConversationTranscript implements TurnTranscript {
  /**
   * The client's live snapshot of the streaming reply. It is copied into the conversation only
   * when someone needs the stored turn (a save, a view rebuild), not per streamed event: a copy
   * per event would make a long reply cost quadratic time.
   */
  private live: { turnId: string; snapshot: Message } | undefined;

  constructor(private readonly options: ConversationTranscriptOptions) {}

  messages(): MessageParam[] {
    return toApiMessages(this.options.conversation);
  }

  startReply(): ReplySink {
    const { conversation, clock, requestId, post, prices } = this.options;
    const turn = startAssistantTurn(conversation, { model: this.options.model(), cacheTtl: this.options.cacheTtl(), id: clock.newId(), now: clock.now() });
    // A regenerated reply carries its earlier versions from its first frame (the pager stays put).
    post({ type: 'turnAdded', turn: viewTurnAt(conversation, conversation.turns.indexOf(turn), prices), requestId });
    const { paceClock } = this.options;
    const pacer = paceClock ? new FramePacer(paceClock) : undefined;
    const batcher = new OpBatcher((ops) => post({ type: 'blockOps', requestId, turnId: turn.id, ops }), this.options.schedule, pacer);
    let lastSave = clock.now();
    const thinking = new ThinkingTimer(clock);
    return {
      onEvent: (event, snapshot) => {
        thinking.onEvent(event);
        batcher.push(blockOpsForEvent(event, snapshot.content));
        this.live = { turnId: turn.id, snapshot };
        if (clock.now() - lastSave > SAVE_WHILE_STREAMING_MS) {
          lastSave = clock.now();
          this.options.save();
        }
      },
      finish: (outcome) => {
        batcher.flush();
        batcher.dispose();
        this.finish(turn.id, outcome, thinking.durations());
      },
    };
  }

  container(): Container | undefined {
    return latestContainer(this.options.conversation);
  }

  addToolResults(results: ToolResultBlock[]): void {
    const { conversation, clock, post, prices } = this.options;
    const toolTurn = appendUserTurn(conversation, { content: results, id: clock.newId(), now: clock.now() });
    post({ type: 'turnAdded', turn: toViewTurn(toolTurn, prices) });
  }

  /** Copies the streaming reply, as far as it has arrived, into its stored turn. */
  syncLive(): void {
    const live = this.live;
    if (!live) return;
    const { snapshot } = live;
    updateAssistantTurn(this.options.conversation, live.turnId, snapshotOf(snapshot), this.options.clock.now());
  }

  private finish(turnId: string, outcome: TurnOutcome, thinkingMs: Record<number, number> | undefined): void {
    this.live = undefined;
    const { conversation, clock, post, prices } = this.options;
    const partial: Message | undefined = outcome.kind === 'complete' ? outcome.message : outcome.partial;
    const snapshot = partial ? snapshotOf(partial) : undefined;
    const status = outcome.kind === 'complete' ? 'done' : outcome.kind === 'stopped' ? 'stopped' : 'error';
    const error = outcome.kind === 'error' ? this.options.toViewError(outcome.error) : undefined;
    const interrupted = outcome.kind === 'error' && (partial?.content.length ?? 0) > 0;
    const turn = finishAssistantTurn(conversation, turnId, { status, snapshot, error, interrupted }, clock.now());
    if (thinkingMs) turn.thinkingMs = thinkingMs;
    post({ type: 'turnUpdated', turn: viewTurnAt(conversation, conversation.turns.indexOf(turn), prices), totals: conversationTotals(conversation, prices), activeRequestId: this.options.requestId });
  }
}

/**
 * Times each thinking block from its `content_block_start` to its `content_block_stop`, for the
 * view's "Thought for 12 s". A block still open when the reply ends counts until then.
 */
class ThinkingTimer {
  private readonly started = new Map<number, number>();
  private readonly took = new Map<number, number>();

  constructor(private readonly clock: { now(): number }) {}

  onEvent(event: StreamEvent): void {
    if (event.type === 'content_block_start' && event.content_block.type === 'thinking') {
      this.started.set(event.index, this.clock.now());
    } else if (event.type === 'content_block_stop') {
      const start = this.started.get(event.index);
      if (start !== undefined) this.took.set(event.index, this.clock.now() - start);
    }
  }

  /** The durations by block index; undefined when the reply did not think. */
  durations(): Record<number, number> | undefined {
    if (this.started.size === 0) return undefined;
    const result: Record<number, number> = {};
    for (const [index, start] of this.started) result[index] = this.took.get(index) ?? this.clock.now() - start;
    return result;
  }
}

/** What the stored turn keeps of a reply. */
function snapshotOf(message: Message): AssistantSnapshot {
  const snapshot: AssistantSnapshot = { content: message.content, usage: message.usage, stopReason: message.stop_reason, model: message.model };
  const container = containerOf(message.container);
  if (container) snapshot.container = container;
  return snapshot;
}
