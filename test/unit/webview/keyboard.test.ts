import * as assert from 'node:assert/strict';
import { assistantTurn, chatState, openPage, userTurn } from './harness';

/** What Tab visits, in order: enabled, visible-by-markup controls (tabindex -1 and hidden parts skipped). */
function tabStops(doc: Document): Element[] {
  const candidates = doc.querySelectorAll('a[href], button, input, select, textarea, [tabindex]');
  return Array.from(candidates).filter((el) => {
    if (el.getAttribute('tabindex') === '-1' || (el as HTMLButtonElement).disabled) return false;
    return el.closest('[hidden]') === null;
  });
}

describe('webview: keyboard first', () => {
  it('the prompt is the first Tab stop after the toolbar, however long the conversation', () => {
    const page = openPage();
    const turns = [userTurn('u1', 'Question'), assistantTurn('a1', [{ type: 'text', text: 'Answer with `code`:\n\n```ts\nconst a = 1;\n```\n[a link](https://example.com)' }])];
    page.send({ type: 'init', state: chatState({ turns }) });
    const stops = tabStops(page.doc);
    const toolbar = page.$('.toolbar');
    assert.ok(toolbar);
    const firstAfterToolbar = stops.find((el) => !toolbar.contains(el));
    assert.equal(firstAfterToolbar, page.$('[data-testid="prompt"]'), `the first stop after the toolbar is ${firstAfterToolbar?.outerHTML.slice(0, 80)}`);
    assert.ok(stops.indexOf(page.$('[data-testid="prompt"]')!) < stops.findIndex((el) => el.closest('.log')), 'before the conversation\'s own buttons and links');
  });

  it('Focus Chat Input puts the caret in the prompt; focusing the view does too when nothing in it has focus', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const prompt = page.$<HTMLTextAreaElement>('[data-testid="prompt"]');
    page.$<HTMLButtonElement>('[data-testid="history-toggle"]')?.focus();
    page.send({ type: 'focusPrompt' });
    assert.equal(page.doc.activeElement, prompt);

    prompt?.blur();
    assert.equal(page.doc.activeElement, page.doc.body);
    page.win.dispatchEvent(new page.win.FocusEvent('focus'));
    assert.equal(page.doc.activeElement, prompt, '"Focus on Chat View" lands in the prompt');

    page.$<HTMLButtonElement>('[data-testid="history-toggle"]')?.focus();
    page.win.dispatchEvent(new page.win.FocusEvent('focus'));
    assert.equal(page.doc.activeElement, page.$('[data-testid="history-toggle"]'), 'a control the reader chose keeps the focus');
  });
});
