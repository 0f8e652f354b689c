import * as assert from 'node:assert/strict';
import { textReply } from '../server/server';
import { newChat, openChat, sendPrompt, setApiKeyThroughCommand, waitForStatus } from './chatView';
import { world } from './world';

describe('history', () => {
  it('lists past conversations, reopens, renames and deletes them', async () => {
    const { server } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    const frame = await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-history-key');

    await newChat(frame);
    server.enqueue(textReply('Apples are fruit.'));
    await sendPrompt(frame, 'Tell me about apples');
    await waitForStatus(frame, 'done');
    await newChat(frame);
    server.enqueue(textReply('Bananas are berries.'));
    await sendPrompt(frame, 'Tell me about bananas');
    await waitForStatus(frame, 'done');

    await frame.locator('[data-testid="history-toggle"]').click();
    const apples = frame.locator('[data-testid="history-item"]', { hasText: 'Tell me about apples' });
    await apples.waitFor();
    assert.ok((await frame.locator('[data-testid="history-item"]').count()) >= 2);

    await apples.locator('[data-testid="history-open"]').click();
    await frame.locator('[data-testid="message"][data-role="assistant"]', { hasText: 'Apples are fruit.' }).waitFor();
    assert.equal(await frame.locator('[data-testid="message"]', { hasText: 'Bananas' }).count(), 0, 'the other conversation is closed');

    if (!(await frame.locator('[data-testid="history"]').isVisible())) await frame.locator('[data-testid="history-toggle"]').click();
    await apples.locator('[data-testid="history-rename"]').click();
    const input = frame.locator('[data-testid="history-rename-input"]');
    await input.fill('Fruit facts');
    await frame.locator('[data-testid="history-rename-save"]').click();
    const renamed = frame.locator('[data-testid="history-item"]', { hasText: 'Fruit facts' });
    await renamed.waitFor();

    const bananas = frame.locator('[data-testid="history-item"]', { hasText: 'Tell me about bananas' });
    await bananas.locator('[data-testid="history-delete"]').click();
    await frame.locator('[data-testid="history-confirm-delete"]').click();
    await bananas.waitFor({ state: 'detached' });
    assert.equal(await renamed.count(), 1, 'the renamed conversation stays');
  });
});
