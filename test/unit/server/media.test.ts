import * as assert from 'node:assert/strict';
import { countPromptTokens } from '../../server/server';
import { pdf, png } from '../attachments/images';
import { GOOD_HEADERS, deltaUsage, messagesBody, post, startUsage, streamEvents, useServer } from './helpers';

const CC = { type: 'ephemeral' } as const;

function imageBlock(bytes: Uint8Array, cached = false): Record<string, unknown> {
  return { type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from(bytes).toString('base64') }, ...(cached ? { cache_control: CC } : {}) };
}
function pdfBlock(pages: number, cached = false): Record<string, unknown> {
  return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(pdf(pages)).toString('base64') }, title: 'r.pdf', ...(cached ? { cache_control: CC } : {}) };
}

describe('test server: images and documents', () => {
  const server = useServer();

  it('counts an image by its pixels and a PDF by its pages, not by the length of their base64', async () => {
    const small = countPromptTokens(messagesBody('', { messages: [{ role: 'user', content: [imageBlock(png(75, 100, 200_000)), { type: 'text', text: 'Hi' }] }] }));
    assert.ok(small > 10 && small < 100, `a 7,500-pixel image is about 10 tokens, not 70,000 (got ${small})`);
    const big = countPromptTokens(messagesBody('', { messages: [{ role: 'user', content: [imageBlock(png(4000, 4000)), { type: 'text', text: 'Hi' }] }] }));
    assert.ok(big >= 1600 && big < 1700, `a large image is capped near 1,600 tokens (got ${big})`);
    const twoPages = countPromptTokens(messagesBody('', { messages: [{ role: 'user', content: [pdfBlock(2), { type: 'text', text: 'Hi' }] }] }));
    const fourPages = countPromptTokens(messagesBody('', { messages: [{ role: 'user', content: [pdfBlock(4), { type: 'text', text: 'Hi' }] }] }));
    assert.ok(fourPages - twoPages >= 2 * 1000, 'each page adds its tokens');
    const counted = await post(server(), '/v1/messages/count_tokens', { model: 'claude-sonnet-5', messages: [{ role: 'user', content: [pdfBlock(2), { type: 'text', text: 'Hi' }] }] });
    assert.deepEqual(await counted.json(), { input_tokens: twoPages });
  });

  it('a follow-up reads the attachments from the cache', async () => {
    const first = [{ role: 'user', content: [imageBlock(png(400, 300)), pdfBlock(3, true), { type: 'text', text: 'Summarise', cache_control: CC }] }];
    await streamEvents(server(), messagesBody('', { messages: first }));
    const followUp = [...first, { role: 'assistant', content: [{ type: 'text', text: 'It is a report.' }] }, { role: 'user', content: [{ type: 'text', text: 'More?', cache_control: CC }] }];
    const events = await streamEvents(server(), messagesBody('', { messages: followUp }));
    const start = startUsage(events);
    assert.equal(deltaUsage(events).cache_read_input_tokens, start.cache_read_input_tokens);
    assert.ok((start.cache_read_input_tokens as number) >= 3 * 1500, `the PDF's pages are read from the cache (${String(start.cache_read_input_tokens)})`);
    assert.deepEqual(server().refused, []);
  });

  it('answers a body over 32 MB with 413 request_too_large, as the API edge does, and records it', async () => {
    const huge = messagesBody('x'.repeat(32 * 1024 * 1024 + 1));
    const response = await post(server(), '/v1/messages', huge, GOOD_HEADERS);
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), { error: { type: 'request_too_large', message: 'Request exceeds the maximum size' } });
    assert.deepEqual(server().takeRefused().map((r) => [r.rule, r.status]), [['request-too-large', 413]]);
  });
});
