/**
 * Attachments and two windows together: a conversation whose image is stored once in the file's
 * blob table (blobs.ts) goes through another window's merge (storeMerge.ts) and comes back with
 * every turn and the same image bytes, still stored once.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import type { Conversation } from '../../../src/common/conversation/model';
import { ConversationStore } from '../../../src/common/conversation/store';

const IMAGE = Buffer.alloc(6000, 7).toString('base64');

function withImage(): Conversation {
  const c = createConversation({ model: 'claude-sonnet-5-5', id: 'img', title: 'Image', now: 1 });
  appendUserTurn(c, {
    content: [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: IMAGE } },
      { type: 'text', text: 'What is in it?' },
    ],
    id: 'u0',
    now: 2,
  });
  return c;
}

/** The base64 data of every image block, in order (read as plain records: blocks are an open union). */
function imageData(c: Conversation | undefined): string[] {
  const blocks = (c?.turns ?? []).flatMap((t) => t.content as unknown as Array<{ type: string; source?: { data?: string } }>);
  return blocks.filter((b) => b.type === 'image').map((b) => b.source?.data ?? '');
}

describe('ConversationStore: attachments stored once, through a two-window merge', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-blobs-windows-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps both windows\' turns and the image bytes, once in the file', async () => {
    const options = (writerId: string) => ({ onWarning: () => undefined, writerId, newId: () => `new-${writerId}` });
    const a = new ConversationStore(dir, fs, options('A'));
    const b = new ConversationStore(dir, fs, options('B'));
    await a.save(withImage());
    const inA = await a.load('img');
    const inB = await b.load('img');
    assert.ok(inA && inB);
    assert.deepEqual(imageData(inB), [IMAGE], 'the other window reads the image back from the blob table');
    // The same image again in a later question, from each window.
    appendUserTurn(inA, { content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: IMAGE } }, { type: 'text', text: 'from A' }], id: 'ua', now: 10 });
    appendUserTurn(inB, { content: [{ type: 'text', text: 'from B' }], id: 'ub', now: 11 });
    await a.save(inA);
    assert.deepEqual(await b.save(inB), { id: 'img', change: 'merged' });

    const text = await fs.readFile(path.join(dir, 'img.json'), 'utf8');
    assert.equal(text.split(IMAGE).length - 1, 1, 'the image bytes are in the file once, though two turns hold the image');
    const reread = await new ConversationStore(dir, fs, options('C')).load('img');
    assert.deepEqual(reread?.turns.map((t) => t.id), ['u0', 'ua', 'ub']);
    assert.deepEqual(imageData(reread), [IMAGE, IMAGE], 'both turns send the same bytes after the merge');
  });
});
