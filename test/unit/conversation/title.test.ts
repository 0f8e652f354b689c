import assert from 'node:assert/strict';
import { buildContextContent } from '../../../src/common/conversation/contextBlocks';
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import { TITLE_MAX_CHARS, titleForConversation, titleFromText, UNTITLED } from '../../../src/common/conversation/title';

describe('titles', () => {
  it('takes the first non-empty line, trimmed, without markdown markers', () => {
    assert.equal(titleFromText('\n\n  # How do I   write a CSP?  \nmore detail'), 'How do I write a CSP?');
  });

  it('cuts long text at a word boundary near 60 characters', () => {
    const title = titleFromText('Please explain in great detail how the content security policy of a webview works');
    assert.ok(title.length <= TITLE_MAX_CHARS, title);
    assert.ok(title.endsWith('…'));
    assert.equal(title, 'Please explain in great detail how the content security…');
  });

  it('skips context blocks, and is the same every time (no volatile parts)', () => {
    const c = createConversation({ model: 'm' });
    const { blocks, chips } = buildContextContent({ path: 'src/a.ts', language: 'ts', selection: { text: 'x', startLine: 1, endLine: 2 } }, 'Explain this code', { fileMaxChars: 0 });
    appendUserTurn(c, { content: blocks, chips });
    assert.equal(titleForConversation(c), 'Explain this code');
    assert.equal(titleForConversation(structuredClone(c)), 'Explain this code');
  });

  it('falls back to the selection label, then to a fixed title', () => {
    const c = createConversation({ model: 'm' });
    assert.equal(titleForConversation(c), UNTITLED);
    const { blocks } = buildContextContent({ path: 'src/a.ts', language: 'ts', selection: { text: 'x', startLine: 4, endLine: 9 } }, '', { fileMaxChars: 0 });
    appendUserTurn(c, { content: blocks });
    assert.equal(titleForConversation(c), 'src/a.ts:4-9');
  });
});
