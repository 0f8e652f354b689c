/**
 * The history panel: a filter box over past conversations grouped by date (historyGroups.ts), each
 * row opening its conversation, with rename, delete (confirmed) and export in a menu
 * (historyRow.ts). Every action is a protocol message; the host answers with `history` (and `init`
 * when another conversation is opened).
 *
 * Keyboard: typing filters; Down from the box and Up/Down between rows move through the list;
 * Enter in the box opens the first match; Escape closes a menu, a confirmation or a rename first,
 * then clears the filter, then closes the panel. Focus never falls to the page: a redraw keeps it
 * on the same control, and when that row is gone (deleted) it goes to the next row, else the box.
 */
import type { ConversationSummary } from '../../common/protocol';
import { h } from '../dom';
import type { Post } from '../vscodeApi';
import { groupHistory, matchesFilter } from './historyGroups';
import { historyRow, type RowEditing, type RowHost } from './historyRow';

/** The control that had focus, by conversation and test id, to find it again after a redraw. */
interface FocusSpot {
  id: string;
  testid: string;
}

/** The history panel (hidden until toggled). */
export class HistoryView implements RowHost {
  readonly el: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly list: HTMLElement;
  private items: ConversationSummary[] = [];
  private currentId = '';
  /** The row being renamed, asked about or showing its menu, so a redraw keeps it so. */
  private editing: RowEditing | undefined;
  private readonly win: Window & typeof globalThis;

  /** `onClose` closes the panel and puts focus on its toggle (Escape, or a conversation opened). */
  constructor(readonly doc: Document, readonly post: Post, private readonly onClose: () => void, private readonly now: () => Date = () => new Date()) {
    const win = doc.defaultView;
    if (!win) throw new Error('The history panel needs a document with a window.');
    this.win = win;
    this.filter = h(doc, 'input', {
      type: 'search', class: 'history-filter', placeholder: 'Search conversations', 'aria-label': 'Search conversations',
      'data-testid': 'history-filter', autocomplete: 'off', spellcheck: 'false',
    });
    this.filter.addEventListener('input', () => {
      this.editing = undefined;
      this.draw();
    });
    this.list = h(doc, 'div', { class: 'history-groups' });
    this.el = h(
      doc,
      'section',
      { class: 'history', 'data-testid': 'history', 'aria-label': 'History' },
      h(doc, 'div', { class: 'history-header' }, h(doc, 'h2', { class: 'history-title' }, 'History'), this.filter),
      this.list,
    );
    this.el.hidden = true;
    this.el.addEventListener('keydown', (event) => this.onKey(event));
    // A click elsewhere in the panel, or focus leaving the row, closes an open menu.
    this.el.addEventListener('click', (event) => {
      const inMenu = event.target instanceof this.win.Element && event.target.closest('.history-menu, .history-more');
      if (this.editing?.mode === 'menu' && !inMenu) this.edit(undefined);
    });
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  setOpen(open: boolean): void {
    this.el.hidden = !open;
    if (open) return;
    this.editing = undefined;
    if (this.filter.value !== '') {
      this.filter.value = '';
      this.draw();
    }
  }

  /** Puts the caret in the filter box (the panel was opened). */
  focusFilter(): void {
    this.filter.focus();
  }

  /** Shows the host's list; `currentId` marks the conversation on screen. */
  update(items: readonly ConversationSummary[], currentId: string): void {
    this.items = [...items];
    this.currentId = currentId;
    if (this.editing && !this.items.some((i) => i.id === this.editing?.id)) this.editing = undefined;
    this.draw();
  }

  edit(editing: RowEditing | undefined, focus?: FocusSpot): void {
    this.editing = editing;
    this.draw(focus);
  }

  opened(): void {
    this.onClose();
  }

  private draw(focus?: FocusSpot): void {
    const doc = this.doc;
    const had = this.focusSpot();
    const order = this.rowIds();
    const shown = this.items.filter((item) => matchesFilter(item, this.filter.value));
    const groups = groupHistory(shown, this.now());
    if (groups.length === 0) {
      const text = this.items.length === 0 ? 'No saved conversations yet.' : `No conversation matches “${this.filter.value.trim()}”.`;
      this.list.replaceChildren(h(doc, 'p', { class: 'history-empty', role: 'status' }, text));
    } else {
      this.list.replaceChildren(...groups.map((group, i) => {
        const labelId = `history-group-${i}`;
        return h(
          doc,
          'div',
          { class: 'history-group', 'data-testid': 'history-group' },
          h(doc, 'h3', { class: 'history-group-label', id: labelId }, group.label),
          h(doc, 'ul', { class: 'history-list', 'aria-labelledby': labelId }, ...group.items.map((item) => historyRow(this, item, group.label, item.id === this.currentId, this.editing))),
        );
      }));
    }
    this.restoreFocus(focus ?? had, order);
  }

  /** The row control that has focus now, if any. */
  private focusSpot(): FocusSpot | undefined {
    const active = this.doc.activeElement;
    if (!active || active === this.filter || !this.list.contains(active)) return undefined;
    const row = active.closest('[data-conversation-id]');
    const id = row?.getAttribute('data-conversation-id');
    return id ? { id, testid: active.getAttribute('data-testid') ?? 'history-open' } : undefined;
  }

  private rowIds(): string[] {
    return Array.from(this.list.querySelectorAll('[data-conversation-id]'), (row) => row.getAttribute('data-conversation-id') ?? '');
  }

  /** Focuses `spot` again; a row that is gone hands focus to the next row (else the previous, else the box). */
  private restoreFocus(spot: FocusSpot | undefined, before: string[]): void {
    if (!spot || this.el.hidden) return;
    const rows = Array.from(this.list.querySelectorAll('[data-conversation-id]'));
    const find = (id: string, testid: string): HTMLElement | null =>
      rows.find((row) => row.getAttribute('data-conversation-id') === id)?.querySelector<HTMLElement>(`[data-testid="${testid}"]`) ?? null;
    let target = find(spot.id, spot.testid) ?? find(spot.id, 'history-open');
    if (!target) {
      const at = before.indexOf(spot.id);
      const next = [...before.slice(at + 1), ...before.slice(0, Math.max(at, 0)).reverse()].find((id) => find(id, 'history-open'));
      target = next ? find(next, 'history-open') : null;
    }
    const el = target ?? this.filter;
    el.focus();
    if (el instanceof this.win.HTMLInputElement && el !== this.filter) el.select();
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (this.editing) this.edit(undefined, { id: this.editing.id, testid: this.editing.mode === 'rename' ? 'history-open' : 'history-actions' });
      else if (this.filter.value !== '') {
        this.filter.value = '';
        this.draw();
      } else this.onClose();
      return;
    }
    if (target === this.filter) {
      if (event.key === 'ArrowDown') this.focusRow(0, event);
      if (event.key === 'Enter') this.list.querySelector<HTMLElement>('[data-testid="history-open"]')?.click();
      return;
    }
    if (target instanceof this.win.HTMLElement && target.getAttribute('data-testid') === 'history-open' && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const rows = Array.from(this.list.querySelectorAll<HTMLElement>('[data-testid="history-open"]'));
      const at = rows.indexOf(target) + (event.key === 'ArrowDown' ? 1 : -1);
      if (at < 0) {
        event.preventDefault();
        this.filter.focus();
      } else this.focusRow(at, event);
    }
  }

  private focusRow(index: number, event: KeyboardEvent): void {
    const row = this.list.querySelectorAll<HTMLElement>('[data-testid="history-open"]')[index];
    if (!row) return;
    event.preventDefault();
    row.focus();
  }
}
