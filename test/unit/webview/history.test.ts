/**
 * The history panel: type to filter, date groups, the row menu (by click, right-click and keys),
 * accessible names that say which conversation, Escape, and where focus goes.
 */
import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../../src/common/protocol';
import { groupHistory, groupLabel, matchesFilter } from '../../../src/webview/render/historyGroups';
import { chatState, openPage } from './harness';
import type { Page } from './harness';

const DAY = 24 * 60 * 60 * 1000;

function key(page: Page, target: Element | null | undefined, keyName: string, init: KeyboardEventInit = {}): void {
  assert.ok(target, `no target for ${keyName}`);
  target.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init }));
}

function typeFilter(page: Page, text: string): void {
  const box = page.$<HTMLInputElement>('[data-testid="history-filter"]');
  assert.ok(box);
  box.value = text;
  box.dispatchEvent(new page.win.Event('input', { bubbles: true }));
}

const active = (page: Page): Element | null => page.doc.activeElement;
const rowOf = (page: Page, id: string): HTMLElement | null => page.$(`[data-conversation-id="${id}"]`);

/** A page with the panel open on three conversations: apples (today), bananas (today), cherries (last year). */
function openHistory(): Page {
  const page = openPage();
  const now = Date.now();
  const history: ConversationSummary[] = [
    { id: 'a', title: 'Tell me about apples', model: 'claude-sonnet-5', updatedAt: now - 1000 },
    { id: 'b', title: 'Bananas are berries', model: 'claude-sonnet-5', updatedAt: now },
    { id: 'c', title: 'Cherry APPLE pie', model: 'claude-haiku-4-5', updatedAt: now - 400 * DAY },
  ];
  page.send({ type: 'init', state: chatState({ conversationId: 'b', history }) });
  page.$('[data-testid="history-toggle"]')?.click();
  return page;
}

describe('history groups and filter (pure)', () => {
  it('groups by Today, Yesterday, Previous 7 days, Previous 30 days, then month and year', () => {
    const now = new Date(2026, 10, 27, 15, 0);
    const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).getTime();
    assert.equal(groupLabel(at(2026, 10, 27, 0), now), 'Today');
    assert.equal(groupLabel(at(2026, 10, 26, 23), now), 'Yesterday');
    assert.equal(groupLabel(at(2026, 10, 26, 0), now), 'Yesterday');
    assert.equal(groupLabel(at(2026, 10, 25), now), 'Previous 7 days');
    assert.equal(groupLabel(at(2026, 10, 20), now), 'Previous 7 days');
    assert.equal(groupLabel(at(2026, 10, 19), now), 'Previous 30 days');
    assert.equal(groupLabel(at(2026, 9, 28), now), 'Previous 30 days');
    const older = at(2026, 9, 20);
    assert.equal(groupLabel(older, now), new Date(older).toLocaleDateString(undefined, { month: 'long', year: 'numeric' }));
    assert.match(groupLabel(older, now), /2026/);
    const summary = (id: string, updatedAt: number) => ({ id, title: id, model: 'm', updatedAt });
    const groups = groupHistory([summary('old', at(2025, 0, 5)), summary('today', at(2026, 10, 27, 9)), summary('older', at(2025, 0, 2)), summary('y', at(2026, 10, 26))], now);
    assert.deepEqual(groups.map((g) => [g.label, g.items.map((i) => i.id)]), [
      ['Today', ['today']],
      ['Yesterday', ['y']],
      [new Date(at(2025, 0, 5)).toLocaleDateString(undefined, { month: 'long', year: 'numeric' }), ['old', 'older']],
    ]);
  });

  it('matches every typed word, in any case and order, in the title', () => {
    const item = { id: 'x', title: 'Cherry APPLE pie', model: 'm', updatedAt: 0 };
    assert.equal(matchesFilter(item, ''), true);
    assert.equal(matchesFilter(item, 'apple'), true);
    assert.equal(matchesFilter(item, '  pie   cherry '), true);
    assert.equal(matchesFilter(item, 'apple tart'), false);
    const renamed = { ...item, title: 'Dessert', question: 'How do I bake a cherry pie?' };
    assert.equal(matchesFilter(renamed, 'bake dessert'), true, 'the first question is searched too');
  });
});

