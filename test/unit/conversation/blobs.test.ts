import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MIN_BLOB_CHARS } from '../../../src/common/conversation/blobs';
import type { Conversation, UserTurn } from '../../../src/common/conversation/model';
import { conversationToJson } from '../../../src/common/conversation/export';
import { BLOB_FILE_VERSION, ConversationFormatError, parseConversation, serializeConversation } from '../../../src/common/conversation/serialization';

function imageTurn(id: string, data: string, question: string): UserTurn {
  return {
    id,
    role: 'user',
    createdAt: 1,
    content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data }, editorContext: true }, { type: 'text', text: question }],
    attachments: [{ id: `a-${id}`, kind: 'image', name: 'shot.png', detail: 'PNG' }],
  };
}

function withTwoTurnsOfOneImage(): { conversation: Conversation; data: string } {
  const data = Buffer.alloc(6000, 7).toString('base64');
  const reply = { id: 'r', role: 'assistant' as const, createdAt: 2, status: 'done' as const, model: 'm', stopReason: 'end_turn' as const, content: [{ type: 'text' as const, text: 'ok' }] };
  return { data, conversation: { id: 'c', title: 't', model: 'm', createdAt: 0, updatedAt: 0, turns: [imageTurn('u1', data, 'What is this?'), reply, imageTurn('u2', data, 'And again?')] } };
}

describe('conversation files: attachment payloads stored once', () => {
  it('stores an image sent in two turns once, keyed by its SHA-256, and reads it back exactly', () => {
    const { conversation, data } = withTwoTurnsOfOneImage();
    const text = serializeConversation(conversation);
    assert.equal(text.split(data).length - 1, 1, 'the base64 appears once in the file');
    const file = JSON.parse(text) as { version: number; blobs: Record<string, string> };
    assert.equal(file.version, BLOB_FILE_VERSION);
    const hash = createHash('sha256').update(data).digest('hex');
    assert.deepEqual(Object.keys(file.blobs), [hash]);
    assert.deepEqual(parseConversation(text), conversation);
  });

  it('keeps small payloads inline and writes no table for them', () => {
    const small = 'iVBORw0KGgo=';
    assert.ok(small.length < MIN_BLOB_CHARS);
    const c: Conversation = { id: 'c', title: 't', model: 'm', createdAt: 0, updatedAt: 0, turns: [imageTurn('u1', small, 'q')] };
    const file = JSON.parse(serializeConversation(c)) as { version: number; blobs?: unknown };
    assert.equal(file.version, 1);
    assert.equal(file.blobs, undefined);
  });

  it('refuses a file whose blob is missing instead of sending an image without data', () => {
    const { conversation } = withTwoTurnsOfOneImage();
    const file = JSON.parse(serializeConversation(conversation)) as { blobs: Record<string, string> };
    file.blobs = {};
    assert.throws(() => parseConversation(JSON.stringify(file)), ConversationFormatError);
  });

  it('exports JSON with every block whole (the data inline, no table)', () => {
    const { conversation, data } = withTwoTurnsOfOneImage();
    const json = conversationToJson(conversation);
    assert.equal(json.split(data).length - 1, 2);
    assert.equal((JSON.parse(json) as { blobs?: unknown }).blobs, undefined);
    assert.deepEqual(parseConversation(json), conversation);
  });
});

describe('conversation export: attachments in Markdown', () => {
  it('shows attachments as links to their files (a pasted one by name) and not their bytes', async () => {
    const { conversationToMarkdown } = await import('../../../src/common/conversation/export');
    const { conversation, data } = withTwoTurnsOfOneImage();
    const first = conversation.turns[0] as UserTurn;
    first.attachments = [{ id: 'x', kind: 'image', name: 'shot [1].png', path: 'img/shot [1].png', detail: '' }];
    const second = conversation.turns[2] as UserTurn;
    second.attachments = [{ id: 'y', kind: 'image', name: 'Pasted image', detail: '' }];
    const markdown = conversationToMarkdown(conversation);
    assert.ok(markdown.includes('Attached: [shot \\[1\\].png](img/shot%20%5B1%5D.png)'), markdown);
    assert.ok(markdown.includes('Attached: Pasted image'));
    assert.ok(!markdown.includes(data));
    assert.ok(!markdown.includes('image block'));
  });
});
