/**
 * The composer: prompt, Send, Stop (in the DOM only while a response streams) and New chat.
 *
 * Keys: Enter sends, Shift+Enter is a newline (the textarea's own behaviour), Escape stops a
 * streaming reply, ArrowUp in an empty prompt recalls the last prompt. Enter during IME
 * composition belongs to the IME.
 */
import { h } from '../dom';

/** What the composer asks of the app. */
export interface ComposerActions {
  send(text: string): void;
  stop(): void;
  newChat(): void;
  draftChanged(text: string): void;
  /** The last prompt sent, for ArrowUp. */
  lastPrompt(): string;
}

const MAX_ROWS = 12;

/** The prompt area. */
export class Composer {
  readonly el: HTMLElement;
  readonly prompt: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly buttons: HTMLElement;
  private streaming = false;

  constructor(private readonly doc: Document, private readonly actions: ComposerActions) {
    this.prompt = h(doc, 'textarea', {
      'data-testid': 'prompt',
      class: 'prompt',
      rows: 1,
      placeholder: 'Ask Claude… (Enter to send, Shift+Enter for a new line)',
      'aria-label': 'Message to Claude',
    });
    this.sendButton = h(doc, 'button', { type: 'button', class: 'button primary', 'data-testid': 'send', title: 'Send (Enter)', 'aria-label': 'Send' }, 'Send');
    this.stopButton = h(doc, 'button', { type: 'button', class: 'button', 'data-testid': 'stop', title: 'Stop the reply (Escape)', 'aria-label': 'Stop' }, 'Stop');
    const newChat = h(doc, 'button', { type: 'button', class: 'button secondary', 'data-testid': 'new-chat', title: 'Start a new conversation', 'aria-label': 'New chat' }, 'New chat');
    this.buttons = h(doc, 'div', { class: 'composer-buttons' }, newChat, this.sendButton);
    this.el = h(doc, 'div', { class: 'composer' }, this.prompt, this.buttons);

    this.prompt.addEventListener('keydown', (event) => this.onKey(event));
    this.prompt.addEventListener('input', () => {
      this.fit();
      this.updateSend();
      this.actions.draftChanged(this.prompt.value);
    });
    this.sendButton.addEventListener('click', () => this.submit());
    this.stopButton.addEventListener('click', () => this.actions.stop());
    newChat.addEventListener('click', () => this.actions.newChat());
    this.updateSend();
  }

  /** Sets the prompt text (draft restore, recall). */
  setText(text: string): void {
    this.prompt.value = text;
    this.fit();
    this.updateSend();
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
        this.actions.draftChanged(last);
        this.prompt.setSelectionRange(last.length, last.length);
      }
    }
  }

  private submit(): void {
    const text = this.prompt.value;
    if (this.streaming || text.trim() === '') return;
    this.actions.send(text);
    this.setText('');
    this.actions.draftChanged('');
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
