import * as assert from 'node:assert/strict';
import { turnMarkdown } from '../../../src/webview/render/messageActions';
import { assistantTurn, chatState, openPage, userTurn } from './harness';

describe('webview: copying a whole message', () => {
  it('copies a reply as the Markdown the model wrote (cited fragments joined, sources as footnotes), and a question as typed', () => {
    const page = openPage();
    const reply = assistantTurn('a1', [
      { type: 'thinking', thinking: 'not copied', signature: 's' },
      { type: 'text', text: 'Webviews need a **strict** CSP' },
      { type: 'text', text: ', with a nonce', citations: [{ type: 'web_search_result_location', url: 'https://example.com', title: 'CSP', cited_text: 'nonce', encrypted_index: 'e' }] },
      { type: 'text', text: '.\n\n```ts\nconst a = 1;\n```' },
    ]);
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'How should a webview set its CSP?'), reply] }) });
    const buttons = page.$$('[data-testid="copy-message"]');
    assert.equal(buttons.length, 2, 'one on the question, one on the reply');
    assert.match(buttons[1]?.getAttribute('aria-label') ?? '', /Copy this reply as Markdown/);
    buttons[1]?.click();
    buttons[0]?.click();
    assert.deepEqual(page.api.of('copyCode'), [
      { type: 'copyCode', code: 'Webviews need a **strict** CSP, with a nonce[^1].\n\n```ts\nconst a = 1;\n```\n\n[^1]: [CSP](https://example.com)' },
      { type: 'copyCode', code: 'How should a webview set its CSP?' },
    ]);
    assert.ok(buttons[1]?.classList.contains('copied'), 'the button says it worked (its CSS label becomes "Copied")');
    assert.equal(page.$('[data-testid="message"][data-role="user"]')?.textContent, 'How should a webview set its CSP?', 'the button adds no text to the message');
  });

  it('copies a cited answer with one footnote per source, a document named by its page', () => {
    const web = { type: 'web_search_result_location', url: 'https://a.example/', title: 'A [draft]', cited_text: 'x', encrypted_index: 'e' };
    const pdf = { type: 'page_location', document_index: 0, document_title: 'report.pdf', start_page_number: 3, end_page_number: 4, cited_text: 'y' };
    const markdown = turnMarkdown(assistantTurn('a1', [
      { type: 'text', text: 'Revenue grew', citations: [pdf] },
      { type: 'text', text: ', and the web agrees ', citations: [web, pdf] },
      { type: 'text', text: 'again', citations: [web] },
      { type: 'text', text: '.' },
    ]));
    assert.equal(markdown, 'Revenue grew[^1], and the web agrees[^1][^2] again[^2].\n\n[^1]: report.pdf, p. 3\n[^2]: [A \\[draft\\]](https://a.example/)');
  });

  it('offers no Copy on a reply still streaming, nor on a turn without text', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [{ type: 'text', text: 'Part' }], { status: 'streaming' })] }) });
    assert.equal(page.$$('[data-testid="copy-message"]').length, 0);
    assert.equal(turnMarkdown(assistantTurn('a2', [{ type: 'tool_use', id: 't', name: 'f', input: {} }])), '');
  });
});
