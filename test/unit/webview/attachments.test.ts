import * as assert from 'node:assert/strict';
import type { AttachmentChip } from '../../../src/common/protocol';
import { ADD_CONTEXT_TITLE } from '../../../src/webview/render/composer';
import { allAttributes, chatState, openPage, userTurn } from './harness';
import type { Page } from './harness';

/** A 1×1 PNG as the host would send it for a thumbnail. */
const THUMB = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg==';

const textChip: AttachmentChip = { id: 'att-1', kind: 'text', name: 'util.ts', path: 'src/util.ts', detail: 'TypeScript · 2.1 KB' };
const imageChip: AttachmentChip = { id: 'att-2', kind: 'image', name: 'shot.png', detail: '2576×1932 · 812 KB', thumbnail: THUMB, note: 'Downscaled from 4000×3000 to 2576×1932 before sending.' };
const pdfChip: AttachmentChip = { id: 'att-3', kind: 'document', name: 'spec.pdf', path: 'docs/spec.pdf', detail: 'PDF · 12 pages' };

function chips(page: Page, within = '.composer'): HTMLElement[] {
  return page.$$(`${within} [data-testid="attachment"]`);
}

/** Lets pending promise callbacks (file reads) run; resolves once `done` holds (or after a bounded number of turns). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('webview attachments: composer chips', () => {
  it('renders the pending attachments from init and from `attachments`, with kind, name, detail, thumbnail and note', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ attachments: [textChip] }) });
    assert.deepEqual(chips(page).map((c) => c.getAttribute('data-kind')), ['text']);
    page.send({ type: 'attachments', items: [textChip, imageChip, pdfChip] });
    const [text, image, pdf] = chips(page);
    assert.deepEqual(chips(page).map((c) => c.getAttribute('data-kind')), ['text', 'image', 'document']);
    assert.equal(text?.querySelector('.attachment-name')?.textContent, 'util.ts');
    assert.equal(text?.querySelector('.attachment-detail')?.textContent, 'TypeScript · 2.1 KB');
    assert.match(text?.title ?? '', /^src\/util\.ts\n/, 'the tooltip names the path');
    assert.equal(text?.querySelector('img'), null, 'no thumbnail for a text file');
    assert.equal(image?.querySelector('img.attachment-thumb')?.getAttribute('src'), THUMB);
    assert.equal(image?.querySelector('[data-testid="attachment-note"]')?.textContent, imageChip.note, 'the downscale is said on the chip');
    assert.equal(pdf?.querySelector('.attachment-open')?.getAttribute('aria-label'), 'Open spec.pdf (document, PDF · 12 pages)');
    page.send({ type: 'attachments', items: [] });
    assert.equal(chips(page).length, 0);
    assert.equal(page.$('.composer-attachments')?.hidden, true);
  });

  it('shows only base64 image data URLs as thumbnails (never a remote or script URL)', () => {
    const page = openPage();
    const bad = ['https://example.com/x.png', 'javascript:alert(1)', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html;base64,PGI+'];
    page.send({ type: 'init', state: chatState({ attachments: bad.map((thumbnail, i) => ({ ...imageChip, id: `b${i}`, thumbnail })) }) });
    assert.equal(chips(page).length, bad.length);
    assert.equal(page.$$('.composer img').length, 0);
  });

  it('removes with a labelled button (removeAttachment) and opens on click or Enter (openAttachment); focus stays in the composer', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ attachments: [textChip, imageChip, pdfChip] }) });
    const remove = chips(page)[1]?.querySelector<HTMLButtonElement>('.attachment-remove');
    assert.ok(remove);
    assert.equal(remove.getAttribute('aria-label'), 'Remove shot.png');
    assert.equal(remove.tagName, 'BUTTON', 'a button: reachable with Tab, pressed with Enter or Space');
    remove.focus();
    remove.click();
    assert.deepEqual(page.api.of('removeAttachment'), [{ type: 'removeAttachment', id: 'att-2' }]);
    page.send({ type: 'attachments', items: [textChip, pdfChip] });
    assert.equal(page.doc.activeElement?.getAttribute('data-attachment-id'), 'att-3', 'focus moves to the chip now in its place');
    page.send({ type: 'attachments', items: [textChip] });
    assert.equal(page.doc.activeElement?.getAttribute('data-attachment-id'), 'att-1');
    page.send({ type: 'attachments', items: [] });
    assert.equal(page.doc.activeElement, page.$('[data-testid="prompt"]'), 'then to the prompt');

    page.send({ type: 'attachments', items: [pdfChip] });
    chips(page)[0]?.querySelector<HTMLButtonElement>('.attachment-open')?.click();
    assert.deepEqual(page.api.of('openAttachment'), [{ type: 'openAttachment', id: 'att-3' }]);
  });

  it('has an Add context button that asks the host for its file picker, and says how else to attach', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const button = page.$<HTMLButtonElement>('[data-testid="add-context"]');
    assert.ok(button);
    assert.match(button.getAttribute('aria-label') ?? '', /Add context/);
    assert.equal(button.title, ADD_CONTEXT_TITLE);
    assert.match(ADD_CONTEXT_TITLE, /Add File to Chat/);
    assert.match(ADD_CONTEXT_TITLE, /Shift/, 'drops need Shift in VS Code');
    button.click();
    assert.deepEqual(page.api.of('pickFiles'), [{ type: 'pickFiles' }]);
  });
});

describe('webview attachments: sent user turns', () => {
  it('shows the turn’s attachments as chips without a remove button, and never its base64 blocks', () => {
    const page = openPage();
    const base64 = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=';
    const turn = userTurn('u1', 'What is in these?', {
      attachments: [imageChip, pdfChip],
      blocks: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: base64 } },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64 }, title: 'spec.pdf' },
        { type: 'text', text: 'What is in these?' },
      ],
    });
    page.send({ type: 'init', state: chatState({ turns: [turn] }) });
    const message = page.$('[data-testid="message"][data-role="user"]');
    assert.ok(message);
    assert.deepEqual(chips(page, '[data-testid="message"]').map((c) => c.getAttribute('data-kind')), ['image', 'document']);
    assert.equal(message.querySelectorAll('.attachment-remove').length, 0);
    assert.equal(message.querySelectorAll('[data-block-type="image"], [data-block-type="document"]').length, 0);
    assert.equal(message.querySelector('[data-block-type="text"]')?.textContent, 'What is in these?');
    assert.ok(!(message.textContent ?? '').includes(base64), 'no base64 in the text');
    assert.ok(!allAttributes(message).some((a) => a.value.includes(base64)), 'nor in an attribute');
    message.querySelector<HTMLButtonElement>('.attachment-open')?.click();
    assert.deepEqual(page.api.of('openAttachment'), [{ type: 'openAttachment', id: 'att-2' }]);
  });

  it('without attachment chips, an image block is a short note, not its data', () => {
    const page = openPage();
    const data = 'WldYWVpXWFla';
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'x', { blocks: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }] })] }) });
    const message = page.$('[data-testid="message"]');
    assert.equal(message?.querySelector('[data-block-type="image"]')?.textContent, 'Attached image');
    assert.ok(!(message?.innerHTML ?? '').includes(data));
  });
});

describe('webview attachments: paste and drop', () => {
  /** The page with `Blob.arrayBuffer`, which browsers have and jsdom lacks (read through jsdom's FileReader). */
  function pageWithBlobs(): Page {
    const page = openPage();
    const win = page.win;
    Object.defineProperty(win.Blob.prototype, 'arrayBuffer', {
      configurable: true,
      value(this: Blob): Promise<ArrayBuffer> {
        return new Promise((resolve, reject) => {
          const reader = new win.FileReader();
          reader.onload = () => resolve(reader.result as ArrayBuffer);
          reader.onerror = () => reject(reader.error);
          reader.readAsArrayBuffer(this);
        });
      },
    });
    return page;
  }

  function pasteEvent(page: Page, files: File[], text = ''): Event {
    const event = new page.win.Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { files, getData: (type: string) => (type === 'text/plain' ? text : '') } });
    return event;
  }

  function dropEvent(page: Page, data: Record<string, string>, files: File[] = []): Event {
    const event = new page.win.Event('drop', { bubbles: true, cancelable: true });
    const types = [...Object.keys(data), ...(files.length > 0 ? ['Files'] : [])];
    Object.defineProperty(event, 'dataTransfer', { value: { types, files, getData: (type: string) => data[type] ?? '' } });
    return event;
  }

  it('attaches a pasted image as base64 under a readable name; text on the clipboard wins', async () => {
    const page = pageWithBlobs();
    page.send({ type: 'init', state: chatState() });
    const prompt = page.$<HTMLTextAreaElement>('[data-testid="prompt"]')!;
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const withText = pasteEvent(page, [new page.win.File([bytes], 'image.png', { type: 'image/png' })], 'A1\tB1');
    assert.equal(prompt.dispatchEvent(withText), true, 'text and a picture of it: the text is pasted');
    const event = pasteEvent(page, [new page.win.File([bytes], 'image.png', { type: 'image/png' })]);
    assert.equal(prompt.dispatchEvent(event), false, 'the paste is taken');
    await settle(() => page.api.of('attachData').length > 0);
    const [sent] = page.api.of('attachData');
    assert.ok(sent);
    assert.equal(sent.mediaType, 'image/png');
    assert.equal(sent.base64, Buffer.from(bytes).toString('base64'));
    assert.match(sent.name, /^Pasted image \d\d\.\d\d\.\d\d\.png$/);
    assert.equal(sent.note, undefined, 'a small image is sent as it is');
  });

  it('sends VS Code drops as URIs (the richest list) and OS drops as bytes', async () => {
    const page = pageWithBlobs();
    page.send({ type: 'init', state: chatState() });
    const fromExplorer = dropEvent(page, {
      'text/uri-list': 'file:///ws/a.ts',
      'application/vnd.code.uri-list': 'file:///ws/a.ts\r\nfile:///ws/b.png',
    });
    assert.equal(page.$('[data-testid="messages"]')!.dispatchEvent(fromExplorer), false);
    assert.deepEqual(page.api.of('attachUris'), [{ type: 'attachUris', uris: ['file:///ws/a.ts', 'file:///ws/b.png'] }]);

    const pdf = new page.win.File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'spec.pdf', { type: 'application/pdf' });
    // A file manager adds the file's own URI, which names the user's machine: the bytes are what counts.
    page.$('[data-testid="prompt"]')!.dispatchEvent(dropEvent(page, { 'text/uri-list': 'file:///home/me/spec.pdf' }, [pdf]));
    await settle(() => page.api.of('attachData').length > 0);
    assert.deepEqual(page.api.of('attachData'), [{ type: 'attachData', name: 'spec.pdf', mediaType: 'application/pdf', base64: 'JVBERg==' }]);
    assert.equal(page.api.of('attachUris').length, 1, 'no URI sent for the OS drop');
    assert.equal(page.$('.chat')?.classList.contains('dragging'), false, 'the drop hint is gone');
  });

  it('shows where a drag will go while files are over the view, and only for files', () => {
    const page = pageWithBlobs();
    page.send({ type: 'init', state: chatState() });
    const drag = (type: string, types: string[]): boolean => {
      const event = new page.win.Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { types, files: [], dropEffect: 'none', getData: () => '' } });
      return page.$('[data-testid="messages"]')!.dispatchEvent(event);
    };
    const root = page.$('.chat')!;
    drag('dragenter', ['text/plain']);
    assert.equal(root.classList.contains('dragging'), false, 'dragged text is not an attachment');
    assert.equal(drag('dragover', ['text/plain']), true, 'and is left alone');
    drag('dragenter', ['Files']);
    assert.equal(root.classList.contains('dragging'), true);
    assert.equal(drag('dragover', ['Files']), false, 'a file drag is taken (so it can be dropped here)');
    drag('dragleave', ['Files']);
    assert.equal(root.classList.contains('dragging'), false);
  });

  it('refuses a file over the 32 MB request limit itself, saying the size and the limit', async () => {
    const page = pageWithBlobs();
    page.send({ type: 'init', state: chatState() });
    const huge = new page.win.File([new Uint8Array(1)], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(huge, 'size', { value: 40 * 1024 * 1024 });
    page.$('[data-testid="prompt"]')!.dispatchEvent(dropEvent(page, {}, [huge]));
    await settle(() => page.$$('.notice').length > 0);
    assert.match(page.$('.notice')?.textContent ?? '', /video\.mp4 is 40 MB; a request to the API can carry at most 32 MB/);
    assert.equal(page.api.of('attachData').length, 0);
  });
});
