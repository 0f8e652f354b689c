import assert from 'node:assert/strict';
import { citationLabel, documentsBefore, resolveCitation } from '../../../src/common/attachments/citations';
import type { Conversation, UserTurn } from '../../../src/common/conversation/model';
import type { AttachmentChip } from '../../../src/common/protocol';

function doc(title: string): { type: 'document'; source: { type: 'base64'; media_type: string; data: string }; title: string } {
  return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title };
}
function chip(id: string, name: string, kind: AttachmentChip['kind'], path?: string): AttachmentChip {
  return { id, kind, name, detail: '', ...(path ? { path } : {}) };
}

function conversation(): Conversation {
  const first: UserTurn = {
    id: 'u1', role: 'user', createdAt: 1,
    content: [doc('report.pdf'), { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } }, { type: 'text', text: 'Summarise' }],
    attachments: [chip('a1', 'report.pdf', 'document', 'docs/report.pdf'), chip('a2', 'shot.png', 'image')],
  };
  const second: UserTurn = {
    id: 'u2', role: 'user', createdAt: 3,
    content: [doc('notes.pdf'), doc('spec.pdf'), { type: 'text', text: 'Compare' }],
    attachments: [chip('b1', 'notes.pdf', 'document', 'notes.pdf'), chip('b2', 'spec.pdf', 'document', 'spec/spec.pdf')],
  };
  const cited = (documentIndex: number, page: number) => ({ type: 'page_location', document_index: documentIndex, document_title: 'x', start_page_number: page, end_page_number: page + 1, cited_text: '…' });
  return {
    id: 'c', title: 't', model: 'm', createdAt: 0, updatedAt: 0,
    turns: [
      first,
      { id: 'r1', role: 'assistant', createdAt: 2, status: 'done', model: 'm', stopReason: 'end_turn', content: [{ type: 'text', text: 'It says', citations: [cited(0, 3)] }] },
      second,
      { id: 'r2', role: 'assistant', createdAt: 4, status: 'done', model: 'm', stopReason: 'end_turn', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b', citations: [cited(0, 1), cited(2, 5)] }] },
    ],
  };
}

describe('attachments: citations into documents', () => {
  it('numbers the documents of a request across the conversation in request order, images not counted', () => {
    const c = conversation();
    assert.deepEqual(documentsBefore(c, 3).map((d) => d?.name), ['report.pdf', 'notes.pdf', 'spec.pdf']);
    assert.deepEqual(documentsBefore(c, 1).map((d) => d?.name), ['report.pdf']);
  });

  it('maps document_index to the attachment it cites and labels the page', () => {
    const c = conversation();
    const early = resolveCitation(c, 'r1', 0, 0);
    assert.equal(early?.attachment?.path, 'docs/report.pdf');
    assert.equal(early?.label, 'report.pdf, p. 3');
    const late = resolveCitation(c, 'r2', 1, 1);
    assert.equal(late?.attachment?.path, 'spec/spec.pdf');
    assert.equal(late?.label, 'spec.pdf, p. 5');
    assert.equal(resolveCitation(c, 'r2', 1, 0)?.attachment?.name, 'report.pdf', 'index 0 is still the first turn\'s document');
  });

  it('gives nothing for a block without citations, a user turn or a web citation', () => {
    const c = conversation();
    assert.equal(resolveCitation(c, 'r2', 0, 0), undefined);
    assert.equal(resolveCitation(c, 'u1', 0, 0), undefined);
  });

  it('labels char ranges, page ranges and content blocks (end exclusive)', () => {
    assert.equal(citationLabel({ type: 'char_location', document_index: 0, start_char_index: 120, end_char_index: 340 }, 'notes.md'), 'notes.md, chars 120–340');
    assert.equal(citationLabel({ type: 'page_location', document_index: 0, start_page_number: 3, end_page_number: 6 }, 'r.pdf'), 'r.pdf, pp. 3–5');
    assert.equal(citationLabel({ type: 'content_block_location', document_index: 0, start_block_index: 1, end_block_index: 2 }, 'd'), 'd, block 1');
  });
});
