import * as assert from 'node:assert/strict';
import type { Citation } from '../../../src/common/protocol';
import { documentCitationLabel } from '../../../src/webview/render/citations';
import { assistantTurn, chatState, openPage } from './harness';

const page = (start: number, end: number, title: string | null = 'report.pdf'): Citation => ({ type: 'page_location', document_index: 1, document_title: title, start_page_number: start, end_page_number: end, cited_text: 'Revenue grew 12%.' });

describe('webview citations into documents', () => {
  it('names the document and the page, pages, passage or block (ends are exclusive)', () => {
    assert.equal(documentCitationLabel(page(3, 4)), 'report.pdf, p. 3');
    assert.equal(documentCitationLabel(page(3, 6)), 'report.pdf, pp. 3–5');
    assert.equal(documentCitationLabel(page(3, 4, null)), 'Document 2, p. 3', 'untitled: counted from 1');
    assert.equal(documentCitationLabel({ type: 'char_location', document_index: 0, document_title: 'notes.txt', start_char_index: 0, end_char_index: 9, cited_text: 'the  cited\nwords' }), 'notes.txt, “the cited words”');
    assert.equal(
      documentCitationLabel({ type: 'char_location', document_index: 0, document_title: 'n.txt', start_char_index: 0, end_char_index: 99, cited_text: 'x'.repeat(30) + ' ' + 'y'.repeat(30) }),
      `n.txt, “${'x'.repeat(30)} ${'y'.repeat(9)}…”`,
    );
    assert.equal(documentCitationLabel({ type: 'content_block_location', document_index: 0, document_title: 'spec', start_block_index: 1, end_block_index: 2, cited_text: 'c' }), 'spec, block 2');
    assert.equal(documentCitationLabel({ type: 'content_block_location', document_index: 0, document_title: 'spec', start_block_index: 0, end_block_index: 3, cited_text: 'c' }), 'spec, blocks 1–3');
  });

  it('renders them as numbered buttons that ask the host to open the document there, beside numbered web citations', () => {
    const view = openPage();
    const web = { type: 'web_search_result_location', url: 'https://a.example/', title: 'A', encrypted_index: 'x', cited_text: 'c' };
    view.send({
      type: 'init',
      state: chatState({
        turns: [
          assistantTurn('a1', [
            { type: 'text', text: 'Intro.' },
            { type: 'text', text: 'Growth.', citations: [page(3, 4), web, page(3, 4), page(7, 9)] },
          ]),
        ],
      }),
    });
    const links = view.$$('.block-text')[0]!.querySelectorAll<HTMLElement>('[data-testid="citation"]');
    assert.deepEqual(Array.from(links).map((l) => l.textContent), ['1', '2', '3'], 'the same place once, one number per source');
    const first = links[0]!;
    assert.equal(first.tagName, 'BUTTON', 'keyboard reachable, and not a link that could navigate');
    assert.equal(first.getAttribute('aria-label'), 'Source 1: open report.pdf, p. 3');
    const popover = view.doc.getElementById(first.getAttribute('aria-describedby') ?? '');
    assert.equal(popover?.textContent, '“Revenue grew 12%.”report.pdf, p. 3', 'the popover quotes the passage and names the document and page');
    first.click();
    links[2]!.click();
    assert.deepEqual(view.api.of('openCitation'), [
      { type: 'openCitation', turnId: 'a1', blockIndex: 1, citationIndex: 0 },
      { type: 'openCitation', turnId: 'a1', blockIndex: 1, citationIndex: 3 },
    ]);
    links[1]!.click();
    assert.deepEqual(view.api.of('openLink'), [{ type: 'openLink', url: 'https://a.example/' }], 'web citations still open their page');
    const sources = view.$$('[data-testid="source"] button');
    assert.deepEqual(sources.map((b) => b.textContent), ['report.pdf, p. 3', 'report.pdf, pp. 7–8']);
    sources[1]!.click();
    assert.deepEqual(view.api.of('openCitation').at(-1), { type: 'openCitation', turnId: 'a1', blockIndex: 1, citationIndex: 3 }, 'the Sources list opens the document there too');
  });
});
