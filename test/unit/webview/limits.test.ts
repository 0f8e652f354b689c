import * as assert from 'node:assert/strict';
import { limitDepth, limitMarkdown, MAX_DEPTH, MAX_MARKDOWN } from '../../../src/webview/render/limits';

describe('webview markdown limits', () => {
  it('leaves realistic markdown alone (nested quotes and lists, indented code, fences)', () => {
    const text = [
      '# Title', '', '> quote', '> > nested', '', '- a', '  - b', '    - c', '      1. d', '', '    indented code',
      '', '```ts', 'if (x) {', `${' '.repeat(80)}deep();`, '}', '```', '', '* * *', '---', '- ', '1) item',
    ].join('\n');
    assert.equal(limitDepth(text), text);
    assert.deepEqual(limitMarkdown(text), { markdown: text, overflow: '' });
  });

  it('keeps MAX_DEPTH levels of `>` and shows the rest as escaped text', () => {
    const line = `${'>'.repeat(2500)} deep`;
    assert.equal(limitDepth(line), `${'>'.repeat(MAX_DEPTH)}${'\\>'.repeat(2500 - MAX_DEPTH)} deep`);
    assert.equal(limitDepth(`${'>'.repeat(MAX_DEPTH)} ok`), `${'>'.repeat(MAX_DEPTH)} ok`);
  });

  it('escapes list markers and flattens indentation past the cap', () => {
    assert.equal(limitDepth(`${'- '.repeat(40)}x`), `${'- '.repeat(MAX_DEPTH)}${'\\- '.repeat(8)}x`);
    assert.equal(limitDepth(`${'1. '.repeat(34)}x`), `${'1. '.repeat(MAX_DEPTH)}1\\. 1\\. x`);
    assert.equal(limitDepth(`${' '.repeat(200)}- x`), '\\- x');
  });

  it('never touches lines inside a fence, however deep, and resumes after it closes', () => {
    const deep = '>'.repeat(100);
    const text = `~~~\n${deep}\n~~~\n${deep}`;
    assert.equal(limitDepth(text), `~~~\n${deep}\n~~~\n${'>'.repeat(MAX_DEPTH)}${'\\>'.repeat(100 - MAX_DEPTH)}`);
  });

  it('cuts text past the size cap at a line end, keeping every character', () => {
    const line = `${'y'.repeat(99)}\n`;
    const text = line.repeat(MAX_MARKDOWN / 100 + 5);
    const { markdown, overflow } = limitMarkdown(text);
    assert.ok(markdown.length <= MAX_MARKDOWN && markdown.endsWith('\n'));
    assert.equal(markdown + overflow, text);
    const unbroken = 'z'.repeat(MAX_MARKDOWN + 10);
    assert.deepEqual(limitMarkdown(unbroken), { markdown: 'z'.repeat(MAX_MARKDOWN), overflow: 'z'.repeat(10) });
  });
});
