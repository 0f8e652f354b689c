import assert from 'node:assert/strict';
import { buildContextContent, isContextBlock, parseContextHeader } from '../../../src/common/conversation/contextBlocks';

const FILE = 'import x from "y";\n\nfunction a() {\n  return 1;\n}\n';

describe('context blocks', () => {
  it('puts the file first, the selection second and the question last, as plain text blocks', () => {
    const { blocks, chips } = buildContextContent(
      { path: 'src/a.ts', language: 'typescript', selection: { text: 'function a() {\n  return 1;\n}', startLine: 3, endLine: 5 }, fileText: FILE },
      'What does this do?',
      { fileMaxChars: 1000 },
    );
    assert.equal(blocks.length, 3);
    assert.equal(blocks[0]?.text, `<file path="src/a.ts" language="typescript" lines="1-5">\n${FILE}\n</file>`);
    assert.equal(blocks[1]?.text, '<selection path="src/a.ts" language="typescript" lines="3-5">\nfunction a() {\n  return 1;\n}\n</selection>');
    assert.deepEqual(blocks[2], { type: 'text', text: 'What does this do?' });
    // Context blocks carry the editorContext mark (the request builder strips it and caches them);
    // the question is a plain text block.
    assert.deepEqual(Object.keys(blocks[0]!).sort(), ['editorContext', 'text', 'type']);
    assert.deepEqual(Object.keys(blocks[1]!).sort(), ['editorContext', 'text', 'type']);
    assert.deepEqual(Object.keys(blocks[2]!).sort(), ['text', 'type']);
    assert.deepEqual(
      chips.map((c) => c.label),
      ['src/a.ts', 'src/a.ts:3-5'],
    );
    assert.equal(chips[1]?.text, 'function a() {\n  return 1;\n}');
  });

  it('recognises context blocks by their header, also after a JSON round trip', () => {
    const { blocks } = buildContextContent(
      { path: 'src/a.ts', language: 'typescript', selection: { text: 'x', startLine: 1, endLine: 1 }, fileText: FILE },
      'Q',
      { fileMaxChars: 1000 },
    );
    const stored = JSON.parse(JSON.stringify(blocks)) as typeof blocks;
    assert.deepEqual(stored.map(isContextBlock), [true, true, false]);
    assert.equal(isContextBlock({ type: 'text', text: 'Just a question about <selection>' }), false);
    assert.equal(isContextBlock({ type: 'tool_result', tool_use_id: 't', content: '<file path="a" language="b" lines="1-2">\n' }), false);
  });

  it('leaves the file out when it is over the limit, when the limit is 0, or when it is the selection', () => {
    const selection = { text: 'x', startLine: 1, endLine: 1 };
    const over = buildContextContent({ path: 'a.ts', language: 'ts', selection, fileText: FILE }, 'Q', { fileMaxChars: FILE.length - 1 });
    assert.equal(over.blocks.length, 2);
    assert.equal(parseContextHeader(over.blocks[0]?.text ?? '')?.kind, 'selection');
    const fits = buildContextContent({ path: 'a.ts', language: 'ts', selection, fileText: FILE }, 'Q', { fileMaxChars: FILE.length });
    assert.equal(fits.blocks.length, 3);
    const off = buildContextContent({ path: 'a.ts', language: 'ts', selection, fileText: FILE }, 'Q', { fileMaxChars: 0 });
    assert.equal(off.blocks.length, 2);
    const whole = buildContextContent({ path: 'a.ts', language: 'ts', selection: { text: FILE, startLine: 1, endLine: 5 }, fileText: FILE }, 'Q', { fileMaxChars: 1000 });
    assert.equal(whole.blocks.length, 2);
  });

  it('omits a blank question rather than send an empty text block', () => {
    const { blocks } = buildContextContent({ path: 'a.ts', language: 'ts', selection: { text: 'x', startLine: 1, endLine: 1 } }, '  ', { fileMaxChars: 10 });
    assert.equal(blocks.length, 1);
  });

  it('escapes quotes in paths so the header still parses', () => {
    const { blocks } = buildContextContent({ path: 'odd "name" & <x>.ts', language: 'typescript', selection: { text: 'x', startLine: 2, endLine: 4 } }, 'Q', { fileMaxChars: 0 });
    const header = parseContextHeader(blocks[0]?.text ?? '');
    assert.deepEqual(header, { kind: 'selection', path: 'odd "name" & <x>.ts', language: 'typescript', startLine: 2, endLine: 4 });
  });
});
