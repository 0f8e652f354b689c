import * as assert from 'node:assert/strict';
import { makeWindow, chatState, openPage, userTurn, assistantTurn } from './harness';
import type { Page } from './harness';
import { MentionList, mentionAt, QUERY_INTERVAL_MS } from '../../../src/webview/render/mentions';
import type { Timers } from '../../../src/webview/render/mentions';

function prompt(page: Page): HTMLTextAreaElement {
  return page.$<HTMLTextAreaElement>('[data-testid="prompt"]')!;
}

/** Types `text` as the whole prompt with the caret at its end, as an input event reports it. */
function typeInto(page: Page, text: string): void {
  const box = prompt(page);
  box.focus();
  box.value = text;
  box.setSelectionRange(text.length, text.length);
  box.dispatchEvent(new page.win.Event('input', { bubbles: true }));
}

function key(page: Page, name: string, init: KeyboardEventInit = {}): boolean {
  return prompt(page).dispatchEvent(new page.win.KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }));
}

function options(page: Page): Array<{ path: string | null; selected: string | null }> {
  return page.$$('[data-testid="file-suggestions"] [role="option"][data-path]').map((o) => ({ path: o.getAttribute('data-path'), selected: o.getAttribute('aria-selected') }));
}

function listOpen(page: Page): boolean {
  return page.$('[data-testid="file-suggestions"]')?.hidden === false;
}

/** Waits (polling, bounded) until the view has asked for `query`: the throttle may hold it back for an interval. */
async function asked(page: Page, query: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!page.api.of('queryFiles').some((m) => m.query === query) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(page.api.of('queryFiles').some((m) => m.query === query), `queryFiles "${query}" was posted`);
}

const PATHS = ['src/app.ts', 'src/apple/pie.ts', 'app.json'];

