import assert from 'node:assert/strict';
import { buildAttachment, buildSelectionAttachment, THUMBNAIL_MAX_BYTES, type AttachLimits } from '../../../src/common/attachments/build';
import { classifyBytes } from '../../../src/common/attachments/classify';
import { readImageInfo } from '../../../src/common/attachments/imageInfo';
import type { AttachResult, Attachment } from '../../../src/common/attachments/types';
import { isContextBlock as hasContextMark } from '../../../src/common/anthropic/caching';
import { parseContextHeader } from '../../../src/common/conversation/contextBlocks';
import { BMP, TIFF, gif, jpeg, pdf, png, webpVp8x } from './images';

const LIMITS: AttachLimits = { maxBytes: 10 * 1024 * 1024, maxChars: 60_000, citations: true };

function ok(result: AttachResult): Attachment {
  if (!result.ok) assert.fail(`refused: ${result.message}`);
  return result.attachment;
}
function refused(result: AttachResult): string {
  if (result.ok) assert.fail('expected a refusal');
  return result.message;
}

describe('attachments: image headers', () => {
  it('reads type and size of PNG, JPEG, GIF and WebP from their first bytes', () => {
    assert.deepEqual(readImageInfo(png(640, 480)), { mediaType: 'image/png', width: 640, height: 480 });
    assert.deepEqual(readImageInfo(jpeg(1024, 768)), { mediaType: 'image/jpeg', width: 1024, height: 768 });
    assert.deepEqual(readImageInfo(gif(32, 16)), { mediaType: 'image/gif', width: 32, height: 16 });
    assert.deepEqual(readImageInfo(webpVp8x(9000, 10)), { mediaType: 'image/webp', width: 9000, height: 10 });
    assert.equal(readImageInfo(Buffer.from('hello')), undefined);
  });
});

