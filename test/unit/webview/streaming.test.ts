import * as assert from 'node:assert/strict';
import { MarkdownRenderer } from '../../../src/webview/render/markdown';
import { StreamingMarkdownView } from '../../../src/webview/render/streamingMarkdown';
import { makeWindow } from './harness';

const REPLY = [
  'Here is a plan.',
  '',
  '1. First, read the file.',
  '2. Then, **edit** it:',
  '',
  '```js',
  'function add(a, b) {',
  '  return a + b;',
  '}',
  '```',
  '',
  '## Notes',
  '',
  '> Quoted text',
  '> on two lines.',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  'Final words with `code` and a [link](https://example.com).',
].join('\n');

function setup() {
  const win = makeWindow();
  const md = new MarkdownRenderer(win.document, win);
  return { win, md, view: (text = '') => new StreamingMarkdownView(win.document, md, text) };
}

/** Streams `text` in pieces of `size`, drawing a frame after each piece, then finishes. */
function stream(view: StreamingMarkdownView, text: string, size: number): void {
  for (let at = 0; at < text.length; at += size) {
    view.append(text.slice(at, at + size));
    view.render();
  }
  view.setDone(true);
  view.render();
}

describe('webview streaming markdown', () => {
  it('ends with exactly the DOM of rendering the whole text at once, for any chunking', () => {
    const { view } = setup();
    const whole = view(REPLY);
    whole.setDone(true);
    whole.render();
    for (const size of [1, 3, 7, 50]) {
      const streamed = view();
      stream(streamed, REPLY, size);
      assert.equal(streamed.el.innerHTML, whole.el.innerHTML, `chunk size ${size}`);
      assert.equal(streamed.el.textContent, whole.el.textContent);
    }
  });

  it('renders finished blocks once: earlier paragraphs keep their DOM nodes as text streams in', () => {
    const { view, md } = setup();
    const v = view();
    let renders = 0;
    const chunks = md.chunks.bind(md);
    md.chunks = (texts: readonly string[]) => {
      renders += texts.length;
      return chunks(texts);
    };
    v.append('First paragraph.\n\nSecond ');
    v.render();
    const first = v.el.querySelector('p');
    assert.equal(first?.textContent, 'First paragraph.');
    for (let i = 0; i < 20; i++) {
      v.append(`word${i} `);
      v.render();
    }
    v.append('\n\nThird paragraph.');
    v.render();
    const paragraphs = Array.from(v.el.querySelectorAll('p'));
    assert.equal(paragraphs.length, 3);
    assert.equal(paragraphs[0], first, 'the first paragraph is the same node');
    assert.ok(first && v.el.contains(first), 'and still in the view');
    // Markdown rendered: "First" once; the tail once per frame (1 + 20); then "Second…" once as a
    // finished block and "Third" as the new tail.
    assert.equal(renders, 1 + 1 + 20 + 1 + 1);
  });

  it('buffers appends until a frame is drawn', () => {
    const { view } = setup();
    const v = view();
    v.append('Hello ');
    v.append('world');
    assert.equal(v.el.textContent, '', 'nothing drawn before the frame');
    v.render();
    assert.equal(v.el.textContent?.trim(), 'Hello world');
  });

  it('grows an open code fence in place and highlights it once closed', () => {
    const { view } = setup();
    const v = view();
    v.append('```python\nprint(1)\n');
    v.render();
    const code = v.el.querySelector('pre code');
    const text = code?.firstChild;
    assert.equal(code?.textContent, 'print(1)\n');
    v.append('print(2)\n');
    v.render();
    assert.equal(v.el.querySelector('pre code'), code, 'same code element while the fence is open');
    assert.equal(code?.firstChild, text, 'same text node, grown in place');
    assert.equal(code?.textContent, 'print(1)\nprint(2)\n');
    assert.equal(code?.querySelector('.hljs-built_in'), null, 'not highlighted while open');
    v.append('```\n');
    v.render();
    assert.ok(v.el.querySelector('pre code .hljs-built_in'), 'highlighted once closed');
    assert.equal(v.el.querySelectorAll('pre').length, 1);
  });

  it('accepts the host’s final text when it extends what was streamed, and starts over when it differs', () => {
    const { view } = setup();
    const v = view();
    v.append('Alpha.\n\nBeta');
    v.render();
    const alpha = v.el.querySelector('p');
    v.sync('Alpha.\n\nBeta gamma.');
    v.setDone(true);
    v.render();
    assert.equal(v.el.querySelector('p'), alpha, 'an extension keeps the finished blocks');
    assert.equal(v.el.textContent?.replace(/\s+/g, ' ').trim(), 'Alpha. Beta gamma.');
    v.sync('Something else entirely.');
    v.render();
    assert.equal(v.el.textContent?.trim(), 'Something else entirely.');
  });

  it('reopens a finished text when more arrives (a paused turn that continues)', () => {
    const { view } = setup();
    const v = view('Part one');
    v.setDone(true);
    v.render();
    v.setDone(false);
    v.append(' and two.');
    v.render();
    v.setDone(true);
    v.render();
    assert.equal(v.el.querySelectorAll('p').length, 1);
    assert.equal(v.el.textContent?.trim(), 'Part one and two.');
  });
});
