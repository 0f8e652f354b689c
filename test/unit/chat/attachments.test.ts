import assert from 'node:assert/strict';
import { buildMessagesRequest } from '../../../src/common/anthropic/request';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import type { MessageParam, MessagesRequest } from '../../../src/common/anthropic/types';
import { buildAttachment, type AttachLimits } from '../../../src/common/attachments/build';
import type { Attachment } from '../../../src/common/attachments/types';
import type { RequestBuilder } from '../../../src/common/chat/ports';
import { plainSettings } from '../anthropic/requestFixtures';
import { pdf, png } from '../attachments/images';
import { harnessesRemovedAfterEach, replay, textReply } from './fakes';

const LIMITS: AttachLimits = { maxBytes: 10 * 1024 * 1024, maxChars: 60_000, citations: true };

function attachment(id: string, name: string, bytes: Uint8Array, path?: string): Attachment {
  const result = buildAttachment(id, { name, bytes, ...(path ? { path } : {}) }, LIMITS);
  if (!result.ok) throw new Error(result.message);
  return result.attachment;
}

function threeAttachments(): Attachment[] {
  return [
    attachment('f1', 'util.ts', Buffer.from('export const one = 1;\n'), 'src/util.ts'),
    // Over the thumbnail size, so its bytes have no reason to reach the view.
    attachment('i1', 'shot.png', png(64, 48, 20_000), 'img/shot.png'),
    attachment('d1', 'report.pdf', pdf(2), 'docs/report.pdf'),
  ];
}

/** The real builder: system prompt, 5-minute caching, the model's real rules. */
const realBuilder: RequestBuilder = (messages, tools, carried) => {
  const settings = plainSettings({ cacheTtl: '5m', system: 'You are terse.' });
  return buildMessagesRequest({ settings, capabilities: capabilitiesFor(settings.model), messages, tools, container: carried?.container });
};

function markers(body: MessagesRequest): number {
  return (JSON.stringify(body).match(/"cache_control"/g) ?? []).length;
}

/** The messages without cache markers (what the cache compares). */
function unmarked(messages: readonly MessageParam[]): unknown {
  return JSON.parse(JSON.stringify(messages, (key, value: unknown) => (key === 'cache_control' ? undefined : value))) as unknown;
}

