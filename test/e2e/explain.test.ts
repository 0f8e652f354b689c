import * as assert from 'node:assert/strict';
import type { MessagesRequest, TextBlock } from '../../src/common/anthropic/types';
import { textReply } from '../server/server';
import { lastAssistant, newChat, openChat, sendPrompt, setApiKeyThroughCommand, waitForStatus } from './chatView';
import { openFile, selectLines, writeWorkspaceFile } from './editor';
import { world } from './world';

/** A realistic module: real selections sit in files of a few thousand tokens. */
function inventoryModule(functions: number): string {
  const lines = ['// Inventory helpers.', 'export interface Item { sku: string; count: number; price: number }', ''];
  for (let i = 0; i < functions; i++) {
    lines.push(
      `export function restock${i}(items: Item[], sku: string, amount: number): Item[] {`,
      `  return items.map((item) => (item.sku === sku ? { ...item, count: item.count + amount * ${i + 1} } : item));`,
      '}',
      '',
    );
  }
  return lines.join('\n');
}

function messagesRequests() {
  return world().server.requests.filter((r) => r.path === '/v1/messages');
}

describe('explain selection', () => {
  before(async () => {
    // Any key, before the key changes: a new key makes the extension fetch /v1/models with it.
    world().server.configure({ apiKey: null });
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-explain-key');
  });

  it('streams an explanation into the chat with the selection as a cached context block, and follow-ups read it from the cache', async () => {
    const { server, page, support } = world();
    const frame = await openChat();
    await newChat(frame);
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    server.enqueue(textReply('`add` returns the sum of its two arguments.'));

    writeWorkspaceFile('inventory.ts', inventoryModule(150));
    await openFile('inventory.ts');
    await selectLines(4, 6);
    await support.runCommand(page, 'Claude Messages: Explain Selection');

    await waitForStatus(frame, 'done');
    assert.match(await lastAssistant(frame).innerText(), /returns the sum/);
    const user = frame.locator('[data-testid="message"][data-role="user"]').last();
    assert.match(await user.innerText(), /inventory\.ts:4-6/, 'the context chip names file and lines');

    const first = messagesRequests().at(-1)?.json as MessagesRequest;
    const content = first.messages[0]!.content as TextBlock[];
    const selection = content.find((b) => b.type === 'text' && b.text.startsWith('<selection'));
    assert.ok(selection, 'the selection is its own block');
    assert.match(selection.text, /path="inventory\.ts" language="typescript" lines="4-6"/);
    assert.match(selection.text, /export function restock0/);
    const file = content.find((b) => b.type === 'text' && b.text.startsWith('<file'));
    assert.ok(file?.cache_control, 'the surrounding file is a separate cached block');
    const cached = content.filter((b) => b.cache_control);
    assert.ok(cached.length >= 1, 'context blocks carry cache_control');

    // Follow-ups in the same chat: the second and later questions read >= 97% of the prompt from the cache.
    let done = 1;
    for (const question of ['Why a plain function?', 'Could it overflow?', 'Would bigint help?']) {
      await sendPrompt(frame, question);
      done++;
      await frame.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="message"][data-role="assistant"][data-status="done"]').length >= n,
        done,
        { timeout: 30_000 },
      );
    }
    const replies = server.replies.filter((r) => r.path === '/v1/messages');
    assert.equal(replies.length, 4);
    for (const reply of replies.slice(1)) {
      const usage = reply.usage!;
      const prompt = usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
      const ratio = (usage.cache_read_input_tokens ?? 0) / prompt;
      console.log(`      follow-up: ${usage.cache_read_input_tokens ?? 0} of ${prompt} prompt tokens read from the cache (${(ratio * 100).toFixed(1)}%)`);
      assert.ok(ratio >= 0.97, `cache reads were ${(ratio * 100).toFixed(1)}% of ${prompt} prompt tokens`);
    }
  });
});
