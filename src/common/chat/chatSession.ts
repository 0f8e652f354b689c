/**
 * The chat the sidebar shows: owns the open conversation, runs requests (with pause_turn
 * continuation and client tool rounds, both capped), streams block ops to the view in frame-sized
 * batches, and saves as it goes so a crash or reload loses at most what had not arrived yet.
 *
 * Pure: the client, the request builder, the store, the tools and the view are injected.
 */
import type { Message, MessageParam, MessagesRequest, Tool, ToolResultBlock, ToolUseBlock, UserContentBlock } from '../anthropic/types';
import type { ChatControls, ChatState, ContextChip, ConversationSummary, HostToWebview, ViewError } from '../protocol';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn, updateAssistantTurn } from '../conversation/conversation';
import type { AssistantTurn, CacheTtl, Conversation } from '../conversation/model';
import { toApiMessages } from '../conversation/apiMessages';
import { toViewTurn, toViewTurns } from '../conversation/viewTurns';
import { blockOpsForEvent, OpBatcher } from '../conversation/streamOps';
import { conversationTotals, type PriceLookup } from '../conversation/pricing';
import { titleForConversation } from '../conversation/title';
import { conversationToJson, conversationToMarkdown } from '../conversation/export';
import type { ConversationStore } from '../conversation/store';
import type { FrameScheduler, StreamingClient } from './ports';
import { streamTurn, type TurnOutcome } from './streamTurn';

/** A client tool the chat may offer (the text editor tool on workspace files). */
export interface ChatTools {
  definitions(): Tool[];
  /** Runs the calls and returns one tool_result per call, in order. */
  run(calls: ToolUseBlock[], signal: AbortSignal): Promise<ToolResultBlock[]>;
}

export interface ChatSessionDeps {
  store: Pick<ConversationStore, 'list' | 'load' | 'save' | 'delete' | 'rename' | 'getLastOpenId' | 'setLastOpenId'>;
  /** A client for the current settings and key, or a ViewError saying what to fix (no key…). */
  createClient(): Promise<StreamingClient | ViewError>;
  /** The request body for these messages under the current settings (model rules, caching). */
  buildRequest(messages: MessageParam[], tools: Tool[]): { body: MessagesRequest; warnings: string[] };
  toViewError(error: unknown): ViewError;
  currentModel(): string;
  cacheTtl(): CacheTtl | undefined;
  maxToolRounds(): number;
  prices: PriceLookup;
  post(message: HostToWebview): void;
  schedule: FrameScheduler;
  controls(): ChatControls;
  hasApiKey(): boolean;
  newId(): string;
  now(): number;
  warn(message: string): void;
  tools?: ChatTools;
}

const MAX_PAUSE_CONTINUATIONS = 5;
const SAVE_WHILE_STREAMING_MS = 1500;

interface ActiveRequest {
  requestId: string;
  controller: AbortController;
}

export class ChatSession {
  private conversation: Conversation;
  private active: ActiveRequest | undefined;
  private history: ConversationSummary[] = [];
  private saving: Promise<void> = Promise.resolve();
  /** The request running now (settles when it has finished, been saved and reported). */
  private running: Promise<void> = Promise.resolve();
  private disposed = false;
  /**
   * The client's live snapshot of the streaming reply. It is copied into the conversation only
   * when someone needs the stored turn (a save, a view rebuild), not per streamed event: a copy
   * per event would make a long reply cost quadratic time.
   */
  private live: { turnId: string; snapshot: Message } | undefined;

  constructor(private readonly deps: ChatSessionDeps) {
    this.conversation = createConversation({ model: deps.currentModel(), id: deps.newId(), now: deps.now() });
  }

  /** Reopens the conversation that was open before the window reloaded. */
  async restore(): Promise<void> {
    this.history = await this.deps.store.list();
    const lastId = await this.deps.store.getLastOpenId();
    const last = lastId ? await this.deps.store.load(lastId) : undefined;
    if (last && !this.active) this.conversation = last;
    this.postInit();
  }

