import * as assert from 'node:assert/strict';
import { dragUris, fromVsCode, parseUriList, pastedName } from '../../../src/webview/attach/files';
import { downscaleNote, IMAGE_LIMITS, planImageScale, prepareImage, thumbnailFromDataUri } from '../../../src/webview/attach/images';
import type { ImageWindow } from '../../../src/webview/attach/images';

const MB = 1024 * 1024;

/** A stand-in for the browser's bitmap and canvas: records the sizes drawn and encodes to blobs of chosen sizes. */
function fakeWindow(bitmap: { width: number; height: number }, encodedBytes: (type: string, width: number) => number) {
  const drawn: Array<{ width: number; height: number; type: string }> = [];
  let closed = false;
  class FakeCanvas {
    constructor(readonly width: number, readonly height: number) {}
    getContext() {
      return { fillStyle: '', fillRect: () => undefined, drawImage: () => undefined, imageSmoothingQuality: 'low' };
    }
    async convertToBlob(options: { type: string }) {
      drawn.push({ width: this.width, height: this.height, type: options.type });
      return new Blob([new Uint8Array(encodedBytes(options.type, this.width))], { type: options.type });
    }
  }
  const win = {
    createImageBitmap: async () => ({ ...bitmap, close: () => (closed = true) }),
    OffscreenCanvas: FakeCanvas,
    btoa: (data: string) => Buffer.from(data, 'binary').toString('base64'),
  } as unknown as ImageWindow;
  return { win, drawn, closed: () => closed };
}

describe('webview images: downscale before sending', () => {
  it('plans: long edge down to the 2576 px the model reads, more when over 5 MB, nothing when it fits', () => {
    assert.equal(IMAGE_LIMITS.modelEdge, 2576);
    assert.deepEqual(planImageScale(4000, 3000, 2 * MB), { width: 2576, height: 1932 });
    assert.deepEqual(planImageScale(1000, 9000, 1 * MB), { width: 286, height: 2576 }, 'portrait: the long edge is the height');
    assert.equal(planImageScale(2576, 1000, 5 * MB), undefined, 'exactly at the limits: as it is');
    assert.equal(planImageScale(1920, 1080, 400_000), undefined);
    // 10 MB at 2000×2000: area scaled by 5/10, with a 10% margin: 2000 × √0.5 × 0.9 ≈ 1273.
    assert.deepEqual(planImageScale(2000, 2000, 10 * MB), { width: 1273, height: 1273 });
    // Both: 6000 px and 20 MB: the smaller of 2576/6000 (0.429) and √(5/20) × 0.9 (0.45).
    assert.deepEqual(planImageScale(6000, 3000, 20 * MB), { width: 2576, height: 1288 });
    assert.equal(planImageScale(0, 0, 1), undefined);
    assert.deepEqual(planImageScale(100_000, 1, 1), { width: 2576, height: 1 }, 'never below 1 px');
  });

  it('says what it did on the chip', () => {
    assert.equal(
      downscaleNote({ width: 4000, height: 3000 }, { width: 2576, height: 1932 }, undefined),
      'Downscaled from 4000×3000 to 2576×1932 before sending: the model reads at most 2576 px on the long edge.',
    );
    assert.equal(
      downscaleNote({ width: 2000, height: 2000 }, { width: 1273, height: 1273 }, 'image/jpeg'),
      'Downscaled from 2000×2000 to 1273×1273, as JPEG before sending: the API takes images of at most 5 MB.',
    );
  });

  it('scales a large screenshot on a canvas and notes it; sends a small one as it is', async () => {
    const large = fakeWindow({ width: 4000, height: 3000 }, () => 1000);
    const blob = new Blob([new Uint8Array(3 * MB)], { type: 'image/png' });
    const prepared = await prepareImage(large.win, blob);
    assert.deepEqual(large.drawn, [{ width: 64, height: 48, type: 'image/jpeg' }, { width: 2576, height: 1932, type: 'image/png' }], 'a 64 px thumbnail, then the image');
    assert.match(prepared.thumbnail ?? '', /^data:image\/jpeg;base64,/, 'the chip gets a preview the view drew');
    assert.equal(prepared.mediaType, 'image/png');
    assert.equal(Buffer.from(prepared.base64, 'base64').length, 1000);
    assert.match(prepared.note ?? '', /^Downscaled from 4000×3000 to 2576×1932 before sending/);
    assert.equal(large.closed(), true, 'the bitmap is released');

    const small = fakeWindow({ width: 800, height: 600 }, () => 1);
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const asIs = await prepareImage(small.win, new Blob([bytes], { type: 'image/webp' }));
    assert.deepEqual(small.drawn, [{ width: 64, height: 48, type: 'image/jpeg' }], 'only the thumbnail is drawn');
    assert.equal(asIs.mediaType, 'image/webp');
    assert.equal(asIs.base64, Buffer.from(bytes).toString('base64'), 'the bytes go as they are');
    assert.equal(asIs.note, undefined);
  });

  it('re-encodes as JPEG, then smaller, while the result is still over 5 MB; leaves other types to the host', async () => {
    const noisy = fakeWindow({ width: 2000, height: 2000 }, (type, width) => (type === 'image/png' ? 9 * MB : width > 1000 ? 6 * MB : 2 * MB));
    const prepared = await prepareImage(noisy.win, new Blob([new Uint8Array(10 * MB)], { type: 'image/png' }));
    assert.deepEqual(noisy.drawn.map((d) => `${d.width} ${d.type}`), ['64 image/jpeg', '1273 image/png', '1273 image/jpeg', '955 image/jpeg']);
    assert.equal(prepared.mediaType, 'image/jpeg');
    assert.match(prepared.note ?? '', /to 955×955, as JPEG before sending: the API takes images of at most 5 MB\.$/);

    const bmp = fakeWindow({ width: 9000, height: 9000 }, () => 1);
    const passed = await prepareImage(bmp.win, new Blob([new Uint8Array([66, 77])], { type: 'image/bmp' }));
    assert.deepEqual(bmp.drawn, [], 'an unsupported type is not touched: the host refuses it with its message');
    assert.equal(passed.mediaType, 'image/bmp');
  });
});

