/**
 * The open conversation of the sidebar chat: sends what the user writes, runs each turn through
 * the turn engine (streamed to the view, saved as it goes), and switches to another conversation
 * or a new chat. The saved conversations themselves are the {@link ConversationLibrary}'s.
 *
 * Pure: the client, the request builder, the store, the tools and the view are injected as ports.
 */
import type { Message, MessagesRequest, UserContentBlock } from '../anthropic/types';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn, supersedeFailedTurn } from '../conversation/conversation';
import type { Conversation, UserTurn } from '../conversation/model';
import { conversationTotals, type PriceLookup } from '../conversation/pricing';
import { titleForConversation } from '../conversation/title';
import { toViewTurn, toViewTurns } from '../conversation/viewTurns';
import type { AttachmentChip, ChatState, ContextChip, HostToWebview } from '../protocol';
import type { ConversationLibrary, ExportFormat } from './conversationLibrary';
import { markFixedErrors, type ErrorCause } from './errorFixes';
import { ConversationTranscript } from './conversationTranscript';
import { OpenConversationSaves } from './openConversationSaves';
import { draftBody, draftProblem, userContent, type DraftPorts, type InputSupport } from './draftRequest';
import { PendingAttachments } from './pendingAttachments';
import type { AttachedContext, ChatBackend, ChatClock, ChatViewPort } from './ports';
import { endNotice } from './endNotice';
import { runTurn, type ToolPort } from './turnEngine';

export interface ChatSessionOptions {
  backend: ChatBackend;
  view: ChatViewPort;
  library: ConversationLibrary;
  prices: PriceLookup;
  clock: ChatClock;
  /** Client tools the chat offers (the text editor tool on workspace files). */
  tools?: ToolPort;
  /** What the current model reads besides text; checked before a message with attachments is sent. */
  inputSupport?: () => InputSupport;
}

/** What a model that refuses prefill is sent to go on with a reply cut by max_tokens. */
export const CONTINUE_PROMPT =
  'Your previous reply was cut off by the output token limit. Continue it exactly where it stopped, without repeating or summarising anything already written.';

interface ActiveTurn {
  requestId: string;
  controller: AbortController;
  transcript: ConversationTranscript;
}

export class ChatSession {
  private conversation: Conversation;
  private active: ActiveTurn | undefined;
  /** The turn running now (settles when it has finished, been saved and reported). */
  private running: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly saves: OpenConversationSaves;
  /** What goes with the next message (the host adds, the view removes). */
  readonly attachments = new PendingAttachments((items) => this.post({ type: 'attachments', items }));

  constructor(private readonly options: ChatSessionOptions) {
    this.conversation = this.emptyConversation();
    this.saves = new OpenConversationSaves(options.library, {
      conversation: () => this.conversation,
      liveReply: () => this.active?.transcript,
      reinit: () => this.postInit(),
      notice: (level, message) => this.post({ type: 'notice', level, message }),
    });
  }

  /** Reopens the conversation that was open before the window reloaded. */
  async restore(): Promise<void> {
    await this.options.library.reload();
    const last = await this.options.library.lastOpen();
    if (last && !this.active) this.conversation = last;
    this.postInit();
  }

  get conversationId(): string { return this.conversation.id; }
  get isBusy(): boolean { return this.active !== undefined; }
  /** The open conversation, to read (citations, the meter); change it only through the session. */
  get openConversation(): Readonly<Conversation> { return this.conversation; }

  state(): ChatState {
    this.active?.transcript.syncLive();
    const { prices, view, library } = this.options;
    return {
      conversationId: this.conversation.id,
      title: this.conversation.title,
      turns: toViewTurns(this.conversation, prices),
      totals: conversationTotals(this.conversation, prices),
      controls: view.controls(),
      apiKey: view.apiKey(),
      history: library.history,
      attachments: this.attachments.chips(),
      activeRequestId: this.active?.requestId,
    };
  }