describe('ChatSession: attachments', () => {
  const make = harnessesRemovedAfterEach();

  it('holds pending attachments in its state and posts the list when it changes', async () => {
    const h = await make();
    const [file, image] = threeAttachments();
    h.session.attachments.add([file!, image!]);
    assert.deepEqual(h.session.state().attachments.map((c) => c.id), ['f1', 'i1']);
    h.session.attachments.remove('f1');
    assert.deepEqual(h.of('attachments').map((m) => m.items.map((c) => c.id)), [['f1', 'i1'], ['i1']]);
  });

  it('keeps one attachment per file (attaching it again replaces it) but every paste', async () => {
    const h = await make();
    const [file] = threeAttachments();
    const again = attachment('f2', 'util.ts', Buffer.from('export const one = 2;\n'), 'src/util.ts');
    const paste = (id: string): Attachment => attachment(id, 'Pasted image', png(4, 4));
    h.session.attachments.add([file!, paste('p1')]);
    h.session.attachments.add([again, paste('p2')]);
    assert.deepEqual(h.session.state().attachments.map((c) => c.id), ['f2', 'p1', 'p2']);
  });

  it('sends the attachments as blocks before the question, clears them, and shows chips instead of bytes', async () => {
    const h = await make({ scripts: [replay(textReply(['ok']))] });
    h.session.attachments.add(threeAttachments());
    await h.session.send('What do these say?');
    const sent = h.client.requests[0]?.messages[0]?.content as Array<{ type: string; source?: { media_type: string } }>;
    assert.deepEqual(sent.map((b) => b.type), ['text', 'image', 'document', 'text']);
    assert.equal(sent[1]?.source?.media_type, 'image/png');
    assert.equal(sent[2]?.source?.media_type, 'application/pdf');
    assert.deepEqual(h.of('attachments').at(-1)?.items, [], 'sent attachments leave the composer');
    const user = h.of('turnAdded')[0]?.turn;
    assert.deepEqual(user?.attachments?.map((c) => c.kind), ['text', 'image', 'document']);
    assert.deepEqual(user?.blocks, [{ type: 'text', text: 'What do these say?' }], 'no base64 reaches the view');
    assert.ok(!JSON.stringify(h.posts).includes((sent[1] as unknown as { source: { data: string } }).source.data));
  });

  it('caches the attachments with at most 4 markers, and the follow-up reads the same prefix', async () => {
    const h = await make({ scripts: [replay(textReply(['first'])), replay(textReply(['second']))], buildRequest: realBuilder });
    h.session.attachments.add(threeAttachments());
    await h.session.send('Summarise');
    await h.session.send('And the PDF?');
    const [first, second] = h.client.requests as [MessagesRequest, MessagesRequest];
    assert.ok(markers(first) <= 4 && markers(second) <= 4, `${markers(first)} and ${markers(second)} markers`);
    const firstTurn = first.messages[0]?.content as Array<{ type: string; cache_control?: unknown }>;
    assert.ok(firstTurn.slice(0, 3).some((b) => b.cache_control), 'an attachment block carries a breakpoint');
    // The follow-up repeats the first request's messages exactly (markers aside) and marks the end
    // of the first turn, where the first request wrote the cache.
    assert.deepEqual(unmarked(second.messages.slice(0, first.messages.length)), unmarked(first.messages));
    const again = second.messages[0]?.content as Array<{ cache_control?: unknown }>;
    assert.ok(again.at(-1)?.cache_control, 'the previous turn end is a breakpoint');
  });

  it('refuses before sending when the model does not take images, naming the model, and keeps the attachments', async () => {
    const h = await make({ inputSupport: () => ({ model: 'claude-text-only', images: false, pdfs: true }) });
    h.session.attachments.add(threeAttachments());
    await h.session.send('Look');
    assert.equal(h.client.requests.length, 0);
    assert.match(h.of('notice').at(-1)?.message ?? '', /claude-text-only does not take images/);
    assert.equal(h.of('notice').at(-1)?.level, 'warning');
    assert.equal(h.session.state().attachments.length, 3);
    assert.equal(h.session.state().turns.length, 0);
  });

  it('refuses PDFs for a model without PDF input, and says the text is kept', async () => {
    const h = await make({ inputSupport: () => ({ model: 'claude-no-pdf', images: true, pdfs: false }) });
    h.session.attachments.add(threeAttachments());
    await h.session.send('Read');
    assert.equal(h.client.requests.length, 0);
    assert.match(h.of('notice').at(-1)?.message ?? '', /claude-no-pdf does not take PDF documents\. .* Your text is kept/);
  });

  it('refuses a request over 32 MB before sending, with the size and the limit', async () => {
    const h = await make();
    const data = 'A'.repeat(33 * 1024 * 1024);
    h.session.attachments.add([{ chip: { id: 'big', kind: 'image', name: 'big.png', detail: '' }, block: { type: 'image', source: { type: 'base64', media_type: 'image/png', data } } }]);
    await h.session.send('Too much');
    assert.equal(h.client.requests.length, 0);
    assert.match(h.of('notice').at(-1)?.message ?? '', /the request would be 33\.0 MB, and the API takes at most 32\.0 MB/);
  });

  it('restores a conversation with its chips, and sends the same bytes after a reload', async () => {
    const h = await make({ scripts: [replay(textReply(['first']))], buildRequest: realBuilder });
    h.session.attachments.add(threeAttachments());
    await h.session.send('Summarise');
    const reloaded = await make({ dir: h.dir, idPrefix: 'r', scripts: [replay(textReply(['second']))], buildRequest: realBuilder });
    await reloaded.session.restore();
    assert.deepEqual(reloaded.session.state().turns[0]?.attachments?.map((c) => c.name), ['util.ts', 'shot.png', 'report.pdf']);
    await reloaded.session.send('More?');
    const before = h.client.requests[0] as MessagesRequest;
    const after = reloaded.client.requests[0] as MessagesRequest;
    assert.deepEqual(unmarked(after.messages.slice(0, before.messages.length)), unmarked(before.messages));
  });

  it('counts the draft as the next send would build it (attachments included)', async () => {
    const h = await make({ buildRequest: realBuilder });
    h.session.attachments.add(threeAttachments());
    const body = h.session.draftBody('draft');
    const content = body.messages.at(-1)?.content as Array<{ type: string }>;
    assert.deepEqual(content.map((b) => b.type), ['text', 'image', 'document', 'text']);
    assert.equal(body.system !== undefined, true);
  });
});
