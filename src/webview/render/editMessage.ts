/**
 * Edit & Resend: a question turns into an inline editor (its text prefilled); Enter or Ctrl+Enter
 * sends the new text (Shift+Enter is a newline, as in the prompt), Escape or Cancel puts the
 * question back. Sending replaces the question and drops what came after it (the host does that);
 * its attachments and context chips are kept, so the editor only ever holds the typed text.
 */
import type { WebviewToHost } from '../../common/protocol';
import { h } from '../dom';

export interface EditRequest {
  turnId: string;
  text: string;
  /** How many messages come after the question (they are replaced by the new reply). */
  later: number;
  send(message: WebviewToHost): void;
}

/**
 * Opens the editor over a question's blocks, focused. Cancelled, the blocks come back and Edit gets
 * the focus; sent, the prompt gets it, as after any message (the host redraws the conversation).
 * `closed` is told either way.
 */
export function editInPlace(doc: Document, where: { message: HTMLElement; blocks: HTMLElement }, request: EditRequest, closed: () => void): HTMLElement {
  const close = (focus: HTMLElement | null): void => {
    closed();
    where.blocks.hidden = false;
    focus?.focus();
  };
  const editor = messageEditor(doc, {
    ...request,
    cancelled: () => close(where.message.querySelector<HTMLElement>('[data-action="edit-message"]')),
    sent: () => close(doc.querySelector<HTMLElement>('[data-testid="prompt"]')),
  });
  where.blocks.hidden = true;
  where.blocks.after(editor);
  editor.querySelector('textarea')?.focus();
  return editor;
}

interface MessageEditorOptions extends EditRequest {
  /** The editor closed without sending: show the question again. */
  cancelled(): void;
  /** The editor sent: the host redraws the conversation (this question included) with the new reply. */
  sent(): void;
}

/** The editor element; it removes itself when it sends or is cancelled. */
function messageEditor(doc: Document, options: MessageEditorOptions): HTMLElement {
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
    options.cancelled();
  };
  const submit = (): void => {
    if (input.value.trim() === '') return;
    options.send({ type: 'editAndResend', turnId: options.turnId, text: input.value });
    el.remove();
    options.sent();
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