  replay(): HostToWebview { return { type: 'init', state: this.state() }; }
  /**
   * Sends a user message: the pending attachments, then any editor context blocks, then the text.
   * With attachments the request is checked first (size, model input types); a refusal leaves the
   * attachments pending and sends nothing.
   */
  async send(text: string, context?: AttachedContext): Promise<void> {
    if (this.active) return this.post({ type: 'notice', level: 'info', message: 'Wait for the current reply to finish, or stop it first.' });
    const attached = this.attachments.list();
    const content = userContent(attached, context, text);
    const problem = attached.length > 0 ? draftProblem(this.conversation, content, this.draftPorts()) : undefined;
    if (problem) return this.post({ type: 'notice', level: 'warning', message: problem });
    const chips = attached.map((a) => a.chip);
    this.attachments.clear();
    this.addUserTurn(content, context?.chips, undefined, chips);
    await this.run();
  }

  /** The body the next send of `text` would make (for the token meter). @throws as the builder does. */
  draftBody(text: string): MessagesRequest {
    return draftBody(this.conversation, this.attachments.list(), text, this.draftPorts());
  }

  private draftPorts(): DraftPorts {
    return { build: this.options.backend.buildRequest, tools: this.options.tools, support: this.options.inputSupport?.() };
  }

  /** Records an exchange made elsewhere (an inline edit's answer or note) as a finished pair; `busy` is said when the chat is busy. */
  addExchange(context: AttachedContext, reply: Message, extra: { attachments?: AttachmentChip[]; busy?: string } = {}): void {
    if (this.active) {
      this.post({ type: 'notice', level: 'info', message: extra.busy ?? 'Claude answered the inline edit without changing the file; the chat was busy, so the answer is not shown here.' });
      return;
    }
    const { clock, prices, backend } = this.options;
    this.addUserTurn(context.blocks, context.chips, undefined, extra.attachments);
    const turn = startAssistantTurn(this.conversation, { model: reply.model, cacheTtl: backend.cacheTtl(), id: clock.newId(), now: clock.now() });
    const snapshot = { content: reply.content, usage: reply.usage, stopReason: reply.stop_reason, model: reply.model };
    finishAssistantTurn(this.conversation, turn.id, { status: 'done', snapshot }, clock.now());
    this.post({ type: 'turnAdded', turn: toViewTurn(turn, prices) });
    this.post({ type: 'turnUpdated', turn: toViewTurn(turn, prices), totals: conversationTotals(this.conversation, prices) });
    void this.saves.persist().then(() => this.options.library.refresh());
  }

  /** Asks again after an error: the failed reply stays as an earlier attempt, and is not sent. */
  async retry(): Promise<void> {
    if (this.active) return;
    if (!supersedeFailedTurn(this.conversation, this.options.clock.now())) return;
    this.postTurn(this.conversation.turns.length - 1);
    await this.run();
  }

  /**
   * Continues a reply cut by max_tokens (or stopped). A model that takes a prefill gets the partial
   * reply back as the start of its answer; the others (every current model) get a short user turn
   * asking them to go on exactly where they stopped, shown as part of the same reply.
   */
  async continueReply(): Promise<void> {
    if (this.active) return;
    const last = this.conversation.turns.at(-1);
    if (last?.role !== 'assistant') return;
    if (!this.options.backend.acceptsPrefill()) {
      this.addUserTurn([{ type: 'text', text: CONTINUE_PROMPT }], undefined, 'continue');
    }
    await this.run();
  }

  stop(requestId?: string): void {
    if (this.active && (requestId === undefined || requestId === this.active.requestId)) this.active.controller.abort();
  }

  async newChat(): Promise<void> {
    await this.settle();
    this.conversation = this.emptyConversation();
    await this.options.library.closeAll();
    this.postInit();
  }

  async open(id: string): Promise<void> {
    if (id === this.conversation.id) return;
    await this.settle();
    const loaded = await this.options.library.open(id);
    if (!loaded) return this.post({ type: 'notice', level: 'warning', message: 'That conversation could not be read; it was left untouched on disk.' });
    this.conversation = loaded;
    this.postInit();
  }

  async rename(id: string, title: string): Promise<void> {
    // First in memory: a save of the open conversation queued meanwhile then keeps the new title.
    if (id === this.conversation.id) this.conversation.title = title;
    await this.options.library.rename(id, title);
  }

  async delete(id: string): Promise<void> {
    const open = id === this.conversation.id;
    // A reply still streaming would save the conversation again after it was deleted.
    if (open) await this.settle();
    await this.options.library.delete(id);
    if (!open) return this.options.library.refresh();
    await this.options.library.reload();
    await this.newChat();
  }