describe('webview @ file suggestions', () => {
  it('finds the @word at the caret, and only a real one', () => {
    assert.deepEqual(mentionAt('look at @src/ap', 15), { start: 8, end: 15, query: 'src/ap' });
    assert.deepEqual(mentionAt('@', 1), { start: 0, end: 1, query: '' });
    assert.deepEqual(mentionAt('a\n@x', 4), { start: 2, end: 4, query: 'x' });
    assert.equal(mentionAt('mail me@example.com', 19), undefined, 'an @ inside a word is not a mention');
    assert.equal(mentionAt('@ ', 2), undefined, 'a space ends it');
    assert.equal(mentionAt('@@x', 3), undefined);
    assert.deepEqual(mentionAt('@abc def', 3), { start: 0, end: 3, query: 'ab' }, 'up to the caret');
  });

  it('asks the host, lists its answer as a listbox, moves with Up/Down and accepts with Enter', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    typeInto(page, 'explain @ap');
    assert.deepEqual(page.api.of('queryFiles'), [{ type: 'queryFiles', query: 'ap' }]);
    assert.equal(listOpen(page), false, 'nothing shown before the answer');
    page.send({ type: 'fileSuggestions', query: 'ap', paths: PATHS });
    assert.equal(listOpen(page), true);
    assert.equal(page.$('[data-testid="file-suggestions"]')?.getAttribute('role'), 'listbox');
    assert.deepEqual(options(page).map((o) => o.selected), ['true', 'false', 'false']);
    const box = prompt(page);
    assert.equal(box.getAttribute('aria-activedescendant'), page.$$('[role="option"]')[0]?.id);
    assert.equal(box.getAttribute('aria-controls'), page.$('[data-testid="file-suggestions"]')?.id);

    assert.equal(key(page, 'ArrowDown'), false);
    assert.equal(key(page, 'ArrowDown'), false);
    assert.deepEqual(options(page).map((o) => o.selected), ['false', 'false', 'true']);
    key(page, 'ArrowDown');
    assert.equal(options(page)[0]?.selected, 'true', 'wraps around');
    key(page, 'ArrowUp');
    assert.equal(options(page)[2]?.selected, 'true');
    assert.equal(box.getAttribute('aria-activedescendant'), page.$$('[role="option"]')[2]?.id);

    page.send({ type: 'fileSuggestions', query: 'ap', paths: ['src/app.ts', 'app.json'] });
    assert.deepEqual(options(page).map((o) => o.selected), ['false', 'true'], 'a fresher answer keeps the highlighted file highlighted');
    assert.equal(key(page, 'Enter'), false);
    assert.deepEqual(page.api.of('attachPath'), [{ type: 'attachPath', path: 'app.json' }]);
    assert.equal(page.api.of('send').length, 0, 'Enter accepted the file, it did not send');
    assert.equal(box.value, 'explain ', 'the @query is gone from the prompt');
    assert.equal(listOpen(page), false);
    assert.equal(page.api.of('draftChanged').at(-1)?.text, 'explain ', 'the host recounts the changed draft');

    typeInto(page, 'explain it');
    key(page, 'Enter');
    assert.deepEqual(page.api.of('send'), [{ type: 'send', text: 'explain it' }], 'with the list closed Enter sends');
  });

  it('Tab and the mouse accept too; Escape closes until the word changes, and then Enter sends', async () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    typeInto(page, '@ap');
    page.send({ type: 'fileSuggestions', query: 'ap', paths: PATHS });
    assert.equal(key(page, 'Tab'), false);
    assert.deepEqual(page.api.of('attachPath').map((m) => m.path), ['src/app.ts']);
    assert.equal(prompt(page).value, '');

    typeInto(page, 'and @pie');
    await asked(page, 'pie');
    page.send({ type: 'fileSuggestions', query: 'pie', paths: ['src/apple/pie.ts'] });
    const option = page.$('[role="option"][data-path="src/apple/pie.ts"]')!;
    assert.equal(option.querySelector('.suggestion-name')?.textContent, 'pie.ts');
    assert.equal(option.querySelector('.suggestion-dir')?.textContent, 'src/apple');
    const down = new page.win.MouseEvent('mousedown', { bubbles: true, cancelable: true });
    assert.equal(option.dispatchEvent(down), false, 'mousedown is taken so the prompt keeps focus');
    assert.deepEqual(page.api.of('attachPath').map((m) => m.path), ['src/app.ts', 'src/apple/pie.ts']);
    assert.equal(prompt(page).value, 'and ');

    typeInto(page, 'ping @bob');
    await asked(page, 'bob');
    page.send({ type: 'fileSuggestions', query: 'bob', paths: ['bob.md'] });
    assert.equal(key(page, 'Escape'), false);
    assert.equal(listOpen(page), false);
    page.send({ type: 'fileSuggestions', query: 'bob', paths: ['bob.md'] });
    assert.equal(listOpen(page), false, 'a late answer does not reopen a dismissed list');
    assert.equal(key(page, 'Enter'), false);
    assert.deepEqual(page.api.of('send'), [{ type: 'send', text: 'ping @bob' }]);
  });

  it('ignores an answer to an older query, says when nothing matches, and leaves Enter to send then', async () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    typeInto(page, 'see @z');
    typeInto(page, 'see @zz');
    await asked(page, 'zz');
    page.send({ type: 'fileSuggestions', query: 'z', paths: ['z.ts'] });
    assert.equal(listOpen(page), false, 'an answer to another query is not shown');
    page.send({ type: 'fileSuggestions', query: 'zz', paths: [] });
    assert.equal(listOpen(page), true);
    assert.match(page.$('.suggestion-empty')?.textContent ?? '', /No workspace file matches “zz”/);
    key(page, 'Enter');
    assert.deepEqual(page.api.of('send'), [{ type: 'send', text: 'see @zz' }]);
    assert.equal(listOpen(page), false);
  });

  it('keeps ArrowUp recall when the list is closed', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'earlier question'), assistantTurn('a1', [])] }) });
    typeInto(page, '');
    assert.equal(key(page, 'ArrowUp'), false);
    assert.equal(prompt(page).value, 'earlier question');
  });

  it('throttles queries: the first at once, then at most one per interval, the latest last', () => {
    const win = makeWindow();
    const box = win.document.createElement('textarea');
    win.document.body.append(box);
    const pending: Array<() => void> = [];
    const timers: Timers = { set: (callback, ms) => (assert.equal(ms, QUERY_INTERVAL_MS), pending.push(callback)), clear: () => undefined };
    const sent: string[] = [];
    const list = new MentionList(win.document, box, { query: (q) => sent.push(q), accept: () => undefined }, timers);
    const type = (text: string): void => {
      box.value = text;
      box.setSelectionRange(text.length, text.length);
      list.onInput();
    };
    type('@a');
    type('@ab');
    type('@abc');
    assert.deepEqual(sent, ['a'], 'one query while the interval runs');
    pending.shift()?.();
    assert.deepEqual(sent, ['a', 'abc'], 'the latest goes when it ends');
    type('@abc ');
    pending.shift()?.();
    assert.deepEqual(sent, ['a', 'abc'], 'nothing more once the word is done');
    list.dispose();
  });
});