describe('webview history panel', () => {
  it('opens with the caret in the search box; typing filters, and says so when nothing matches', () => {
    const page = openHistory();
    assert.equal(active(page), page.$('[data-testid="history-filter"]'));
    const ids = () => page.$$('[data-testid="history-item"]').map((row) => row.getAttribute('data-conversation-id'));
    assert.deepEqual(ids(), ['b', 'a', 'c']);
    assert.deepEqual(page.$$('[data-testid="history-group"] h3').map((h) => h.textContent), ['Today', new Date(Date.now() - 400 * DAY).toLocaleDateString(undefined, { month: 'long', year: 'numeric' })]);
    typeFilter(page, 'apple');
    assert.deepEqual(ids(), ['a', 'c']);
    typeFilter(page, 'zebra');
    assert.deepEqual(ids(), []);
    assert.match(page.$('.history-empty')?.textContent ?? '', /No conversation matches “zebra”/);
    page.send({ type: 'history', history: [{ id: 'z', title: 'Zebra crossings', model: 'm', updatedAt: Date.now() }] });
    assert.deepEqual(ids(), ['z'], 'the filter applies to a new list too');
  });

  it('Enter in the box opens the first match and closes the panel, focus on the History toggle', () => {
    const page = openHistory();
    typeFilter(page, 'apple');
    key(page, page.$('[data-testid="history-filter"]'), 'Enter');
    assert.deepEqual(page.api.of('openConversation'), [{ type: 'openConversation', id: 'a' }]);
    assert.equal(page.$('[data-testid="history"]')?.hidden, true);
    assert.equal(active(page), page.$('[data-testid="history-toggle"]'));
    page.$('[data-testid="history-toggle"]')?.click();
    assert.equal(page.$<HTMLInputElement>('[data-testid="history-filter"]')?.value, '', 'the filter starts empty again');
  });

  it('names the conversation in every row control and menu item', () => {
    const page = openHistory();
    const row = rowOf(page, 'a');
    assert.equal(row?.querySelector('[data-testid="history-open"]')?.getAttribute('aria-label'), 'Open “Tell me about apples”');
    const more = row?.querySelector<HTMLElement>('[data-testid="history-actions"]');
    assert.equal(more?.getAttribute('aria-label'), 'Actions for “Tell me about apples”');
    assert.equal(more?.getAttribute('aria-haspopup'), 'menu');
    more?.click();
    assert.equal(rowOf(page, 'a')?.querySelector('[data-testid="history-actions"]')?.getAttribute('aria-expanded'), 'true');
    const names = page.$$('[data-testid="history"] [role="menu"] [role="menuitem"]').map((item) => item.getAttribute('aria-label'));
    assert.deepEqual(names, [
      'Open “Tell me about apples”',
      'Rename “Tell me about apples”',
      'Export “Tell me about apples” as Markdown',
      'Export “Tell me about apples” as JSON',
      'Delete “Tell me about apples”',
    ]);
    page.$<HTMLElement>('[data-testid="history"] [role="menu"] [data-testid="history-delete"]')?.click();
    assert.equal(active(page), page.$('[data-testid="history-confirm-delete"]'), 'focus on the confirmation');
    assert.match(page.$('[data-testid="history-confirm-delete"]')?.getAttribute('aria-label') ?? '', /“Tell me about apples”/);
    assert.match(page.$('[data-testid="history-cancel-delete"]')?.getAttribute('aria-label') ?? '', /“Tell me about apples”/);
  });

  it('opens the menu by right-click and Shift+F10; arrows move in it; Escape closes it back to its button', () => {
    const page = openHistory();
    rowOf(page, 'a')?.dispatchEvent(new page.win.MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    assert.ok(page.$('[data-testid="history"] [role="menu"]'));
    assert.equal(active(page), page.$('[data-testid="history-menu-open"]'), 'the first item has focus');
    key(page, active(page), 'ArrowDown');
    assert.equal(active(page), page.$('[data-testid="history"] [role="menu"] [data-testid="history-rename"]'));
    key(page, active(page), 'ArrowUp');
    key(page, active(page), 'ArrowUp');
    assert.equal(active(page), page.$('[data-testid="history"] [role="menu"] [data-testid="history-delete"]'), 'wraps around');
    key(page, active(page), 'Escape');
    assert.equal(page.$('[data-testid="history"] [role="menu"]'), null);
    assert.equal(page.$('[data-testid="history"]')?.hidden, false, 'Escape closed the menu, not the panel');
    assert.equal(active(page), rowOf(page, 'a')?.querySelector('[data-testid="history-actions"]'));

    const open = rowOf(page, 'c')?.querySelector('[data-testid="history-open"]');
    key(page, open, 'F10', { shiftKey: true });
    assert.equal(page.$('[data-testid="history"] [role="menu"]')?.closest('[data-conversation-id]')?.getAttribute('data-conversation-id'), 'c');
  });

  it('Escape cancels a rename (focus back on the row), then clears the filter, then closes the panel onto the toggle', () => {
    const page = openHistory();
    typeFilter(page, 'apple');
    rowOf(page, 'a')?.querySelector<HTMLElement>('[data-testid="history-actions"]')?.click();
    page.$<HTMLElement>('[data-testid="history"] [role="menu"] [data-testid="history-rename"]')?.click();
    const input = page.$<HTMLInputElement>('[data-testid="history-rename-input"]');
    assert.equal(active(page), input, 'the caret is in the title');
    assert.match(input?.getAttribute('aria-label') ?? '', /“Tell me about apples”/);
    key(page, input, 'Escape');
    assert.equal(page.$('[data-testid="history-rename-input"]'), null);
    assert.equal(page.api.of('renameConversation').length, 0);
    assert.equal(active(page), rowOf(page, 'a')?.querySelector('[data-testid="history-open"]'));
    assert.equal(page.$('[data-testid="history"]')?.hidden, false);
    key(page, active(page), 'Escape');
    assert.equal(page.$<HTMLInputElement>('[data-testid="history-filter"]')?.value, '');
    assert.equal(page.$$('[data-testid="history-item"]').length, 3);
    key(page, active(page), 'Escape');
    assert.equal(page.$('[data-testid="history"]')?.hidden, true);
    assert.equal(active(page), page.$('[data-testid="history-toggle"]'));
  });

  it('after a delete, focus goes to the next row, else the previous, else the search box; never the body', () => {
    const page = openHistory();
    const deleteRow = (id: string): void => {
      rowOf(page, id)?.querySelector<HTMLElement>('[data-testid="history-actions"]')?.click();
      page.$<HTMLElement>('[data-testid="history"] [role="menu"] [data-testid="history-delete"]')?.click();
      page.$<HTMLElement>('[data-testid="history-confirm-delete"]')?.click();
    };
    const remaining = (...ids: string[]): ConversationSummary[] => ids.map((id) => ({ id, title: `T ${id}`, model: 'm', updatedAt: Date.now() - id.charCodeAt(0) }));
    deleteRow('b');
    assert.equal(active(page), rowOf(page, 'b')?.querySelector('[data-testid="history-open"]'), 'on the row until the host answers');
    page.send({ type: 'history', history: remaining('a', 'c') });
    assert.equal(active(page), rowOf(page, 'a')?.querySelector('[data-testid="history-open"]'), 'the next row');
    deleteRow('c');
    page.send({ type: 'history', history: remaining('a') });
    assert.equal(active(page), rowOf(page, 'a')?.querySelector('[data-testid="history-open"]'), 'the previous row when it was the last');
    deleteRow('a');
    page.send({ type: 'history', history: [] });
    assert.equal(active(page), page.$('[data-testid="history-filter"]'), 'the search box when none is left');
    assert.match(page.$('.history-empty')?.textContent ?? '', /No saved conversations yet/);
    assert.deepEqual(page.api.of('deleteConversation').map((m) => m.id), ['b', 'c', 'a']);
  });

  it('Down from the box and Up/Down between rows move through the list', () => {
    const page = openHistory();
    key(page, active(page), 'ArrowDown');
    assert.equal(active(page), rowOf(page, 'b')?.querySelector('[data-testid="history-open"]'));
    key(page, active(page), 'ArrowDown');
    assert.equal(active(page), rowOf(page, 'a')?.querySelector('[data-testid="history-open"]'));
    key(page, active(page), 'ArrowUp');
    key(page, active(page), 'ArrowUp');
    assert.equal(active(page), page.$('[data-testid="history-filter"]'));
  });
});
