/**
 * The view's stylesheet is one file that several changes append to; a lost closing brace makes
 * the browser drop every rule after it without a word (a merge did exactly that once, and the
 * history rows lost their styles). Checked here so it fails loudly instead.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const CSS = path.resolve(__dirname, '..', '..', '..', '..', 'media', 'chat.css');

/** Line numbers of unclosed `{` and of `}` without an opening one (comments and strings ignored). */
export function braceProblems(css: string): { unclosed: number[]; unopened: number[] } {
  const blanked = css
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/'[^'\n]*'|"[^"\n]*"/g, (text) => text.replace(/[^\n]/g, ' '));
  const open: number[] = [];
  const unopened: number[] = [];
  blanked.split('\n').forEach((line, i) => {
    for (const ch of line) {
      if (ch === '{') open.push(i + 1);
      else if (ch === '}' && open.pop() === undefined) unopened.push(i + 1);
    }
  });
  return { unclosed: open, unopened };
}

describe('media/chat.css', () => {
  it('closes every block it opens', () => {
    assert.deepEqual(braceProblems(fs.readFileSync(CSS, 'utf8')), { unclosed: [], unopened: [] });
  });

  it('the check finds a rule left open before the next one', () => {
    assert.deepEqual(braceProblems(".a::after {\n  content: '}';\n/* x { */\n.b {\n  color: red;\n}\n"), { unclosed: [1], unopened: [] });
  });
});
