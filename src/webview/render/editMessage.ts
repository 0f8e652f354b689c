/**
 * Edit & Resend: a question turns into an inline editor (its text prefilled); Enter or Ctrl+Enter
 * sends the new text (Shift+Enter is a newline, as in the prompt), Escape or Cancel puts the
 * question back. Sending replaces the question and drops what came after it (the host does that);
 * its attachments and context chips are kept, so the editor only ever holds the typed text.
 */
import type { WebviewToHost } from '../../common/protocol';
import { h } from '../dom';

export interface MessageEditorOptions {
  turnId: string;
  text: string;
  /** How many messages come after the question (they are replaced by the new reply). */
  later: number;
  send(message: WebviewToHost): void;
  /** The editor closed without sending: show the question again. */
  closed(): void;
}

/** The editor element, focused once in the page; it removes itself when it sends or cancels. */
export function messageEditor(doc: Document, options: MessageEditorOptions): HTMLElement {
  const input = h(doc, 'textarea', { class: 'edit-input', 'data-testid': 'edit-input', rows: 3, 'aria-label': 'Edit your message' });
  input.value = options.text;
  const note = options.later > 0
    ? h(doc, 'div', { class: 'edit-note', 'data-testid': 'edit-note', id: `edit-note-${options.turnId}` }, `Sending replaces the ${options.later === 1 ? 'message' : `${options.later} messages`} after this one.`)
    : undefined;
  if (note) input.setAttribute('aria-describedby', note.id);
  const send = h(doc, 'button', { type: 'button', class: 'button primary', 'data-testid': 'edit-send', 'aria-label': 'Send the edited message' }, 'Send');
  const cancel = h(doc, 'button', { type: 'button', class: 'button secondary', 'data-testid': 'edit-cancel', 'aria-label': 'Cancel editing' }, 'Cancel');
  const el = h(doc, 'div', { class: 'message-editor', 'data-testid': 'message-editor' }, input, note, h(doc, 'div', { class: 'edit-buttons' }, send, cancel));
  const close = (): void => {
    el.remove();
    options.closed();
  };
  const submit = (): void => {
    if (input.value.trim() === '') return;
    options.send({ type: 'editAndResend', turnId: options.turnId, text: input.value });
    close();
  };
  // The listeners live on the editor's own elements and go with them when it closes.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  send.addEventListener('click', submit);
  cancel.addEventListener('click', close);
  return el;
}
