import * as assert from 'node:assert/strict';
import { FALLBACK_NOTE } from '../../../src/webview/render/boundary';
import { MAX_DEPTH } from '../../../src/webview/render/limits';
import { MarkdownRenderer } from '../../../src/webview/render/markdown';
import { assistantTurn, chatState, openPage, userTurn } from './harness';
import type { Page } from './harness';

/** A renderer that fails on cue: any markdown containing BOOM, and any code fence's language. */
class FailingRenderer extends MarkdownRenderer {
  override chunk(markdown: string): HTMLElement {
    if (markdown.includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
    return super.chunk(markdown);
  }

  override chunks(markdowns: readonly string[]): HTMLElement[] {
    if (markdowns.some((m) => m.includes('BOOM'))) throw new RangeError('Maximum call stack size exceeded');
    return super.chunks(markdowns);
  }

  override prepareLanguage(): void {
    throw new Error('the grammar could not be prepared');
  }
}

function openFailingPage(): Page & { errors: string[] } {
  const errors: string[] = [];
  const page = openPage(undefined, (win) => ({
    markdown: new FailingRenderer(win.document, win),
    reportError: (message) => errors.push(message),
  }));
  return { ...page, errors };
}

/** Sends a reply and then a later turn; asserts the later turn rendered its markdown. */
function replyThenLater(page: Page, text: string): HTMLElement {
  page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'go')] }) });
  page.send({ type: 'turnAdded', turn: assistantTurn('a1', [{ type: 'text', text }]) });
  page.send({ type: 'turnAdded', turn: userTurn('u2', 'and then?') }, { type: 'turnAdded', turn: assistantTurn('a2', [{ type: 'text', text: 'Later **bold** reply' }]) });
  assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'bold', 'a later turn renders');
  const turn = page.$('[data-turn-id="a1"]');
  assert.ok(turn);
  return turn;
}

