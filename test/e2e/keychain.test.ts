/**
 * A keychain that fails (no Secret Service on Linux, a locked keyring): the extension's
 * SecretStorage is made to fail through the test-only fault file (world.ts `secretFaultFile`,
 * src/common/secrets/testFault.ts), and the chat must say what failed and how to fix it, Set API
 * Key must report the failure instead of losing the key silently, and the key stored before must
 * still be there once the keychain answers again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { assistantCount, lastAssistant, replyToReplace, newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply, waitForReplacedReply } from './chatView';
import { world } from './world';

const KEY = 'sk-ant-e2e-keychain-stored-1a2b3c4d5e6f';
const NEW_KEY = 'sk-ant-e2e-keychain-unsaved-9z8y7x6w5v';
/** What libsecret says when no Secret Service runs (the text the fault makes SecretStorage throw). */
const NO_SERVICE = "No such interface 'org.freedesktop.Secret.Collection' on object at path /org/freedesktop/secrets/collection/login";

function messageRequests() {
  return world().server.requests.filter((request) => request.path === '/v1/messages');
}

async function send(frame: Frame, prompt: string, status: 'done' | 'error'): Promise<void> {
  const before = await assistantCount(frame);
  await sendPrompt(frame, prompt);
  await waitForNewReply(frame, before, status);
}

describe('chat: a keychain that fails', () => {
  afterEach(async () => {
    // Never leave the keychain broken for the files after this one.
    fs.rmSync(world().secretFaultFile, { force: true });
    await world().support.runCommand(world().page, 'Notifications: Clear All Notifications').catch(() => undefined);
  });

  it('says what failed and how to fix it, reports a key it could not save, and keeps the stored key', async function (this: Mocha.Context) {
    this.timeout(120_000);
    const { server, page, secretFaultFile } = world();
    server.reset();
    // Any key is accepted (the token meter may still count with the previous file's key for a
    // moment); which key each request carried is asserted below.
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    const frame = await openChat();
    await setApiKeyThroughCommand(KEY);
    await newChat(frame);
    await send(frame, 'Hello while the keychain works', 'done');
    assert.equal(messageRequests().at(-1)?.headers['x-api-key'], KEY, 'the key just set');

    fs.writeFileSync(secretFaultFile, NO_SERVICE);
    const sentBefore = messageRequests().length;
    await send(frame, 'Hello with a broken keychain', 'error');
    const error = frame.locator('[data-testid="error"]').last();
    assert.equal(await error.getAttribute('data-kind'), 'key_unreadable');
    const text = await error.innerText();
    assert.match(text, /could not be read from the system keychain/, 'what failed');
    assert.match(text, /No keyring service \(Secret Service\) is running/, 'why');
    assert.match(text, /Install and start gnome-keyring/, 'how to fix it');
    assert.match(text, /--password-store=basic/);
    assert.equal(await error.locator('[data-action="set-api-key"]').count(), 0, 'no Set API key: a key may well be stored');
    assert.equal(await error.locator('[data-action="retry"]').count(), 1, 'Retry, for once the keyring runs');
    const banner = frame.locator('[data-testid="key-unreadable-banner"]');
    await banner.waitFor({ timeout: 10_000 });
    assert.match(await banner.innerText(), /could not be read from the system keychain.*Unlock or start it/s);
    assert.equal(await frame.locator('[data-testid="setup-card"]:not([hidden])').count(), 0, 'not the "no key yet" setup card');
    assert.equal(messageRequests().length, sentBefore, 'nothing is sent without the key');
    await page.locator('.statusbar-item', { hasText: 'Key unreadable' }).waitFor({ timeout: 10_000 });

    // Set API Key while the keychain fails: the user is told, offered Try again, and the key is kept nowhere.
    await setApiKeyThroughCommand(NEW_KEY);
    const toast = page.locator('.notification-toast', { hasText: 'could not be saved to the system keychain, so it was not stored anywhere' });
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /No keyring service/);
    assert.equal(await toast.getByRole('button', { name: 'Try again' }).count(), 1);
    await screenshot('keychain-unreadable');

    // The keyring runs again: Retry sends the question with the key stored before the failure.
    fs.rmSync(secretFaultFile);
    const failed = await replyToReplace(frame);
    await error.locator('[data-action="retry"]').click();
    await waitForReplacedReply(frame, failed, 'done');
    assert.match(await lastAssistant(frame).innerText(), /You said: Hello with a broken keychain/, 'the question was kept and answered');
    assert.equal(messageRequests().at(-1)?.headers['x-api-key'], KEY, 'the stored key, not the one that could not be saved');
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.statusbar-item', { hasText: 'Sonnet 5.5' }).waitFor({ timeout: 10_000 });
    assert.ok(!(await frame.content()).includes(NEW_KEY), 'the unsaved key is nowhere in the view');
  });
});
