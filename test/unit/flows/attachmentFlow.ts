/**
 * Attachments: a text file, a PNG and a PDF attached to a message, sent through the real builder
 * and client to the strict server (which checks media types, base64 and bytes), then a follow-up
 * that reads them from the server's cache simulation.
 */
import * as assert from 'node:assert/strict';
import { buildAttachment } from '../../../src/common/attachments/build';
import type { Attachment } from '../../../src/common/attachments/types';
import { pdf, png } from '../attachments/images';
import { assertAnswered, blocksOf, cacheMarkers, sentBody } from './checks';
import type { Flow, RawSettings } from './world';

function attach(id: string, name: string, bytes: Uint8Array, path: string): Attachment {
  const result = buildAttachment(id, { name, path, bytes }, { maxBytes: 10 * 1024 * 1024, maxChars: 60_000, citations: true });
  if (!result.ok) throw new Error(result.message);
  return result.attachment;
}

export const attachmentFlow: Flow = {
  id: 'attachments',
  name: 'attachments: a text file, a PNG and a PDF as blocks, then a follow-up reading them from the cache',
  requests: 2,
  async run(world) {
    const raw: RawSettings = { cacheTtl: '5m' };
    const h = await world.chat({ settings: raw });
    world.server.enqueue(world.answer(raw, 'Three attachments.', 'A file, a picture and a report.'), world.answer(raw, 'Page two.', 'Page two says more.'));
    h.session.attachments.add([
      attach('f', 'util.ts', Buffer.from('export const one = 1;\n'), 'src/util.ts'),
      attach('i', 'shot.png', png(64, 48, 100), 'img/shot.png'),
      attach('d', 'report.pdf', pdf(3), 'docs/report.pdf'),
    ]);
    await h.session.send('What are these?');
    await h.session.send('And page two?');
    assertAnswered(h, 'Page two says more.');
    const first = sentBody(world.server, 0);
    const sent = blocksOf(first.messages[0]);
    assert.deepEqual(sent.map((b) => b.type), ['text', 'image', 'document', 'text']);
    assert.deepEqual(sent.map((b) => (b['source'] as { media_type?: string } | undefined)?.media_type), [undefined, 'image/png', 'application/pdf', undefined]);
    assert.ok(sent.every((b) => !('editorContext' in b)), "the extension's own mark is never sent");
    assert.ok(cacheMarkers(first).length <= 4 && cacheMarkers(sentBody(world.server, 1)).length <= 4);
    const followUp = world.server.replies[1]?.usage;
    assert.ok((followUp?.cache_read_input_tokens ?? 0) >= 3 * 1500, `the follow-up reads the attachments from the cache: ${JSON.stringify(followUp)}`);
  },
};