describe('attachments: classifying bytes', () => {
  it('takes valid UTF-8 without NULs as text, and refuses other binary data naming the file', () => {
    assert.deepEqual(classifyBytes('a.ts', Buffer.from('const x = "é";\n')), { kind: 'text', text: 'const x = "é";\n' });
    const nul = classifyBytes('data.bin', new Uint8Array([0x61, 0, 0x62]));
    assert.equal(nul.kind, 'refused');
    assert.match(nul.kind === 'refused' ? nul.message : '', /data\.bin is a binary file that is neither an image .* nor a PDF/);
    assert.equal(classifyBytes('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])).kind, 'refused');
  });

  it('names unsupported image types (BMP, TIFF, and SVG offered as an image)', () => {
    for (const [bytes, type] of [[BMP, 'BMP'], [TIFF, 'TIFF']] as const) {
      const result = classifyBytes('pic', bytes);
      assert.equal(result.kind, 'refused');
      assert.match(result.kind === 'refused' ? result.message : '', new RegExp(`pic is a ${type} image; Claude reads PNG, JPEG, GIF and WebP`));
    }
    const svg = classifyBytes('logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), { asImage: true });
    assert.match(svg.kind === 'refused' ? svg.message : '', /logo\.svg is a SVG image/);
    // As a workspace file an SVG is its XML source, and attaches as text.
    assert.equal(classifyBytes('logo.svg', Buffer.from('<svg></svg>')).kind, 'text');
  });
});

describe('attachments: blocks per kind', () => {
  it('a text file becomes a labelled context text block (path, language, lines), marked for caching', () => {
    const a = ok(buildAttachment('a1', { name: 'util.ts', path: 'src/util.ts', bytes: Buffer.from('export const a = 1;\nexport const b = 2;\n') }, LIMITS));
    assert.equal(a.block.type, 'text');
    const text = a.block.type === 'text' ? a.block.text : '';
    assert.deepEqual(parseContextHeader(text), { kind: 'file', path: 'src/util.ts', language: 'typescript', startLine: 1, endLine: 2 });
    assert.ok(text.endsWith('export const b = 2;\n\n</file>'));
    assert.ok(hasContextMark(a.block));
    assert.deepEqual(a.chip, { id: 'a1', kind: 'text', name: 'util.ts', path: 'src/util.ts', detail: 'typescript · 2 lines' });
  });

  it('an image becomes an image block with the media type of its bytes (not of its name) and base64 data', () => {
    const bytes = png(2, 3);
    const a = ok(buildAttachment('i1', { name: 'shot.jpg', bytes }, LIMITS));
    assert.deepEqual(a.block, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from(bytes).toString('base64') }, editorContext: true });
    assert.equal(a.chip.kind, 'image');
    assert.equal(a.chip.thumbnail, `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`);
    assert.match(a.chip.detail, /^PNG · 2×3 · \d+ bytes$/);
  });

  it('gives only small images a thumbnail', () => {
    const big = ok(buildAttachment('i2', { name: 'big.png', bytes: png(100, 100, THUMBNAIL_MAX_BYTES) }, LIMITS));
    assert.equal(big.chip.thumbnail, undefined);
  });

  it('a PDF becomes a base64 document block with the file name as title and citations per the setting', () => {
    const bytes = pdf(2);
    const a = ok(buildAttachment('d1', { name: 'report.pdf', path: 'docs/report.pdf', bytes }, LIMITS));
    assert.deepEqual(a.block, {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(bytes).toString('base64') },
      title: 'report.pdf',
      citations: { enabled: true },
      editorContext: true,
    });
    const off = ok(buildAttachment('d2', { name: 'report.pdf', bytes }, { ...LIMITS, citations: false }));
    assert.deepEqual(off.block.type === 'document' ? off.block.citations : undefined, { enabled: false });
    assert.equal(a.chip.kind, 'document');
  });

  it('refuses data offered as an image that is not one, whatever media type came with it', () => {
    assert.match(refused(buildAttachment('x', { name: 'Pasted image', bytes: Buffer.from('plain text'), asImage: true }, LIMITS)), /not an image Claude can read/);
  });

  it('the selection becomes a selection context block with file, language and line range', () => {
    const a = ok(buildSelectionAttachment('s1', { path: 'src/a.ts', language: 'typescript', text: 'let x = 1;', startLine: 10, endLine: 12 }, LIMITS));
    const text = a.block.type === 'text' ? a.block.text : '';
    assert.deepEqual(parseContextHeader(text), { kind: 'selection', path: 'src/a.ts', language: 'typescript', startLine: 10, endLine: 12 });
    assert.equal(a.chip.name, 'a.ts:10-12');
    assert.equal(a.chip.kind, 'text');
  });
});

describe('attachments: limits', () => {
  it('refuses a file over attachmentMaxBytes, saying the size and the limit', () => {
    const message = refused(buildAttachment('x', { name: 'huge.log', bytes: new Uint8Array(3 * 1024 * 1024).fill(0x61) }, { ...LIMITS, maxBytes: 2 * 1024 * 1024 }));
    assert.equal(message, 'huge.log is too large to attach: 3.0 MB, and the limit is 2.0 MB (claudeMessages.attachmentMaxBytes).');
  });

  it('refuses a text file over contextFileMaxChars, saying both numbers', () => {
    const message = refused(buildAttachment('x', { name: 'long.md', bytes: Buffer.from('a'.repeat(1200)) }, { ...LIMITS, maxChars: 1000 }));
    assert.match(message, /long\.md is too long to attach: 1,200 characters, and the limit is 1,000 \(claudeMessages\.contextFileMaxChars\)/);
  });

  it('refuses images over the API limits: 5 MB and 8000 px per side', () => {
    assert.match(refused(buildAttachment('x', { name: 'wide.png', bytes: png(8001, 10) }, LIMITS)), /wide\.png is 8001 × 10 pixels; the API takes images up to 8000 pixels on each side/);
    assert.match(refused(buildAttachment('x', { name: 'heavy.png', bytes: png(100, 100, 5 * 1024 * 1024) }, LIMITS)), /heavy\.png is too large for Claude: 5\.0 MB, and the API takes images up to 5\.0 MB/);
    ok(buildAttachment('x', { name: 'edge.png', bytes: png(8000, 8000) }, LIMITS));
  });
});