  get conversationId(): string {
    return this.conversation.id;
  }
  get isBusy(): boolean {
    return this.active !== undefined;
  }

  state(): ChatState {
    this.syncLive();
    return {
      conversationId: this.conversation.id,
      title: this.conversation.title,
      turns: toViewTurns(this.conversation, this.deps.prices),
      totals: conversationTotals(this.conversation, this.deps.prices),
      controls: this.deps.controls(),
      hasApiKey: this.deps.hasApiKey(),
      history: this.history,
      activeRequestId: this.active?.requestId,
    };
  }

  replay(): HostToWebview {
    return { type: 'init', state: this.state() };
  }

  /** Sends a user message (with optional editor context blocks) and streams the reply. */
  async send(text: string, context?: { blocks: UserContentBlock[]; chips: ContextChip[] }): Promise<void> {
    if (this.active) {
      this.deps.post({ type: 'notice', level: 'info', message: 'Wait for the current reply to finish, or stop it first.' });
      return;
    }
    const content: UserContentBlock[] = [...(context?.blocks ?? [])];
    if (!context?.blocks.some((b) => b.type === 'text' && b.text === text)) content.push({ type: 'text', text });
    const turn = appendUserTurn(this.conversation, { content, chips: context?.chips, id: this.deps.newId(), now: this.deps.now() });
    if (this.conversation.turns.length === 1) this.conversation.title = titleForConversation(this.conversation);
    this.deps.post({ type: 'turnAdded', turn: toViewTurn(turn, this.deps.prices) });
    await this.run();
  }

  /**
   * Records an exchange that happened elsewhere (an inline edit the model answered in words) as a
   * finished user/assistant pair, without a new request, so it can be read and followed up.
   */
  addExchange(content: UserContentBlock[], chips: ContextChip[], reply: Message): void {
    if (this.active) {
      this.deps.post({ type: 'notice', level: 'info', message: 'Claude answered the inline edit without changing the file; the chat was busy, so the answer is not shown here.' });
      return;
    }
    const user = appendUserTurn(this.conversation, { content, chips, id: this.deps.newId(), now: this.deps.now() });
    if (this.conversation.turns.length === 1) this.conversation.title = titleForConversation(this.conversation);
    const turn = startAssistantTurn(this.conversation, { model: reply.model, cacheTtl: this.deps.cacheTtl(), id: this.deps.newId(), now: this.deps.now() });
    const snapshot = { content: reply.content, usage: reply.usage, stopReason: reply.stop_reason, model: reply.model };
    finishAssistantTurn(this.conversation, turn.id, { status: 'done', snapshot }, this.deps.now());
    this.deps.post({ type: 'turnAdded', turn: toViewTurn(user, this.deps.prices) });
    this.deps.post({ type: 'turnAdded', turn: toViewTurn(turn, this.deps.prices) });
    this.deps.post({ type: 'turnUpdated', turn: toViewTurn(turn, this.deps.prices), totals: conversationTotals(this.conversation, this.deps.prices) });
    void this.persist().then(() => this.refreshHistory());
  }

  /** Asks again after an error: the failed turn stays in history; what it received is kept. */
  async retry(): Promise<void> {
    if (this.active) return;
    const last = this.conversation.turns.at(-1);
    if (last?.role !== 'assistant' || last.status !== 'error') return;
    await this.run();
  }

  /** Continues a reply cut by max_tokens (or stopped): the partial reply is sent back as the start. */
  async continueReply(): Promise<void> {
    if (this.active) return;
    const last = this.conversation.turns.at(-1);
    if (last?.role !== 'assistant') return;
    await this.run();
  }

  stop(requestId?: string): void {
    if (this.active && (requestId === undefined || requestId === this.active.requestId)) this.active.controller.abort();
  }

  async newChat(): Promise<void> {
    this.stop();
    await this.running;
    await this.saving;
    this.conversation = createConversation({ model: this.deps.currentModel(), id: this.deps.newId(), now: this.deps.now() });
    await this.deps.store.setLastOpenId(undefined);
    this.postInit();
  }

