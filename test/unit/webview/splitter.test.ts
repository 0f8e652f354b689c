import * as assert from 'node:assert/strict';
import { MarkdownSplitter, splitMarkdown } from '../../../src/webview/render/splitter';

/** Feeds `text` in pieces of the given sizes (cycled) and collects the finished blocks. */
function streamed(text: string, sizes: number[]): { blocks: string[]; tail: string } {
  const splitter = new MarkdownSplitter();
  const blocks: string[] = [];
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const size = sizes[i++ % sizes.length] ?? 1;
    blocks.push(...splitter.push(text.slice(at, at + size)));
    at += size;
  }
  return { blocks, tail: splitter.tail };
}

const SAMPLE = [
  '# Title',
  'Intro paragraph with **bold** and a [link](https://example.com).',
  '',
  'Second paragraph',
  'continues here.',
  '',
  '- item one',
  '- item two',
  '  continued',
  '',
  '    indented code after a blank line',
  '',
  '```ts',
  'const a = 1;',
  '',
  '',
  'const b = 2;',
  '```',
  'After the fence.',
  '',
  '~~~',
  '```not a close',
  '~~~',
  '',
  '## Heading two',
  'Last paragraph without newline at end',
].join('\n');

describe('webview markdown splitter', () => {
  it('cuts at blank lines, fences and headings, and never inside a fence', () => {
    const { blocks, tail } = splitMarkdown(SAMPLE);
    assert.deepEqual(blocks, [
      '# Title\n',
      'Intro paragraph with **bold** and a [link](https://example.com).\n\n',
      'Second paragraph\ncontinues here.\n\n',
      '- item one\n- item two\n  continued\n\n    indented code after a blank line\n\n',
      '```ts\nconst a = 1;\n\n\nconst b = 2;\n```\n',
      'After the fence.\n\n',
      '~~~\n```not a close\n~~~\n',
      // A blank line alone is never a block: it stays with what follows.
      '\n## Heading two\n',
    ]);
    assert.equal(tail, 'Last paragraph without newline at end');
  });

  it('finds the same cuts however the text is chunked while streaming', () => {
    const whole = splitMarkdown(SAMPLE);
    for (const sizes of [[1], [2, 5], [3, 1, 7], [13], [64]]) {
      const got = streamed(SAMPLE, sizes);
      assert.deepEqual(got, whole, `chunk sizes ${sizes.join(',')}`);
    }
    assert.equal(whole.blocks.join('') + whole.tail, SAMPLE, 'nothing is lost or duplicated');
  });

  it('keeps an unclosed fence open and reports it, with its language and code', () => {
    const splitter = new MarkdownSplitter();
    assert.deepEqual(splitter.push('Text.\n\n```python\nprint(1)\n\nprint('), ['Text.\n\n']);
    assert.deepEqual(splitter.openFence(), { lang: 'python', code: 'print(1)\n\nprint(' });
    assert.deepEqual(splitter.push('2)\n```\nmore'), ['```python\nprint(1)\n\nprint(2)\n```\n']);
    assert.equal(splitter.openFence(), undefined);
    assert.equal(splitter.tail, 'more');
  });

  it('does not cut before indented lines after a blank line (list continuation)', () => {
    const { blocks, tail } = splitMarkdown('1. one\n\n   still one\n\n2. two\n');
    assert.deepEqual(blocks, ['1. one\n\n   still one\n\n']);
    assert.equal(tail, '2. two\n');
  });

  it('does not treat a backtick line with backticks in its info string as a fence', () => {
    const { blocks } = splitMarkdown('``` a ` b\n\npara\n');
    assert.deepEqual(blocks, ['``` a ` b\n\n']);
  });
});
