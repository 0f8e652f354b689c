import * as assert from 'node:assert/strict';
import { MAX_INLINE_MARKS, MAX_INLINE_WORK, splitHeavyRuns } from '../../../src/webview/render/limits';
import type { MarkdownPart } from '../../../src/webview/render/limits';
import { MarkdownRenderer } from '../../../src/webview/render/markdown';
import { makeWindow } from './harness';

/** The inline bombs marked's parser is quadratic on (measured in `npm run bench`). */
const BOMBS: Record<string, string> = {
  'emphasis `*a`': '*a'.repeat(100_000),
  'emphasis `_a`': '_a'.repeat(100_000),
  'strong `**a`': '**a'.repeat(50_000),
  'brackets `[`': `${'['.repeat(100_000)}a`,
  'link openers `[a](`': '[a]('.repeat(50_000),
  'strikethrough `~a`': '~a'.repeat(100_000),
  'code spans': '`a'.repeat(100_000),
};

function kinds(parts: MarkdownPart[]): string[] {
  return parts.map((part) => part.kind);
}

describe('webview markdown limits: inline markup', () => {
  for (const [name, bomb] of Object.entries(BOMBS)) {
    it(`routes the ${name} bomb to the plain path, keeping every character`, () => {
      const parts = splitHeavyRuns(`Before.\n\n${bomb}\n\nAfter *this*.`);
      assert.deepEqual(kinds(parts), ['markdown', 'plain', 'markdown']);
      assert.equal(parts[1]?.text, bomb);
      assert.equal(parts.map((part) => part.text).join('\n'), `Before.\n\n${bomb}\n\nAfter *this*.`);
    });
  }

  it('leaves realistic markdown whole: long lists and tables full of formatting, links, code', () => {
    const list = Array.from({ length: 400 }, (_, i) => `- **item ${i}**: see [docs](https://e.com/${i}) and \`code_${i}\``).join('\n');
    const table = `| a | b |\n|---|---|\n${Array.from({ length: 400 }, (_, i) => `| \`x_${i}\` | *y* [z](https://e.com) |`).join('\n')}`;
    const prose = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} has *some* **bold** and a [link](https://e.com/${i}) with \`snake_case_name\`.`).join('\n\n');
    const fenced = `\`\`\`\n${'*a'.repeat(5_000)}\n\`\`\``;
    for (const text of [list, table, prose, fenced, `${list}\n\n${table}\n\n${prose}\n\n${fenced}`]) {
      assert.deepEqual(splitHeavyRuns(text), [{ kind: 'markdown', text }]);
    }
  });

  it('parses a run just under the limit, and not one just over it', () => {
    const under = '*a'.repeat(MAX_INLINE_MARKS);
    const over = `${under}*`;
    assert.deepEqual(kinds(splitHeavyRuns(`x\n\n${under}`)), ['markdown']);
    assert.deepEqual(kinds(splitHeavyRuns(`x\n\n${over}`)), ['markdown', 'plain']);
  });

  it('counts a paragraph across its lines, and a bomb split over many list items against the render budget', () => {
    const lines = Array.from({ length: 40 }, () => '*a'.repeat(50)).join('\n');
    assert.deepEqual(kinds(splitHeavyRuns(lines)), ['plain'], 'one paragraph of 4,000 marks over 40 lines');
    const perItem = MAX_INLINE_MARKS - 2;
    const items = Array.from({ length: 40 }, () => `- ${'*a'.repeat(perItem)}`);
    const parts = splitHeavyRuns(items.join('\n'));
    const parsedItems = Math.floor(MAX_INLINE_WORK / (perItem * perItem));
    assert.equal(parts[0]?.kind, 'markdown');
    assert.equal(parts[0]?.text.split('\n').length, parsedItems, 'items are parsed until the budget is spent');
    assert.ok(parts.slice(1).every((part) => part.kind === 'plain'), 'the rest is plain');
  });

  it('renders the plain run as text under a note, with the formatting around it intact and nothing parsed from it', () => {
    const win = makeWindow();
    const renderer = new MarkdownRenderer(win.document, win);
    const bomb = `${'*a'.repeat(3_000)}<img src=x onerror=alert(1)>`;
    const el = renderer.chunk(`**Bold** before.\n\n${bomb}\n\nAnd *after*.`);
    const plain = el.querySelector('[data-testid="md-plain"]');
    assert.ok(plain, 'a plain block is shown');
    assert.match(plain.textContent ?? '', /too much formatting markup \(3001 marks\)/);
    assert.equal(plain.querySelector('pre')?.textContent, bomb, 'as the text the model wrote');
    assert.equal(el.querySelectorAll('em, img').length, 1, 'only the paragraph after it has emphasis; no image');
    assert.equal(el.querySelector('strong')?.textContent, 'Bold');
    assert.equal(el.querySelector('em')?.textContent, 'after');
    const many = renderer.chunks(['First *one*.', bomb, 'Third **one**.']);
    assert.deepEqual(many.map((chunk) => chunk.querySelector('[data-testid="md-plain"]') !== null), [false, true, false]);
  });
});