  async open(id: string): Promise<void> {
    if (id === this.conversation.id) return;
    this.stop();
    await this.running;
    await this.saving;
    const loaded = await this.deps.store.load(id);
    if (!loaded) {
      this.deps.post({ type: 'notice', level: 'warning', message: 'That conversation could not be read; it was left untouched on disk.' });
      return;
    }
    this.conversation = loaded;
    await this.deps.store.setLastOpenId(id);
    this.postInit();
  }

  async rename(id: string, title: string): Promise<void> {
    await this.saving;
    await this.deps.store.rename(id, title);
    if (id === this.conversation.id) this.conversation.title = title;
    await this.refreshHistory();
  }

  async delete(id: string): Promise<void> {
    const open = id === this.conversation.id;
    // A reply still streaming would save the conversation again after it was deleted.
    if (open) {
      this.stop();
      await this.running;
    }
    await this.saving;
    await this.deps.store.delete(id);
    if (open) {
      this.history = await this.deps.store.list();
      await this.newChat();
    } else await this.refreshHistory();
  }

  /** The conversation as Markdown or JSON, or undefined when it cannot be read. */
  async export(id: string, format: 'markdown' | 'json'): Promise<{ title: string; text: string } | undefined> {
    const conversation = id === this.conversation.id ? this.conversation : await this.deps.store.load(id);
    if (!conversation) return undefined;
    const text = format === 'markdown' ? conversationToMarkdown(conversation, this.deps.prices) : conversationToJson(conversation);
    return { title: conversation.title, text };
  }