/** How deep `selector` elements nest inside `root`. */
function nesting(root: Element, selector: string): number {
  let deepest = 0;
  for (const el of Array.from(root.querySelectorAll(selector))) {
    let depth = 0;
    for (let at: Element | null = el; at && at !== root; at = at.parentElement) if (at.matches(selector)) depth++;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

describe('webview rendering isolation', () => {
  it('renders a reply of 2,500 `>` (nested blockquotes past the parser’s stack) and later turns', () => {
    const turn = replyThenLater(openPage(), `${'>'.repeat(2500)} deep`);
    assert.match(turn.textContent ?? '', />{100}/, 'the markers past the cap are shown as text');
    assert.match(turn.textContent ?? '', /deep/);
    assert.equal(turn.querySelector('[data-testid="render-fallback"]'), null, 'the limits, not the boundary, handle it');
    assert.equal(nesting(turn, 'blockquote'), MAX_DEPTH, 'as deep as the cap, no deeper');
  });

  it('renders lists nested 5,000 levels on one line, and 1,000 levels by indentation', () => {
    const page = openPage();
    const one = replyThenLater(page, `${'- '.repeat(5000)}leaf`);
    assert.match(one.textContent ?? '', /leaf/);
    assert.ok(nesting(one, 'ul') <= MAX_DEPTH);
    assert.equal(one.querySelector('[data-testid="render-fallback"]'), null);
    let indented = '';
    for (let i = 0; i < 1000; i++) indented += `${'  '.repeat(i)}- item ${i}\n`;
    const two = replyThenLater(page, indented);
    assert.match(two.textContent ?? '', /item 999/);
    assert.ok(nesting(two, 'ul') <= MAX_DEPTH);
    assert.equal(two.querySelector('[data-testid="render-fallback"]'), null);
  });

  it('renders a 5 MB reply of paragraphs whole', () => {
    const paragraphs = `${'word '.repeat(10_000)}\n\n`.repeat(100);
    assert.ok(paragraphs.length >= 5_000_000);
    const turn = replyThenLater(openPage(), paragraphs);
    assert.equal(turn.querySelectorAll('p').length, 100);
    assert.equal(turn.querySelector('[data-testid="md-overflow"]'), null, 'no block reaches the cap');
  });

  it('renders a 5 MB block up to the size cap and the rest as plain text under a note', () => {
    const text = `${'x'.repeat(5_000_000)} <img src=x onerror=alert(1)>`;
    const turn = replyThenLater(openPage(), text);
    const overflow = turn.querySelector('[data-testid="md-overflow"]');
    assert.ok(overflow, 'the text past the cap is shown under a note');
    assert.match(overflow.querySelector('pre')?.textContent ?? '', /<img src=x onerror=alert\(1\)>$/, 'as text');
    assert.equal(turn.querySelector('img'), null);
    const shown = Array.from(turn.querySelectorAll('p, .md-overflow-text')).map((el) => el.textContent).join('');
    assert.equal(shown, text, 'nothing is lost');
  });

  it('shows a markdown block that throws as raw text under the note; the rest and later turns render', () => {
    const page = openFailingPage();
    const turn = replyThenLater(page, 'First *para*\n\nBOOM <b onclick="x()">raw</b>\n\nThird *para*');
    const fallback = turn.querySelector('[data-testid="render-fallback"]');
    assert.ok(fallback);
    assert.equal(fallback.querySelector('.render-fallback-note')?.textContent, FALLBACK_NOTE);
    assert.equal(fallback.querySelector('pre')?.textContent?.trim(), 'BOOM <b onclick="x()">raw</b>');
    assert.equal(turn.querySelector('b'), null, 'the raw text is never parsed');
    assert.deepEqual(Array.from(turn.querySelectorAll('em')).map((e) => e.textContent), ['para', 'para']);
  });

  it('replaces a block whose view throws with its raw text, which keeps growing; later turns render', () => {
    const page = openFailingPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'go')] }) });
    page.send({ type: 'turnAdded', turn: { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'r1' });
    const tool = { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} };
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'text', text: '```ts\nconst a = 1;\n' } }, { op: 'set', index: 1, block: tool }, { op: 'set', index: 2, block: { type: 'text', text: 'after' } }] });
    const failed = page.$('[data-turn-id="a1"] [data-block-type="text"].render-fallback');
    assert.ok(failed, 'the failing block shows the fallback');
    assert.equal(failed.querySelector('pre')?.textContent, '```ts\nconst a = 1;\n');
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text: 'const b = 2;' }] });
    assert.equal(failed.querySelector('pre')?.textContent, '```ts\nconst a = 1;\nconst b = 2;');
    assert.equal(page.$$('[data-turn-id="a1"] [data-block-type]')[2]?.querySelector('p')?.textContent, 'after', 'the next block renders');
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [{ type: 'text', text: '```ts\nconst a = 1;\nconst b = 2;' }, tool, { type: 'text', text: 'after' }]), totals: chatState().totals });
    page.send({ type: 'turnAdded', turn: assistantTurn('a2', [{ type: 'text', text: 'Later **bold** reply' }]) });
    assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'bold');
  });

  it('leaves out a hostile citation (null); the text, its turn and the turns around it render', () => {
    const page = openPage();
    const hostile = { type: 'text', text: 'Cited <i>text</i>', citations: [null] };
    const turn = replyThenLater(page, 'placeholder');
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [hostile]), totals: chatState().totals });
    assert.equal(turn.querySelector('[data-block-type="text"] p')?.textContent, 'Cited <i>text</i>', 'raw HTML shown as text');
    assert.equal(turn.querySelector('i'), null);
    assert.equal(turn.querySelector('[data-testid="citation"]'), null);
    assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'bold', 'the turn after it is untouched');
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [{ type: 'text', text: 'fixed *now*' }]), totals: chatState().totals });
    assert.equal(turn.querySelector('[data-testid="render-fallback"]'), null, 'a good update draws the turn again');
    assert.equal(turn.querySelector('em')?.textContent, 'now');
  });

  it('shows a turn that throws (a hostile error message) as raw text; the turns around it render', () => {
    const page = openPage();
    const turn = replyThenLater(page, 'placeholder');
    const hostileError = { message: { not: 'a string' }, kind: 'unknown', retryable: true } as never;
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [{ type: 'text', text: 'Kept <i>text</i>' }], { status: 'error', error: hostileError }), totals: chatState().totals });
    assert.equal(turn.querySelector('[data-testid="render-fallback"] pre')?.textContent, 'Kept <i>text</i>');
    assert.equal(turn.querySelector('i'), null);
    assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'bold', 'the turn after it is untouched');
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [{ type: 'text', text: 'fixed *now*' }]), totals: chatState().totals });
    assert.equal(turn.querySelector('[data-testid="render-fallback"]'), null, 'a good update draws the turn again');
    assert.equal(turn.querySelector('em')?.textContent, 'now');
  });

  it('keeps handling host messages after one whose handling throws', () => {
    const page = openFailingPage();
    page.send({ type: 'init', state: chatState() });
    // structuredClone (the state mirror's copy) cannot copy a function: the handler throws.
    const uncloneable = { type: 'text', text: 'x', toJSON: () => 'x' };
    page.send({ type: 'turnAdded', turn: assistantTurn('bad', [uncloneable]) });
    assert.equal(page.errors.length, 1);
    assert.match(page.errors[0] ?? '', /turnAdded/);
    page.send({ type: 'turnAdded', turn: assistantTurn('a2', [{ type: 'text', text: 'Later **bold** reply' }]) });
    assert.equal(page.$('[data-turn-id="a2"] strong')?.textContent, 'bold');
  });
});
