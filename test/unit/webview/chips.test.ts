/**
 * The control chips (render/controls.ts, render/chipMenu.ts): one row in the composer, each chip
 * labelled with its value, each menu an ARIA menu driven by the keyboard. Enter and Space on a chip
 * are the button's own click (jsdom does not synthesize it; the e2e keyboard test presses them).
 */
import * as assert from 'node:assert/strict';
import { chatState, controls, openPage, type Page } from './harness';

function key(page: Page, target: Element, name: string, init: KeyboardEventInit = {}): boolean {
  return target.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }));
}

function menuOf(page: Page, testId: string): HTMLElement {
  const menu = page.$(`[data-testid="${testId}"] + [role="menu"]`);
  assert.ok(menu, `a menu after ${testId}`);
  return menu;
}

describe('webview: control chips', () => {
  it('draws one labelled chip per control in the composer, under the prompt and before Send', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const row = page.$('[data-testid="controls"]')!;
    assert.equal(row.getAttribute('role'), 'toolbar');
    assert.ok(row.closest('.composer'), 'in the composer');
    const prompt = page.$('[data-testid="prompt"]')!;
    assert.ok(prompt.compareDocumentPosition(row) & page.win.Node.DOCUMENT_POSITION_FOLLOWING, 'after the prompt');
    assert.ok(row.compareDocumentPosition(page.$('[data-testid="send"]')!) & page.win.Node.DOCUMENT_POSITION_FOLLOWING, 'before Send');
    const chips = Array.from(row.querySelectorAll('button.chip')).map((chip) => [chip.getAttribute('aria-label'), chip.getAttribute('aria-haspopup'), chip.getAttribute('aria-expanded')]);
    assert.deepEqual(chips, [
      ['Model: Claude Sonnet 5', 'menu', 'false'],
      ['Effort: default', 'menu', 'false'],
      ['Thinking: auto', 'menu', 'false'],
      ['Tools: Web fetch', 'menu', 'false'],
    ]);
    const texts = Array.from(row.querySelectorAll('button.chip')).map((chip) => chip.textContent);
    assert.deepEqual(texts, ['Sonnet 5', 'Effort', 'Thinking', 'Tools: 1'], 'a value on the chip only when not the default');
    page.send({ type: 'controls', controls: { ...controls, effort: 'high', thinking: 'off', webFetch: false } });
    assert.deepEqual(Array.from(row.querySelectorAll('button.chip')).map((chip) => chip.textContent), ['Sonnet 5', 'Effort: high', 'Thinking: off', 'Tools']);
    assert.equal(page.$('[data-testid="tools-select"]')?.getAttribute('aria-label'), 'Tools: none on');
    for (const menu of page.$$('[role="menu"]')) {
      assert.equal(menu.hidden, true, 'menus closed');
      assert.ok(menu.getAttribute('aria-label'));
    }
    assert.equal(page.$$('[data-testid="new-chat"]').length, 1, 'one New chat in the view');
  });

  it('opens on ArrowDown with the chosen item focused, moves with the arrows, Home and End, and chooses with Enter', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ controls: { ...controls, effort: 'low' } }) });
    const chip = page.$<HTMLButtonElement>('[data-testid="effort-select"]')!;
    const menu = menuOf(page, 'effort-select');
    chip.focus();
    assert.equal(key(page, chip, 'ArrowDown'), false, 'the page does not scroll');
    assert.equal(menu.hidden, false);
    assert.equal(chip.getAttribute('aria-expanded'), 'true');
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'low', 'the chosen one');
    key(page, page.doc.activeElement!, 'ArrowDown');
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'high');
    key(page, page.doc.activeElement!, 'ArrowDown');
    assert.equal(page.doc.activeElement?.getAttribute('data-action'), 'open-setting', 'then Open Setting');
    key(page, page.doc.activeElement!, 'ArrowDown');
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'default', 'wraps to the top');
    key(page, page.doc.activeElement!, 'End');
    assert.equal(page.doc.activeElement?.getAttribute('data-action'), 'open-setting');
    key(page, page.doc.activeElement!, 'Home');
    key(page, page.doc.activeElement!, 'ArrowUp');
    assert.equal(page.doc.activeElement?.getAttribute('data-action'), 'open-setting', 'wraps to the bottom');
    key(page, page.doc.activeElement!, 'ArrowUp');
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'high');
    assert.equal(key(page, page.doc.activeElement!, 'Enter'), false, 'Enter is taken');
    assert.deepEqual(page.api.of('setControl'), [{ type: 'setControl', key: 'effort', value: 'high' }]);
    assert.equal(menu.hidden, true, 'a choice closes the menu');
    assert.equal(page.doc.activeElement, chip, 'and gives the focus back to the chip');
  });

  it('Escape closes the menu and returns the focus to the chip; Space toggles a tool and keeps the menu open', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const tools = page.$<HTMLButtonElement>('[data-testid="tools-select"]')!;
    const menu = menuOf(page, 'tools-select');
    tools.focus();
    tools.click();
    assert.equal(page.doc.activeElement?.getAttribute('data-testid'), 'web-fetch-toggle', 'the first checked tool');
    key(page, page.doc.activeElement!, 'ArrowUp');
    assert.equal(page.doc.activeElement?.getAttribute('data-testid'), 'web-search-toggle');
    key(page, page.doc.activeElement!, ' ');
    assert.deepEqual(page.api.of('setControl'), [{ type: 'setControl', key: 'webSearch', value: true }]);
    assert.equal(menu.hidden, false, 'still open for the next toggle');
    page.send({ type: 'controls', controls: { ...controls, webSearch: true } });
    assert.equal(page.doc.activeElement?.getAttribute('data-testid'), 'web-search-toggle', 'the redraw keeps the focus');
    assert.equal(page.doc.activeElement?.getAttribute('aria-checked'), 'true');
    assert.equal(tools.textContent, 'Tools: 2');
    key(page, page.doc.activeElement!, 'Escape');
    assert.equal(menu.hidden, true);
    assert.equal(tools.getAttribute('aria-expanded'), 'false');
    assert.equal(page.doc.activeElement, tools);
  });

  it('closes on Tab (focus back on the chip for the browser to move on) and on a click elsewhere', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const model = page.$<HTMLButtonElement>('[data-testid="model-select"]')!;
    const menu = menuOf(page, 'model-select');
    model.click();
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'claude-sonnet-5');
    assert.equal(key(page, page.doc.activeElement!, 'Tab'), true, 'Tab keeps its default');
    assert.equal(menu.hidden, true);
    assert.equal(page.doc.activeElement, model);
    model.click();
    assert.equal(menu.hidden, false);
    page.$('[data-testid="prompt"]')!.dispatchEvent(new page.win.MouseEvent('mousedown', { bubbles: true }));
    assert.equal(menu.hidden, true);
    assert.equal(page.api.of('setModel').length, 0, 'nothing chosen');
  });

  it('keeps the focus on the same item when a new model list arrives while the menu is open', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const model = page.$<HTMLButtonElement>('[data-testid="model-select"]')!;
    model.click();
    key(page, page.doc.activeElement!, 'ArrowDown');
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'claude-haiku-4-5');
    const models = [{ id: 'claude-opus-5', label: 'Claude Opus 5' }, ...controls.models];
    page.send({ type: 'controls', controls: { ...controls, models } });
    assert.deepEqual(page.$$('[data-testid="model-select"] + [role="menu"] [role="menuitemradio"]').map((el) => el.getAttribute('data-value')), ['claude-opus-5', 'claude-sonnet-5', 'claude-haiku-4-5']);
    assert.equal(page.doc.activeElement?.getAttribute('data-value'), 'claude-haiku-4-5', 'not the page body');
    assert.equal(menuOf(page, 'model-select').hidden, false);
  });

  it('shows the thinking budget only for models that take budget_tokens, disabled while thinking is off', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const budget = page.$<HTMLInputElement>('[data-testid="thinking-budget"]')!;
    assert.equal(budget.closest('label')?.hidden, true);
    page.send({ type: 'controls', controls: { ...controls, thinkingBudgetApplies: true, thinking: 'off' } });
    assert.equal(budget.closest('label')?.hidden, false);
    assert.equal(budget.disabled, true);
    budget.value = '512';
    budget.dispatchEvent(new page.win.Event('change'));
    assert.equal(page.api.of('setControl').length, 0, 'below the API minimum of 1024: not sent');
  });
});