  /** Settings or the key changed: the view's controls follow. */
  refreshControls(): void {
    this.deps.post({ type: 'controls', controls: this.deps.controls() });
    this.deps.post({ type: 'apiKey', hasApiKey: this.deps.hasApiKey() });
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  // ---------- one request, with its continuations ----------

  private run(): Promise<void> {
    const done = this.runRequest();
    this.running = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  private async runRequest(): Promise<void> {
    const requestId = this.deps.newId();
    const controller = new AbortController();
    this.active = { requestId, controller };
    try {
      let pauses = 0;
      let toolRounds = 0;
      for (;;) {
        const turn = await this.runOnce(requestId, controller.signal);
        if (!turn || turn.status !== 'done' || controller.signal.aborted) break;
        if (turn.stopReason === 'pause_turn' && pauses < MAX_PAUSE_CONTINUATIONS) {
          pauses++;
          continue;
        }
        const calls = turn.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
        if (turn.stopReason === 'tool_use' && calls.length > 0 && this.deps.tools) {
          if (toolRounds >= this.deps.maxToolRounds()) {
            this.deps.post({ type: 'notice', level: 'warning', message: `Stopped after ${toolRounds} tool rounds (claudeMessages.maxToolRounds). Send a message to go on.` });
            break;
          }
          toolRounds++;
          const results = await this.deps.tools.run(calls, controller.signal).catch((error: unknown): ToolResultBlock[] =>
            // The model gets the failure as the tool's result, so the conversation stays valid.
            calls.map((call) => ({ type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The tool failed: ${this.deps.toViewError(error).message}` })),
          );
          if (controller.signal.aborted || this.disposed) break;
          const toolTurn = appendUserTurn(this.conversation, { content: results, id: this.deps.newId(), now: this.deps.now() });
          this.deps.post({ type: 'turnAdded', turn: toViewTurn(toolTurn, this.deps.prices) });
          continue;
        }
        break;
      }
    } finally {
      this.active = undefined;
      this.deps.post({ type: 'turnUpdated', turn: this.lastViewTurn(), totals: conversationTotals(this.conversation, this.deps.prices) });
      await this.persist();
      await this.refreshHistory();
    }
  }

  /** One streamed request; returns the finished assistant turn, or undefined if none was made. */
  private async runOnce(requestId: string, signal: AbortSignal): Promise<AssistantTurn | undefined> {
    const client = await this.deps.createClient().catch((error: unknown) => this.deps.toViewError(error));
    if (this.disposed) return undefined;
    const turn = startAssistantTurn(this.conversation, { model: this.deps.currentModel(), cacheTtl: this.deps.cacheTtl(), id: this.deps.newId(), now: this.deps.now() });
    this.deps.post({ type: 'turnAdded', turn: toViewTurn(turn, this.deps.prices), requestId });
    if (!('stream' in client)) {
      return this.finish(turn.id, { kind: 'error', error: client, partial: undefined }, client);
    }
    let body: MessagesRequest;
    try {
      const built = this.deps.buildRequest(toApiMessages(this.conversation), this.deps.tools?.definitions() ?? []);
      body = built.body;
      for (const warning of built.warnings) this.deps.warn(warning);
    } catch (error) {
      // A turn must never stay 'streaming': that would block every later send.
      return this.finish(turn.id, { kind: 'error', error, partial: undefined }, this.deps.toViewError(error));
    }

    const batcher = new OpBatcher((ops) => this.deps.post({ type: 'blockOps', requestId, turnId: turn.id, ops }), this.deps.schedule);
    let lastSave = this.deps.now();
    const outcome = await streamTurn({
      client,
      body,
      signal,
      onEvent: (event, snapshot) => {
        batcher.push(blockOpsForEvent(event, snapshot.content));
        this.live = { turnId: turn.id, snapshot };
        if (this.deps.now() - lastSave > SAVE_WHILE_STREAMING_MS) {
          lastSave = this.deps.now();
          void this.persist();
        }
      },
      onRetry: (notice) => {
        const error = this.deps.toViewError(notice.error);
        this.deps.post({ type: 'retrying', requestId, attempt: notice.attempt, delayMs: notice.delayMs, reason: error.message });
      },
    });
    batcher.flush();
    batcher.dispose();
    return this.finish(turn.id, outcome, outcome.kind === 'error' ? this.deps.toViewError(outcome.error) : undefined);
  }

  private finish(turnId: string, outcome: TurnOutcome, error: ViewError | undefined): AssistantTurn {
    this.live = undefined;
    const partial: Message | undefined = outcome.kind === 'complete' ? outcome.message : outcome.partial;
    const snapshot = partial ? { content: partial.content, usage: partial.usage, stopReason: partial.stop_reason, model: partial.model } : undefined;
    const status = outcome.kind === 'complete' ? 'done' : outcome.kind === 'stopped' ? 'stopped' : 'error';
    const interrupted = outcome.kind === 'error' && (partial?.content.length ?? 0) > 0;
    const turn = finishAssistantTurn(this.conversation, turnId, { status, snapshot, error, interrupted }, this.deps.now());
    this.deps.post({ type: 'turnUpdated', turn: toViewTurn(turn, this.deps.prices), totals: conversationTotals(this.conversation, this.deps.prices), activeRequestId: this.active?.requestId });
    return turn;
  }

  private lastViewTurn() {
    const last = this.conversation.turns.at(-1);
    return last ? toViewTurn(last, this.deps.prices) : { id: 'none', role: 'user' as const, status: 'done' as const, blocks: [] };
  }

  /** Saves the open conversation; writes are chained so they never interleave. */
  private persist(): Promise<void> {
    if (this.conversation.turns.length === 0) return this.saving;
    this.syncLive();
    const conversation = this.conversation;
    this.saving = this.saving
      .then(async () => {
        const savedId = await this.deps.store.save(conversation);
        await this.deps.store.setLastOpenId(savedId);
      })
      .catch((error: unknown) => this.deps.warn(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`));
    return this.saving;
  }

  /** Copies the streaming reply, as far as it has arrived, into its stored turn. */
  private syncLive(): void {
    const live = this.live;
    if (!live) return;
    const { snapshot } = live;
    updateAssistantTurn(this.conversation, live.turnId, { content: snapshot.content, usage: snapshot.usage, stopReason: snapshot.stop_reason, model: snapshot.model }, this.deps.now());
  }

  private async refreshHistory(): Promise<void> {
    this.history = await this.deps.store.list();
    this.deps.post({ type: 'history', history: this.history });
  }

  private postInit(): void {
    this.deps.post(this.replay());
  }
}
