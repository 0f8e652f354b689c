/**
 * The chat webview: routes host messages to the state mirror and the views, and user actions to
 * the host. Streamed ops are buffered and drawn at once while the stream is sparse, once per
 * animation frame while it is dense (drawScheduler.ts); everything else is drawn at once (after
 * flushing buffered ops, so order is kept).
 */
import { assertNever } from '../common/guards';
import { isHostMessage } from '../common/protocol';
import type { HostToWebview, ViewTurn } from '../common/protocol';
import { listenForFiles } from './attach/dropPaste';
import { delegateClicks } from './clicks';
import { DrawScheduler } from './drawScheduler';
import { turnMarkdown } from './render/messageActions';
import type { WebviewWindow } from './dom';
import { applyComposerMessage, isComposerMessage } from './attach/composerMessages';
import { buildLayout } from './layout';
import type { Layout } from './layout';
import { noticeElement } from './render/banners';
import { Composer } from './render/composer';
import type { RenderContext } from './render/context';
import { ControlsView } from './render/controls';
import { RetryCountdown } from './render/errors';
import { HistoryView } from './render/history';
import { MarkdownRenderer, windowIdle } from './render/markdown';
import { RenderSlice } from './render/slice';
import { TurnView } from './render/turn';
import { renderTotals } from './render/usage';
import { ScrollFollower } from './scroll';
import { SetupPanel } from './setupPanel';
import { ChatStore } from './state';
import { UiStore } from './uiState';
import type { VsCodeApi } from './vscodeApi';
import { describeKind, type ChatAppOptions } from './appOptions';

const MAX_NOTICES = 3;

export type { ChatAppOptions } from './appOptions';

/** The chat webview application. */
export class ChatApp {
  readonly layout: Layout;
  private readonly doc: Document;
  private readonly store = new ChatStore();
  private readonly ui: UiStore;
  private readonly ctx: RenderContext;
  private readonly composer: Composer;
  private readonly controls: ControlsView;
  private readonly history: HistoryView;
  private readonly setup: SetupPanel;
  private readonly scroll: ScrollFollower;
  private readonly draws: DrawScheduler;
  private views = new Map<string, TurnView>();
  private order: TurnView[] = [];
  private countdown: RetryCountdown | undefined;
  private initialized = false;
  private scrollSaveTimer: number | undefined;
  private readonly warn: (message: string) => void;
  private readonly reportError: (message: string, error: unknown) => void;

  constructor(private readonly win: WebviewWindow, private readonly api: VsCodeApi, options: ChatAppOptions = {}) {
    this.doc = win.document;
    const doc = this.doc;
    const requestFrame = options.requestFrame ?? ((callback: () => void) => void win.requestAnimationFrame(() => callback()));
    const clock = options.clock ?? (options.requestFrame ? undefined : () => win.performance.now());
    this.draws = new DrawScheduler(requestFrame, () => this.flush(), clock);
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.reportError = options.reportError ?? ((message, error) => console.error(message, error));
    this.ui = new UiStore(api);
    const idle = options.idle === undefined ? windowIdle(win) : (options.idle ?? undefined);
    this.ctx = { doc, md: options.markdown ?? new MarkdownRenderer(doc, win, idle), ui: this.ui, slice: new RenderSlice(clock) };
    const root = doc.getElementById('app') ?? doc.body.appendChild(doc.createElement('div'));
    this.layout = buildLayout(doc, root);
    const post = (message: Parameters<VsCodeApi['postMessage']>[0]): void => api.postMessage(message);

    this.controls = new ControlsView(doc, post);
    this.history = new HistoryView(doc, post, () => {
      this.setHistoryOpen(false);
      this.layout.historyToggle.focus();
    });
    this.layout.historySlot.append(this.history.el);
    this.composer = new Composer(doc, {
      send: (text) => {
        this.ui.update({ lastPrompt: text });
        post({ type: 'send', text });
        this.scroll.toBottom();
      },
      stop: () => this.stop(),
      draftChanged: (text) => this.ui.update({ draft: text }),
      lastPrompt: () => this.lastPrompt(),
      post,
    }, { set: (callback, ms) => win.setTimeout(callback, ms), clear: (handle) => win.clearTimeout(handle) });
    this.layout.composerSlot.append(this.composer.el);
    this.composer.addControls(this.controls.el);
    this.setup = new SetupPanel(doc, this.layout.banners, post, () => this.composer.prompt.focus());
    this.composer.setText(this.ui.state.draft);
    this.scroll = new ScrollFollower(this.layout.log, this.layout.jump, (stick, scrollTop) => this.saveScroll(stick, scrollTop));
    this.setHistoryOpen(this.ui.state.historyOpen);

    this.layout.historyToggle.addEventListener('click', () => {
      this.setHistoryOpen(!this.history.open);
      if (this.history.open) this.history.focusFilter();
    });
    delegateClicks(win, post, {
      text: (id) => { const turn = this.store.turn(id); return turn ? turnMarkdown(turn) : ''; },
      edit: (id) => this.views.get(id)?.startEdit(this.order.length - 1 - this.order.findIndex((view) => view.id === id), post), page: (id, direction) => this.views.get(id)?.page(direction),
    });
    listenForFiles(win, this.layout.root, this.composer.prompt, post, (level, message) => this.showNotice(level, message));
  }

