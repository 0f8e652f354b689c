/**
 * Two windows (two extension hosts on one profile, as two browser tabs of one code-server are)
 * writing the same conversation and the history index: nothing is lost (issue 12). Window B reopens
 * the conversation window A was in, both add to it, and what ends up on disk holds every turn of
 * both, in order, listed once in the index.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { textReply } from '../server/server';
import { assistantCount, newChat, openChat, sendPrompt, setApiKeyThroughCommand, waitForNewReply } from './chatView';
import { storeDir, storedWith, texts } from './store';
import { waitUntil } from './waitFor';
import { world } from './world';

async function ask(frame: Frame, question: string): Promise<void> {
  const before = await assistantCount(frame);
  await sendPrompt(frame, question);
  await waitForNewReply(frame, before);
}

describe('two windows on one conversation', () => {
  let second: Page | undefined;

  before(async () => {
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-two-windows-key');
  });

  after(async () => {
    await second?.close();
  });

  it('both windows add to the same conversation; every turn is kept, in order, and listed once', async function (this: Mocha.Context) {
    this.timeout(120_000);
    const { server, page, codeServer } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    const first = 'Two windows: the first question, from window A';
    server.enqueue(textReply('Answer one, in A.'), textReply('Answer two, in B.'), textReply('Answer three, in A.'), textReply('Answer four, in B.'));

    const frameA = await openChat();
    await newChat(frameA);
    await ask(frameA, first);
    assert.ok(await waitUntil(() => storedWith(first).length === 1, { timeoutMs: 15_000 }), 'window A saved the conversation');

    // Window B: the same profile in a second tab, a second extension host. It reopens the
    // conversation A was in.
    second = await page.context().newPage();
    await second.goto(codeServer.workbenchUrl);
    const frameB = await openChat(second);
    await frameB.locator('[data-testid="message"][data-role="user"]', { hasText: first }).waitFor({ timeout: 30_000 });
    await ask(frameB, 'The second question, from window B');

    // Back in A, which has not seen B's turn: its next save merges instead of overwriting.
    await ask(frameA, 'The third question, from window A');
    await frameA.locator('[data-testid="message"][data-role="user"]', { hasText: 'from window B' }).waitFor({ timeout: 30_000 });

    // And B, which has not seen A's last turn: its next message merges it in, and its view shows it.
    await ask(frameB, 'The fourth question, from window B');
    await frameB.locator('[data-testid="message"][data-role="user"]', { hasText: 'The third question, from window A' }).waitFor({ timeout: 30_000 });

    const expected = [
      first,
      'Answer one, in A.',
      'The second question, from window B',
      'Answer two, in B.',
      'The third question, from window A',
      'Answer three, in A.',
      'The fourth question, from window B',
      'Answer four, in B.',
    ];
    const whole = () => storedWith(first).some((c) => JSON.stringify(texts(c)) === JSON.stringify(expected));
    assert.ok(await waitUntil(whole, { timeoutMs: 15_000 }), `stored: ${JSON.stringify(storedWith(first).map(texts))}`);
    const copies = storedWith(first);
    assert.equal(copies.length, 1, 'one conversation file, not a fork per window');
    const index = JSON.parse(fs.readFileSync(path.join(storeDir(), 'index.json'), 'utf8')) as { conversations: Array<{ id: string }> };
    assert.equal(index.conversations.filter((entry) => entry.id === copies[0]!.id).length, 1, 'listed once in the history index');
  });
});