  /** The conversation as Markdown or JSON (the open one as it is now), or undefined when unreadable. */
  export(id: string, format: ExportFormat): Promise<{ title: string; text: string } | undefined> {
    if (id !== this.conversation.id) return this.options.library.export(id, format);
    this.active?.transcript.syncLive();
    return this.options.library.export(this.conversation, format);
  }

  /** The window got focus: the history and the open conversation take in what other windows saved. */
  syncWithOtherWindows(): Promise<void> {
    return this.saves.syncWithOtherWindows();
  }

  /** Settings or the key changed: the view's controls follow, and error cards the `cause` fixed collapse. */
  refreshControls(cause?: ErrorCause): void {
    this.post({ type: 'controls', controls: this.options.view.controls() });
    this.post({ type: 'apiKey', apiKey: this.options.view.apiKey() });
    if (cause && markFixedErrors(this.conversation, cause, (index) => this.postTurn(index))) void this.saves.persist();
  }

  dispose(): void { this.disposed = true; this.stop(); }

  private run(): Promise<void> {
    const done = this.runTurn();
    this.running = done.then(() => undefined, () => undefined);
    return done;
  }

  private async runTurn(): Promise<void> {
    const { backend, clock, view, prices, tools } = this.options;
    const requestId = clock.newId();
    const controller = new AbortController();
    const transcript = new ConversationTranscript({
      conversation: this.conversation,
      requestId,
      post: (message) => this.post(message),
      schedule: view.schedule,
      prices,
      clock,
      model: () => backend.currentModel(),
      cacheTtl: () => backend.cacheTtl(),
      toViewError: (error) => backend.toViewError(error),
      save: () => void this.saves.persist(),
    });
    this.active = { requestId, controller, transcript };
    try {
      const client = await backend.createClient().catch((error: unknown) => backend.toViewError(error));
      if (this.disposed) return;
      if (!('stream' in client)) {
        transcript.startReply().finish({ kind: 'error', error: client, partial: undefined });
        return;
      }
      const end = await runTurn({
        client,
        transcript,
        buildRequest: backend.buildRequest,
        tools,
        maxToolRounds: backend.maxToolRounds(),
        signal: controller.signal,
        onRetry: (notice) => this.post({ type: 'retrying', requestId, attempt: notice.attempt, delayMs: notice.delayMs, reason: backend.toViewError(notice.error).message }),
        onWarning: (message) => backend.warn(message),
        describeToolError: (error) => backend.toViewError(error).message,
      });
      const notice = endNotice(end);
      if (notice) this.post(notice);
    } finally {
      this.active = undefined;
      this.postTurn(this.conversation.turns.length - 1);
      await this.saves.persist();
      this.saves.replyEnded();
      await this.options.library.refresh();
    }
  }

  /** Stops the running turn; resolves when it and every save have finished. */
  private async settle(): Promise<void> {
    this.stop();
    await this.running;
    await this.options.library.settled();
  }

  private addUserTurn(content: UserContentBlock[], chips: ContextChip[] | undefined, purpose?: UserTurn['purpose'], attachments?: AttachmentChip[]): void {
    const { clock, prices } = this.options;
    const turn = appendUserTurn(this.conversation, { content, chips, attachments, purpose, id: clock.newId(), now: clock.now() });
    if (this.conversation.turns.length === 1) this.conversation.title = titleForConversation(this.conversation);
    this.post({ type: 'turnAdded', turn: toViewTurn(turn, prices) });
  }

  /** Posts the stored turn at `index` again after it changed (not while it streams). */
  private postTurn(index: number): void {
    const turn = this.conversation.turns[index];
    if (turn) this.post({ type: 'turnUpdated', turn: toViewTurn(turn, this.options.prices), totals: conversationTotals(this.conversation, this.options.prices) });
  }

  private emptyConversation(): Conversation {
    const { backend, clock } = this.options;
    return createConversation({ model: backend.currentModel(), id: clock.newId(), now: clock.now() });
  }

  private postInit(): void { this.saves.reinitDone(); this.post({ type: 'init', state: this.state() }); }
  private post(message: HostToWebview): void { this.options.view.post(message); }
}
