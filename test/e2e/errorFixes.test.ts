/**
 * Error cards with the buttons that fix them: Open Setting opens the settings editor on the named
 * setting, Set API Key stores a key, and the stale error then collapses to one line with Retry.
 */
import * as assert from 'node:assert/strict';
import { authenticationErrorReply, httpErrorReply, textReply } from '../server/server';
import { assistantCount, lastAssistant, replyToReplace, newChat, openChat, screenshot, sendPrompt, waitForNewReply, waitForReplacedReply, setApiKeyThroughCommand } from './chatView';
import { changeUserSettings } from './settings';
import { world } from './world';

describe('chat: error cards that fix their cause', () => {
  it('a refused key: Open Setting shows the auth header setting, Set API Key collapses the card, Retry answers', async function (this: Mocha.Context) {
    this.timeout(120_000);
    const { server, page, support, keysSet } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    const frame = await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-fixes-old-key');
    await newChat(frame);

    server.enqueue(authenticationErrorReply('invalid x-api-key'));
    const before = await assistantCount(frame);
    await sendPrompt(frame, 'Hello with a revoked key');
    await waitForNewReply(frame, before, 'error');
    const card = frame.locator('[data-testid="error"]').last();
    assert.equal(await card.getAttribute('data-kind'), 'authentication_error');
    const actions = await card.locator('[data-action]').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    assert.deepEqual(actions, ['set-api-key', 'open-setting', 'test-connection'], 'no Retry: the same key would be refused again');
    await screenshot('error-card-buttons');

    // Open Setting: the settings editor, filtered to claudeMessages.authHeader.
    await card.locator('[data-action="open-setting"]').click();
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ timeout: 15_000 });
    const items = editor.locator('.setting-item-contents');
    await items.filter({ hasText: 'Auth Header' }).first().waitFor({ timeout: 15_000 });
    assert.equal(await items.filter({ hasText: 'Base Url' }).count(), 0, 'filtered to the one setting');
    await screenshot('error-open-setting');
    await support.runCommand(page, 'View: Close Editor');

    // Set API Key from the card: the card collapses to a note with Retry.
    const newKey = 'sk-ant-e2e-fixes-new-key';
    keysSet.add(newKey);
    await card.locator('[data-action="set-api-key"]').click();
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(newKey);
    await input.press('Enter');
    const fixed = frame.locator('[data-testid="error"][data-fixed="true"]');
    await fixed.waitFor({ timeout: 15_000 });
    assert.match(await fixed.innerText(), /Fixed: a key is set\s*—\s*Retry/);
    assert.equal(await fixed.locator('[data-action="set-api-key"]').count(), 0);
    await screenshot('error-fixed');

    server.enqueue(textReply('Hello again.'));
    const failed = await replyToReplace(frame);
    await fixed.locator('[data-testid="retry"]').click();
    await waitForReplacedReply(frame, failed, 'done');
    assert.match(await lastAssistant(frame).innerText(), /Hello again\./);
    const sent = server.requests.filter((request) => request.path === '/v1/messages').at(-1);
    assert.equal(sent?.headers['x-api-key'], newKey, 'the retry used the new key');
  });

  it('a 400 that names claudeMessages.maxTokens folds once that setting changes, and its Retry answers', async function (this: Mocha.Context) {
    this.timeout(120_000);
    const { server } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    const frame = await openChat();
    await newChat(frame);
    server.enqueue(httpErrorReply(400, 'invalid_request_error', 'max_tokens: 999999 > 64000, which is the maximum allowed number of output tokens'));
    const before = await assistantCount(frame);
    await sendPrompt(frame, 'A long answer, please');
    await waitForNewReply(frame, before, 'error');
    const card = frame.locator('[data-testid="error"]').last();
    assert.equal(await card.locator('[data-action="open-setting"]').getAttribute('data-setting'), 'claudeMessages.maxTokens');
    assert.equal(await card.locator('[data-action="retry"]').count(), 0, 'the same max_tokens would be refused again');
    try {
      await changeUserSettings({ 'claudeMessages.maxTokens': 4096 }, 'Sonnet 5.5');
      const fixed = frame.locator('[data-testid="error"][data-fixed="true"]');
      await fixed.waitFor({ timeout: 15_000 });
      assert.match(await fixed.innerText(), /Fixed: claudeMessages\.maxTokens changed\s*—\s*Retry/);
      server.enqueue(textReply('A shorter answer.'));
      const failed = await replyToReplace(frame);
      await fixed.locator('[data-testid="retry"]').click();
      await waitForReplacedReply(frame, failed, 'done');
      const sent = server.requests.filter((request) => request.path === '/v1/messages').at(-1);
      assert.equal((sent?.json as { max_tokens?: number } | undefined)?.max_tokens, 4096, 'the retry sent the new setting');
    } finally {
      await changeUserSettings({ 'claudeMessages.maxTokens': undefined }, 'Sonnet 5.5');
    }
  });
});
