/**
 * One row of the history panel: the conversation's title (a button that opens it) and a "⋯"
 * button (shown on hover and focus) with its actions in a small menu, also opened by right-click,
 * Shift+F10 or the context-menu key. A row can instead show its inline rename editor or its delete
 * confirmation. Every control's accessible name says which conversation it acts on.
 */
import type { ConversationSummary } from '../../common/protocol';
import { h } from '../dom';
import type { Post } from '../vscodeApi';
import { shortWhen } from './historyGroups';

/** A row in a state other than the plain one. */
export interface RowEditing {
  id: string;
  mode: 'menu' | 'rename' | 'delete';
}

/** What a row needs from its panel. */
export interface RowHost {
  readonly doc: Document;
  readonly post: Post;
  /** Shows `editing` (or none) and then focuses the row's element with that test id. */
  edit(editing: RowEditing | undefined, focus?: { id: string; testid: string }): void;
  /** A conversation was opened: the panel closes. */
  opened(): void;
}

/** The name a control announces for a conversation: “Title”. */
export function quoted(item: ConversationSummary): string {
  return `“${item.title || 'Untitled'}”`;
}

function button(doc: Document, label: string, name: string, testid: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const el = h(doc, 'button', { type: 'button', class: 'button small', title: name, 'aria-label': name, 'data-testid': testid, ...attrs }, label);
  el.addEventListener('click', onClick);
  return el;
}

/** Builds the row of `item`, as `editing` says it is shown. */
export function historyRow(host: RowHost, item: ConversationSummary, group: string, current: boolean, editing: RowEditing | undefined): HTMLElement {
  const doc = host.doc;
  const mode = editing?.id === item.id ? editing.mode : undefined;
  const li = h(doc, 'li', { class: 'history-item', 'data-testid': 'history-item', 'data-conversation-id': item.id, 'aria-current': current ? 'true' : false });
  // The time only, so the title keeps the narrow sidebar's width; the model is in the tooltip.
  const meta = h(doc, 'span', { class: 'history-meta' }, shortWhen(item.updatedAt, group));
  const tooltip = [item.title, item.question, item.model].filter((part) => part).join('\n');
  if (mode === 'rename') {
    li.append(renameEditor(host, item), meta);
    return li;
  }
  const open = h(doc, 'button', { type: 'button', class: 'history-open', 'aria-label': `Open ${quoted(item)}`, title: tooltip, 'data-testid': 'history-open' }, h(doc, 'span', { class: 'history-name' }, item.title || 'Untitled'), meta);
  open.addEventListener('click', () => openConversation(host, item));
  const more = h(doc, 'button', {
    type: 'button', class: 'history-more icon-button', 'aria-label': `Actions for ${quoted(item)}`, title: 'More actions',
    'aria-haspopup': 'menu', 'aria-expanded': String(mode === 'menu'), 'data-testid': 'history-actions',
  }, '⋯');
  more.addEventListener('click', () => host.edit(mode === 'menu' ? undefined : { id: item.id, mode: 'menu' }, mode === 'menu' ? { id: item.id, testid: 'history-actions' } : { id: item.id, testid: 'history-menu-open' }));
  const openMenu = (): void => host.edit({ id: item.id, mode: 'menu' }, { id: item.id, testid: 'history-menu-open' });
  li.addEventListener('contextmenu', (event) => {
    event.preventDefault();
    openMenu();
  });
  open.addEventListener('keydown', (event) => {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenu();
    }
  });
  li.append(h(doc, 'div', { class: 'history-row' }, open, more));
  if (mode === 'menu') li.append(actionMenu(host, item));
  if (mode === 'delete') li.append(deleteConfirmation(host, item));
  return li;
}

function openConversation(host: RowHost, item: ConversationSummary): void {
  host.post({ type: 'openConversation', id: item.id });
  host.opened();
}

/** The row's actions: open, rename, export (Markdown, JSON), delete. Arrow keys move between them. */
function actionMenu(host: RowHost, item: ConversationSummary): HTMLElement {
  const { doc, post } = host;
  const name = quoted(item);
  const item_ = (label: string, aria: string, testid: string, run: () => void): HTMLButtonElement => button(doc, label, aria, testid, run, { role: 'menuitem', class: 'history-menu-item', tabindex: '-1' });
  const menu = h(
    doc,
    'div',
    { class: 'history-menu', role: 'menu', 'aria-label': `Actions for ${name}` },
    item_('Open', `Open ${name}`, 'history-menu-open', () => openConversation(host, item)),
    item_('Rename…', `Rename ${name}`, 'history-rename', () => host.edit({ id: item.id, mode: 'rename' }, { id: item.id, testid: 'history-rename-input' })),
    item_('Export as Markdown', `Export ${name} as Markdown`, 'history-export-markdown', () => {
      host.edit(undefined, { id: item.id, testid: 'history-open' });
      post({ type: 'exportConversation', id: item.id, format: 'markdown' });
    }),
    item_('Export as JSON', `Export ${name} as JSON`, 'history-export-json', () => {
      host.edit(undefined, { id: item.id, testid: 'history-open' });
      post({ type: 'exportConversation', id: item.id, format: 'json' });
    }),
    item_('Delete…', `Delete ${name}`, 'history-delete', () => host.edit({ id: item.id, mode: 'delete' }, { id: item.id, testid: 'history-confirm-delete' })),
  );
  menu.addEventListener('keydown', (event) => moveInMenu(menu, event));
  return menu;
}

function moveInMenu(menu: HTMLElement, event: KeyboardEvent): void {
  const items = Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  const at = items.findIndex((el) => el === menu.ownerDocument.activeElement);
  const to = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : undefined;
  if (to === undefined) return;
  event.preventDefault();
  items[(to + items.length) % items.length]?.focus();
}

function deleteConfirmation(host: RowHost, item: ConversationSummary): HTMLElement {
  const { doc, post } = host;
  const name = quoted(item);
  return h(
    doc,
    'div',
    { class: 'history-actions confirm', role: 'group', 'aria-label': `Confirm deleting ${name}` },
    h(doc, 'span', {}, 'Delete this conversation? '),
    button(doc, 'Delete', `Delete ${name} permanently`, 'history-confirm-delete', () => {
      host.edit(undefined, { id: item.id, testid: 'history-open' });
      post({ type: 'deleteConversation', id: item.id });
    }),
    button(doc, 'Cancel', `Keep ${name}`, 'history-cancel-delete', () => host.edit(undefined, { id: item.id, testid: 'history-actions' })),
  );
}

function renameEditor(host: RowHost, item: ConversationSummary): HTMLElement {
  const { doc, post } = host;
  const name = quoted(item);
  const input = h(doc, 'input', { type: 'text', class: 'history-rename-input', value: item.title, 'aria-label': `New title for ${name}`, 'data-testid': 'history-rename-input' });
  const back = { id: item.id, testid: 'history-open' };
  const commit = (): void => {
    const title = input.value.trim();
    host.edit(undefined, back);
    if (title && title !== item.title) post({ type: 'renameConversation', id: item.id, title });
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      // Cancels the rename only: the panel stays open.
      event.preventDefault();
      event.stopPropagation();
      host.edit(undefined, back);
    }
  });
  return h(
    doc,
    'div',
    { class: 'history-rename' },
    input,
    button(doc, 'Save', `Save the new title of ${name}`, 'history-rename-save', commit),
    button(doc, 'Cancel', `Keep the title ${name}`, 'history-rename-cancel', () => host.edit(undefined, back)),
  );
}