describe('webview drops: what a drag carries', () => {
  it('parses uri-lists (lines, comments, JSON arrays) and prefers VS Code’s own list', () => {
    assert.deepEqual(parseUriList('# comment\r\nfile:///a.ts\r\n\r\nfile:///b.ts\n'), ['file:///a.ts', 'file:///b.ts']);
    assert.deepEqual(parseUriList('["file:///a.ts", 3, "file:///c.ts"]'), ['file:///a.ts', 'file:///c.ts']);
    assert.deepEqual(parseUriList('[broken'), []);
    const data = (entries: Record<string, string>) => ({ getData: (type: string) => entries[type] ?? '' });
    assert.deepEqual(dragUris(data({ 'text/uri-list': 'file:///a.ts', 'application/vnd.code.uri-list': 'file:///a.ts\nfile:///b.ts' })), ['file:///a.ts', 'file:///b.ts']);
    assert.deepEqual(dragUris(data({ resourceurls: '["file:///r.ts"]' })), ['file:///r.ts']);
    assert.equal(fromVsCode(['text/uri-list', 'Files']), false);
    assert.equal(fromVsCode(['text/uri-list', 'application/vnd.code.uri-list']), true);
  });

  it('names pasted images by the time they were pasted', () => {
    const at = new Date(2026, 10, 27, 9, 5, 7);
    assert.equal(pastedName({ name: 'image.png', type: 'image/png' }, at), 'Pasted image 09.05.07.png');
    assert.equal(pastedName({ name: '', type: 'image/jpeg' }, at), 'Pasted image 09.05.07.jpg');
    assert.equal(pastedName({ name: 'diagram.webp', type: 'image/webp' }, at), 'diagram.webp');
  });

  it('draws the thumbnail of an image the host attached from the workspace (drawThumbnail)', async () => {
    const fake = fakeWindow({ width: 1200, height: 300 }, () => 10);
    const win = Object.assign(fake.win, { atob: (data: string) => Buffer.from(data, 'base64').toString('binary') });
    const thumbnail = await thumbnailFromDataUri(win, `data:image/png;base64,${Buffer.from([137, 80, 78, 71]).toString('base64')}`);
    assert.deepEqual(fake.drawn, [{ width: 64, height: 16, type: 'image/jpeg' }]);
    assert.match(thumbnail ?? '', /^data:image\/jpeg;base64,/);
    assert.equal(fake.closed(), true, 'the bitmap is released');
    assert.equal(await thumbnailFromDataUri(win, 'https://example.com/a.png'), undefined, 'only data URIs are drawn');
  });
});