  /** Starts listening and tells the host the view is ready for `init`. */
  start(): void {
    this.win.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.handle(event.data);
      // Said out loud: a kind the host sends but this build does not know is a bug, not noise.
      else this.warn(`Claude Messages: ignored a message of unknown kind ${describeKind(event.data)}`);
    });
    this.api.postMessage({ type: 'ready' });
    this.ctx.md.warmUp();
  }

  /**
   * Applies one host message. An error boundary: whatever handling one message throws is reported
   * and stays there, so the next message (and the next frame) is handled as usual. Turns and
   * blocks have boundaries of their own, so a failure here is rare and narrow.
   */
  handle(message: HostToWebview): void {
    try {
      this.apply(message);
    } catch (error) {
      this.reportError(`Claude Messages: handling a "${message.type}" message failed`, error);
    }
  }

  private apply(message: HostToWebview): void {
    if (!this.store.apply(message)) return;
    if (isComposerMessage(message)) return applyComposerMessage(this.composer, message, { win: this.win, post: (m) => this.api.postMessage(m) });
    switch (message.type) {
      case 'init':
        this.rebuild();
        return;
      case 'blockOps': {
        this.endCountdown();
        const view = this.views.get(message.turnId);
        if (view) view.applyOps(message.ops);
        this.composer.setStreaming(true);
        this.draws.request();
        return;
      }
      case 'turnAdded':
      case 'turnUpdated': {
        this.endCountdown();
        const turn = this.store.turn(message.turn.id);
        if (turn) this.upsertTurn(turn);
        if (message.type === 'turnUpdated') renderTotals(this.layout.totals, this.store.state?.totals);
        this.afterTurnsChanged();
        return;
      }
      case 'retrying':
        this.endCountdown();
        this.countdown = new RetryCountdown(this.win, message.requestId, message.attempt, message.delayMs, message.reason);
        this.layout.retrySlot.append(this.countdown.el);
        this.composer.setStreaming(true);
        this.flush();
        return;
      case 'controls':
        this.controls.update(message.controls);
        return;
      case 'history':
        this.history.update(message.history, this.store.state?.conversationId ?? '');
        return;
      case 'apiKey':
        this.setup.setKeyState(message.apiKey);
        return;
      case 'setup':
        this.setup.apply(message.setup);
        return;
      case 'notice':
        this.showNotice(message.level, message.message);
        return;
      default:
        assertNever(message);
    }
  }

  /**
   * Draws what is buffered, in order, within one time slice (render/slice.ts); what the slice
   * leaves is drawn on the next frame, so a long rebuild never blocks the page for long.
   */
  flush(): void {
    this.ctx.slice?.start();
    // Each turn is its own error boundary (TurnView.render), so one turn cannot stop the others.
    for (const view of this.order) if (view.dirty && !this.ctx.slice?.over()) view.render();
    this.layout.empty.hidden = this.order.length > 0;
    this.scroll.afterRender();
    if (this.order.some((view) => view.dirty)) this.draws.next();
    else this.scroll.settled();
  }

  private rebuild(): void {
    const state = this.store.state;
    if (!state) return;
    const position = { stick: this.scroll.following, scrollTop: this.layout.log.scrollTop };
    this.endCountdown();
    this.views.clear();
    this.order = [];
    this.layout.turns.replaceChildren();
    for (const turn of state.turns) this.upsertTurn(turn);
    const sameConversation = this.ui.state.conversationId === state.conversationId;
    this.ui.keepOpenFor(new Set(state.turns.map((t) => t.id)));
    this.controls.update(state.controls);
    this.history.update(state.history, state.conversationId);
    this.setup.setKeyState(state.apiKey);
    renderTotals(this.layout.totals, state.totals);
    this.composer.setAttachments(state.attachments ?? []);
    this.composer.setMeter(state.meter);
    // The host cannot know a draft the view restored: it counts it for the meter once told.
    if (this.composer.prompt.value !== '') this.composer.announceDraft();
    this.afterTurnsChanged();
    if (sameConversation && this.initialized) {
      // A replay of the same conversation: keep the reader where they were (drawn over frames).
      this.scroll.restore(position.stick, position.scrollTop);
    } else if (sameConversation) {
      this.scroll.restore(this.ui.state.stick, this.ui.state.scrollTop);
    } else {
      this.scroll.restore(true, 0);
      this.ui.update({ conversationId: state.conversationId, stick: true, scrollTop: 0 });
    }
    this.initialized = true;
  }

  private upsertTurn(turn: ViewTurn): void {
    const existing = this.views.get(turn.id);
    if (existing) {
      existing.update(turn);
      return;
    }
    const view = new TurnView(this.ctx, turn);
    this.views.set(turn.id, view);
    this.order.push(view);
    this.layout.turns.append(view.el);
  }

  private afterTurnsChanged(): void {
    const busy = this.store.streaming;
    this.order.forEach((view, i) => view.setPlace({ latest: i === this.order.length - 1, busy }));
    this.composer.setStreaming(busy);
    this.flush();
  }

  private showNotice(level: 'info' | 'warning', text: string): void {
    this.layout.notices.append(noticeElement(this.doc, level, text));
    while (this.layout.notices.childElementCount > MAX_NOTICES) this.layout.notices.firstElementChild?.remove();
  }

  private endCountdown(): void {
    this.countdown?.dispose();
    this.countdown = undefined;
  }

  private stop(): void {
    const requestId = this.store.state?.activeRequestId;
    if (requestId !== undefined) this.api.postMessage({ type: 'stop', requestId });
  }

  private lastPrompt(): string {
    return this.ui.state.lastPrompt || this.store.lastUserText();
  }

  private setHistoryOpen(open: boolean): void {
    this.history.setOpen(open);
    this.layout.historyToggle.setAttribute('aria-expanded', String(open));
    this.layout.historyToggle.classList.toggle('active', open);
    if (open !== this.ui.state.historyOpen) this.ui.update({ historyOpen: open });
  }

  private saveScroll(stick: boolean, scrollTop: number): void {
    this.ui.state.stick = stick;
    this.ui.state.scrollTop = scrollTop;
    // Scroll events come in bursts; saving once they settle is enough.
    if (this.scrollSaveTimer !== undefined) this.win.clearTimeout(this.scrollSaveTimer);
    this.scrollSaveTimer = this.win.setTimeout(() => {
      this.scrollSaveTimer = undefined;
      this.ui.save();
    }, 250);
  }
}
