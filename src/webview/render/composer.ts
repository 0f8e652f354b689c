/**
 * The composer: the attachment chips, the prompt, the control chips (controls.ts), Add context,
 * the token meter, Send and Stop (in the DOM only while a response streams).
 *
 * Keys: Enter sends, Shift+Enter is a newline (the textarea's own behaviour), Escape stops a
 * streaming reply, ArrowUp in an empty prompt recalls the last prompt. Enter during IME
 * composition belongs to the IME. While the `@` file list is open it takes Up/Down/Enter/Tab/Escape
 * first (mentions.ts).
 */
import type { AttachmentChip, ContextMeterState } from '../../common/protocol';
import { h } from '../dom';
import type { Post } from '../vscodeApi';
import { AttachmentBar } from './attachments';
import { MentionList } from './mentions';
import type { Timers } from './mentions';
import { ContextMeterView } from './meter';

/** What the composer asks of the app. */
export interface ComposerActions {
  send(text: string): void;
  stop(): void;
  /** The draft changed (saved with the UI state; the composer tells the host itself). */
  draftChanged(text: string): void;
  /** The last prompt sent, for ArrowUp. */
  lastPrompt(): string;
  /** Messages to the host: attach, query files, the draft for the token meter. */
  post: Post;
}

/**
 * The Add context button's tooltip. Dropping needs Shift in VS Code: since 1.89 (microsoft/vscode
 * PR #209211, issue #182449) the workbench lets a drag reach a webview only while Shift is held.
 */
export const ADD_CONTEXT_TITLE =
  'Add files to the chat (Claude Messages: Add File to Chat, Ctrl+Alt+A; ⌘⌥A on macOS). Also: type @ in the prompt to pick a workspace file, paste an image, or drop files here while holding Shift.';

const MAX_ROWS = 12;

/** The prompt area. */
export class Composer {
  readonly el: HTMLElement;
  readonly prompt: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly buttons: HTMLElement;
  private readonly row: HTMLElement;
  private readonly attachments: AttachmentBar;
  private readonly meter: ContextMeterView;
  private readonly mentions: MentionList;
  private streaming = false;

  constructor(doc: Document, private readonly actions: ComposerActions, timers: Timers) {
    this.prompt = h(doc, 'textarea', {
      'data-testid': 'prompt',
      class: 'prompt',
      rows: 1,
      placeholder: 'Ask Claude… (Enter to send, Shift+Enter for a new line)',
      'aria-label': 'Message to Claude',
    });
    this.sendButton = h(doc, 'button', { type: 'button', class: 'button primary', 'data-testid': 'send', title: 'Send (Enter)', 'aria-label': 'Send' }, 'Send');
    this.stopButton = h(doc, 'button', { type: 'button', class: 'button', 'data-testid': 'stop', title: 'Stop the reply (Escape)', 'aria-label': 'Stop' }, 'Stop');
    const addContext = h(doc, 'button', { type: 'button', class: 'icon-button add-context', 'data-testid': 'add-context', 'data-action': 'pick-files', title: ADD_CONTEXT_TITLE, 'aria-label': 'Add context: attach files to the next message' }, '+ Context');
    this.attachments = new AttachmentBar(doc, this.prompt);
    this.meter = new ContextMeterView(doc);
    this.mentions = new MentionList(doc, this.prompt, {
      query: (query) => actions.post({ type: 'queryFiles', query }),
      accept: (path) => {
        actions.post({ type: 'attachPath', path });
        this.edited();
      },
    }, timers);
    this.buttons = h(doc, 'div', { class: 'composer-buttons' }, this.sendButton);
    this.row = h(doc, 'div', { class: 'composer-row' }, addContext, this.meter.el, this.buttons);
    this.el = h(doc, 'div', { class: 'composer' }, this.attachments.el, this.mentions.el, this.prompt, this.row);

    this.prompt.addEventListener('keydown', (event) => this.onKey(event));
    this.prompt.addEventListener('input', () => {
      this.edited();
      this.mentions.onInput();
    });
    // The caret moved without typing: the `@word` under it may have changed.
    this.prompt.addEventListener('keyup', (event) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) this.mentions.onInput();
    });
    this.prompt.addEventListener('click', () => this.mentions.onInput());
    this.sendButton.addEventListener('click', () => this.submit());
    this.stopButton.addEventListener('click', () => this.actions.stop());
    // The view itself got focus ("Focus on Chat View", a click on its title, Focus Chat Input):
    // the caret goes to the prompt rather than to the page body.
    doc.defaultView?.addEventListener('focus', () => {
      if (doc.activeElement === null || doc.activeElement === doc.body) this.prompt.focus();
    });
    this.updateSend();
  }

  /** The control chips go under the prompt, above Add context and Send (so the prompt stays the first Tab stop). */
  addControls(controls: HTMLElement): void {
    this.el.insertBefore(controls, this.row);
  }

  /** Sets the prompt text (draft restore, recall). */
  setText(text: string): void {
    this.prompt.value = text;
    this.fit();
    this.updateSend();
  }

  /** The pending attachments (from `init` or an `attachments` message). */
  setAttachments(items: readonly AttachmentChip[]): void {
    this.attachments.update(items);
  }

  setMeter(meter: ContextMeterState | undefined): void {
    this.meter.update(meter);
  }

  /** The host's answer to a `queryFiles`. */
  showSuggestions(query: string, paths: readonly string[]): void {
    this.mentions.show(query, paths);
  }

  /** Tells the host the draft (for the token meter), e.g. after a rebuild restored it. */
  announceDraft(): void {
    this.actions.post({ type: 'draftChanged', text: this.prompt.value });
  }

  /** Streaming: Stop appears (enabled), Send is disabled. */
  setStreaming(streaming: boolean): void {
    if (streaming === this.streaming) return;
    this.streaming = streaming;
    if (streaming) {
      this.stopButton.disabled = false;
      this.buttons.insertBefore(this.stopButton, this.sendButton);
    } else {
      this.stopButton.remove();
    }
    this.updateSend();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (this.mentions.handleKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && this.streaming) {
      event.preventDefault();
      this.actions.stop();
    } else if (event.key === 'ArrowUp' && this.prompt.value === '') {
      const last = this.actions.lastPrompt();
      if (last) {
        event.preventDefault();
        this.setText(last);
        this.prompt.setSelectionRange(last.length, last.length);
        this.edited();
      }
    }
  }

  private submit(): void {
    const text = this.prompt.value;
    if (this.streaming || text.trim() === '') return;
    this.actions.send(text);
    this.mentions.close();
    this.setText('');
    this.actions.draftChanged('');
    // The host counts the next request from the draft it was told last: now the empty one.
    this.announceDraft();
  }

  /** After any change to the text: size, Send, the saved draft, and the host's recount. */
  private edited(): void {
    this.fit();
    this.updateSend();
    this.actions.draftChanged(this.prompt.value);
    this.announceDraft();
  }

  private updateSend(): void {
    // Only streaming disables Send: an empty prompt is simply ignored, so the button never looks
    // dead to someone who set the text some other way (paste, automation).
    this.sendButton.disabled = this.streaming;
  }

  /**
   * Grows the textarea with its content through `rows` (an attribute, so the strict CSP allows
   * it; the stylesheet's `field-sizing: content` does the same where supported).
   */
  private fit(): void {
    const lines = this.prompt.value.split('\n').length;
    this.prompt.rows = Math.min(Math.max(lines, 1), MAX_ROWS);
  }
}
