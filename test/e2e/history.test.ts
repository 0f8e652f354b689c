import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { textReply } from '../server/server';
import { newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForStatus } from './chatView';
import { world } from './world';

/** The test id of the element that has focus inside the chat view. */
function focused(frame: Frame): Promise<string | null> {
  return frame.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
}

/** Opens the row's "⋯" menu and picks one of its items. */
async function rowAction(frame: Frame, row: ReturnType<Frame['locator']>, testid: string): Promise<void> {
  await row.hover();
  await row.locator('[data-testid="history-actions"]').click();
  await row.locator(`[role="menu"] [data-testid="${testid}"]`).click();
}

describe('history', () => {
  it('lists past conversations by date, filters as you type, reopens (closing the panel), renames and deletes them', async () => {
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

    const panel = frame.locator('[data-testid="history"]');
    await frame.locator('[data-testid="history-toggle"]').click();
    const apples = frame.locator('[data-testid="history-item"]', { hasText: 'Tell me about apples' });
    await apples.waitFor();
    assert.ok((await frame.locator('[data-testid="history-item"]').count()) >= 2);
    assert.equal(await focused(frame), 'history-filter', 'the caret is in the search box');
    assert.equal(await frame.locator('[data-testid="history-group"]').first().locator('h3').innerText(), 'Today');

    // Type to filter: only the bananas are left.
    await frame.locator('[data-testid="history-filter"]').pressSequentially('banan');
    await apples.waitFor({ state: 'detached' });
    assert.equal(await frame.locator('[data-testid="history-item"]', { hasText: 'Tell me about bananas' }).count(), 1);
    await screenshot('history-filter');
    await frame.locator('[data-testid="history-filter"]').fill('apples');
    await apples.waitFor();
    assert.equal(await frame.locator('[data-testid="history-item"]').count(), 1, 'only the apples match');

    await apples.locator('[data-testid="history-open"]').click();
    await frame.locator('[data-testid="message"][data-role="assistant"]', { hasText: 'Apples are fruit.' }).waitFor();
    assert.equal(await frame.locator('[data-testid="message"]', { hasText: 'Bananas' }).count(), 0, 'the other conversation is closed');
    assert.equal(await panel.isVisible(), false, 'opening a conversation closes the panel');
    assert.equal(await focused(frame), 'history-toggle', 'focus is on the History toggle, not the page');

    await frame.locator('[data-testid="history-toggle"]').click();
    assert.equal(await frame.locator('[data-testid="history-filter"]').inputValue(), '', 'the filter starts empty again');
    await rowAction(frame, apples, 'history-rename');
    const input = frame.locator('[data-testid="history-rename-input"]');
    await input.fill('Fruit facts');
    await frame.locator('[data-testid="history-rename-save"]').click();
    const renamed = frame.locator('[data-testid="history-item"]', { hasText: 'Fruit facts' });
    await renamed.waitFor();

    // Escape cancels a rename without closing the panel.
    await rowAction(frame, renamed, 'history-rename');
    await input.fill('Not this');
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    assert.equal(await panel.isVisible(), true, 'Escape cancelled the rename only');
    assert.equal(await renamed.count(), 1, 'the title is unchanged');
    await screenshot('history-panel');

    const bananas = frame.locator('[data-testid="history-item"]', { hasText: 'Tell me about bananas' });
    await rowAction(frame, bananas, 'history-delete');
    await frame.locator('[data-testid="history-confirm-delete"]').click();
    await bananas.waitFor({ state: 'detached' });
    assert.equal(await renamed.count(), 1, 'the renamed conversation stays');
    assert.notEqual(await focused(frame), 'BODY', 'focus did not fall to the page');

    // Escape closes the panel, focus back on its toggle.
    await frame.locator('[data-testid="history-filter"]').focus();
    await frame.locator('[data-testid="history-filter"]').press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await focused(frame), 'history-toggle');
  });
});
