/**
 * The open conversation of the sidebar chat: sends what the user writes, runs each turn through
 * the turn engine (streamed to the view, saved as it goes), and switches to another conversation
 * or a new chat. The saved conversations themselves are the {@link ConversationLibrary}'s.
 *
 * Pure: the client, the request builder, the store, the tools and the view are injected as ports.
 */
import type { Message, MessagesRequest, UserContentBlock } from '../anthropic/types';
import { appendUserTurn, createConversation } from '../conversation/conversation';
import type { Conversation, UserTurn } from '../conversation/model';
import { conversationTotals, type PriceLookup } from '../conversation/pricing';
import { titleForConversation } from '../conversation/title';
import { toViewTurn, viewTurnAt } from '../conversation/viewTurns';
import { appendFinishedReply, chatState, type ActiveTurn } from './chatState';
import type { AttachmentChip, ChatState, ContextChip, HostToWebview } from '../protocol';
import type { ConversationLibrary, ExportFormat } from './conversationLibrary';
import { markFixedErrors, type ErrorCause } from './errorFixes';
import { ConversationTranscript } from './conversationTranscript';
import { OpenConversationSaves } from './openConversationSaves';
import { draftBody, draftProblem, userContent, type DraftPorts, type InputSupport } from './draftRequest';
import { PendingAttachments } from './pendingAttachments';
import type { AttachedContext, ChatBackend, ChatClock, ChatViewPort, RequestBuilder } from './ports';
import { ChatModelChoice } from './chatModel';
import { endNotice } from './endNotice';
import { runTurn, type ToolPort } from './turnEngine';
import { TurnActions } from './turnActions';

export interface ChatSessionOptions {
  backend: ChatBackend;
  view: ChatViewPort;
  library: ConversationLibrary;
  prices: PriceLookup;
  clock: ChatClock;
  /** Client tools the chat offers (the text editor tool on workspace files). */
  tools?: ToolPort;
  /** What `model` (the chat's) reads besides text; checked before a message with attachments is sent. */
  inputSupport?: (model: string) => InputSupport;
}

/** What a model that refuses prefill is sent to go on with a reply cut by max_tokens. */
export const CONTINUE_PROMPT =
  'Your previous reply was cut off by the output token limit. Continue it exactly where it stopped, without repeating or summarising anything already written.';

export class ChatSession {
  private conversation: Conversation;
  private active: ActiveTurn | undefined;
  /** The turn running now (settles when it has finished, been saved and reported). */
  private running: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly saves: OpenConversationSaves;
  private readonly model = new ChatModelChoice();
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
    const controls = view.controls(this.conversation.model);
    return chatState(this.conversation, { prices, controls, apiKey: view.apiKey(), history: library.history, attachments: this.attachments.chips(), activeRequestId: this.active?.requestId });
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
    return { build: this.requestBuilder(), tools: this.options.tools, support: this.options.inputSupport?.(this.conversation.model) };
  }

  /** The backend's builder bound to this chat's model, read at each build (it may change between turns). */
  private requestBuilder(): RequestBuilder {
    return (...request) => this.options.backend.buildRequest(this.conversation.model, ...request);
  }

  /** A model chosen for this chat (its chip, Select Model): this chat only, saved with it (chatModel.ts). */
  setModel(model: string): void {
    const changed = this.model.choose(this.conversation, model);
    this.post({ type: 'controls', controls: this.options.view.controls(this.conversation.model) });
    if (changed) void this.saves.persist();
  }

  /** Records an exchange made elsewhere (an inline edit's answer or note) as a finished pair; `busy` is said when the chat is busy. */
  addExchange(context: AttachedContext, reply: Message, extra: { attachments?: AttachmentChip[]; busy?: string; purpose?: UserTurn['purpose'] } = {}): void {
    if (this.active) {
      this.post({ type: 'notice', level: 'info', message: extra.busy ?? 'Claude answered the inline edit without changing the file; the chat was busy, so the answer is not shown here.' });
      return;
    }
    const { clock, prices, backend } = this.options;
    this.addUserTurn(context.blocks, context.chips, extra.purpose, extra.attachments);
    const turn = appendFinishedReply(this.conversation, reply, { id: clock.newId(), now: clock.now(), cacheTtl: backend.cacheTtl() });
    this.post({ type: 'turnAdded', turn: toViewTurn(turn, prices) });
    this.postTurn(this.conversation.turns.length - 1);
    void this.saves.persist().then(() => this.options.library.refresh());
  }

  /** Retry after an error, Regenerate the last reply, Edit & Resend a question (see turnActions.ts). */
  readonly turnActions = new TurnActions({
    conversation: () => this.conversation, busy: () => this.isBusy, now: () => this.options.clock.now(), redraw: () => this.postInit(),
    info: (message) => this.post({ type: 'notice', level: 'info', message }), run: () => this.run(),
  });

  /** Asks again after an error: the failed reply becomes an earlier version of the new one, never sent. */
  retry(): Promise<void> { return this.turnActions.retry(); }

  /**
   * Continues a reply cut by max_tokens (or stopped). A model that takes a prefill gets the partial
   * reply back as the start of its answer; the others (every current model) get a short user turn
   * asking them to go on exactly where they stopped, shown as part of the same reply.
   */
  async continueReply(): Promise<void> {
    if (this.active) return;
    const last = this.conversation.turns.at(-1);
    if (last?.role !== 'assistant') return;
    if (!this.options.backend.acceptsPrefill(this.conversation.model)) {
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
    this.model.reset();
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

  /** Settings or the key changed: the controls follow (an empty chat may take a new default model, chatModel.ts); error cards the `cause` fixed collapse. */
  refreshControls(cause?: ErrorCause): void {
    this.model.followDefault(this.conversation, this.options.backend.defaultModel());
    this.post({ type: 'controls', controls: this.options.view.controls(this.conversation.model) });
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
      schedule: view.schedule, paceClock: view.paceClock,
      prices,
      clock,
      model: () => this.conversation.model,
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
        buildRequest: this.requestBuilder(),
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
    if (turn) this.post({ type: 'turnUpdated', turn: viewTurnAt(this.conversation, index, this.options.prices), totals: conversationTotals(this.conversation, this.options.prices) });
  }

  private emptyConversation(): Conversation {
    const { backend, clock } = this.options;
    return createConversation({ model: backend.defaultModel(), id: clock.newId(), now: clock.now() });
  }

  private postInit(): void { this.saves.reinitDone(); this.post({ type: 'init', state: this.state() }); }
  private post(message: HostToWebview): void { this.options.view.post(message); }
}
