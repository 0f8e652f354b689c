/**
 * The history panel: past conversations with open, rename (inline), delete (confirmed inline) and
 * export to Markdown or JSON. Every action is a protocol message; the host answers with `history`
 * (and `init` when another conversation is opened).
 */
import type { ConversationSummary } from '../../common/protocol';
import { h } from '../dom';
import type { Post } from '../vscodeApi';

function button(doc: Document, label: string, title: string, testid: string, onClick: () => void): HTMLButtonElement {
  const el = h(doc, 'button', { type: 'button', class: 'button small', title, 'aria-label': title, 'data-testid': testid }, label);
  el.addEventListener('click', onClick);
  return el;
}

/** The history panel (hidden until toggled). */
export class HistoryView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private items: ConversationSummary[] = [];
  private currentId = '';
  /** The conversation being renamed or asked about, so a redraw keeps the inline editor open. */
  private editing: { id: string; mode: 'rename' | 'delete' } | undefined;

  constructor(private readonly doc: Document, private readonly post: Post) {
    this.list = h(doc, 'ul', { class: 'history-list', 'aria-label': 'Conversations' });
    this.el = h(doc, 'section', { class: 'history', 'data-testid': 'history', 'aria-label': 'History' }, h(doc, 'h2', { class: 'history-title' }, 'History'), this.list);
    this.el.hidden = true;
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  setOpen(open: boolean): void {
    this.el.hidden = !open;
  }

  /** Shows the host's list; `currentId` marks the conversation on screen. */
  update(items: readonly ConversationSummary[], currentId: string): void {
    this.items = [...items].sort((a, b) => b.updatedAt - a.updatedAt);
    this.currentId = currentId;
    if (this.editing && !this.items.some((i) => i.id === this.editing?.id)) this.editing = undefined;
    this.draw();
  }

  private draw(): void {
    const doc = this.doc;
    if (this.items.length === 0) {
      this.list.replaceChildren(h(doc, 'li', { class: 'history-empty' }, 'No saved conversations yet.'));
      return;
    }
    this.list.replaceChildren(...this.items.map((item) => this.row(item)));
  }

  private row(item: ConversationSummary): HTMLElement {
    const doc = this.doc;
    const li = h(doc, 'li', { class: 'history-item', 'data-testid': 'history-item', 'data-conversation-id': item.id, 'aria-current': item.id === this.currentId ? 'true' : false });
    const date = new Date(item.updatedAt);
    const meta = h(doc, 'div', { class: 'history-meta' }, Number.isNaN(date.getTime()) ? '' : date.toLocaleString(), ' · ', item.model);
    if (this.editing?.id === item.id && this.editing.mode === 'rename') {
      li.append(this.renameEditor(item), meta);
      return li;
    }
    const title = h(doc, 'button', { type: 'button', class: 'history-open link-button', title: `Open “${item.title}”`, 'data-testid': 'history-open' }, item.title || 'Untitled');
    title.addEventListener('click', () => this.post({ type: 'openConversation', id: item.id }));
    li.append(title, meta);
    if (this.editing?.id === item.id && this.editing.mode === 'delete') {
      li.append(
        h(
          doc,
          'div',
          { class: 'history-actions confirm', role: 'group', 'aria-label': 'Confirm delete' },
          h(doc, 'span', {}, 'Delete this conversation? '),
          button(doc, 'Delete', 'Delete permanently', 'history-confirm-delete', () => {
            this.editing = undefined;
            this.post({ type: 'deleteConversation', id: item.id });
          }),
          button(doc, 'Cancel', 'Keep it', 'history-cancel-delete', () => this.edit(undefined)),
        ),
      );
      return li;
    }
    li.append(
      h(
        doc,
        'div',
        { class: 'history-actions' },
        button(doc, 'Rename', 'Rename', 'history-rename', () => this.edit({ id: item.id, mode: 'rename' })),
        button(doc, 'Delete', 'Delete', 'history-delete', () => this.edit({ id: item.id, mode: 'delete' })),
        button(doc, 'MD', 'Export as Markdown', 'history-export-markdown', () => this.post({ type: 'exportConversation', id: item.id, format: 'markdown' })),
        button(doc, 'JSON', 'Export as JSON', 'history-export-json', () => this.post({ type: 'exportConversation', id: item.id, format: 'json' })),
      ),
    );
    return li;
  }

  private renameEditor(item: ConversationSummary): HTMLElement {
    const doc = this.doc;
    const input = h(doc, 'input', { type: 'text', class: 'history-rename-input', value: item.title, 'aria-label': 'New title', 'data-testid': 'history-rename-input' });
    const commit = (): void => {
      const title = input.value.trim();
      this.editing = undefined;
      if (title && title !== item.title) this.post({ type: 'renameConversation', id: item.id, title });
      this.draw();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        commit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.edit(undefined);
      }
    });
    // Focus once the input is in the document.
    queueMicrotask(() => {
      if (input.isConnected) {
        input.focus();
        input.select();
      }
    });
    return h(
      doc,
      'div',
      { class: 'history-rename' },
      input,
      button(doc, 'Save', 'Save the title', 'history-rename-save', commit),
      button(doc, 'Cancel', 'Keep the title', 'history-rename-cancel', () => this.edit(undefined)),
    );
  }

  private edit(editing: { id: string; mode: 'rename' | 'delete' } | undefined): void {
    this.editing = editing;
    this.draw();
  }
}
