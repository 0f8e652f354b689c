/**
 * The first-run setup card (issue 11, point 11): with no key the card shows; "Other URL" pointing
 * at the test server, Bearer, the key through the password box, Test Connection, Save to the User
 * settings (in code-server: the Remote settings file of the machine, see README "Settings
 * scopes"), then a chat message against the strict server with exactly that header.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { textReply } from '../server/server';
import { assistantCount, lastAssistant, newChat, openChat, screenshot, sendPrompt, waitForNewReply } from './chatView';
import { themeNamed, useTheme } from './themes';
import { waitUntil } from './waitFor';
import { world } from './world';

const KEY = 'sk-e2e-setup-card-bearer-key';

/** The settings files a User-level write may land in (code-server keeps both on the server). */
function settingsFiles(): { user: string; machine: string } {
  const { codeServer } = world();
  return { user: path.join(codeServer.userDataDir, 'User', 'settings.json'), machine: path.join(codeServer.userDataDir, 'Machine', 'settings.json') };
}

function readJson(file: string): Record<string, unknown> {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

async function choose(frame: Frame, testId: string): Promise<void> {
  // The label is what a person clicks; the radio inside it is what must end up checked.
  await frame.locator(`label:has([data-testid="${testId}"])`).click();
  assert.ok(await frame.locator(`[data-testid="${testId}"]`).isChecked(), `${testId} is chosen`);
}

async function result(frame: Frame, action: 'test' | 'save', ok: boolean, pattern: RegExp): Promise<void> {
  // The card clears its last answer when Test or Save is pressed, so this waits for the new one.
  const box = frame.locator(`[data-testid="setup-result"][data-action="${action}"][data-ok="${ok}"]`);
  await box.waitFor({ timeout: 30_000 });
  assert.match(await box.innerText(), pattern);
}

/** Saves the card's values and waits until the file holds `authHeader` (the write is VS Code's, asynchronous). */
async function saveAndWaitForFile(frame: Frame, file: string, authHeader: string): Promise<void> {
  await frame.locator('[data-testid="setup-save"]').click();
  await result(frame, 'save', true, new RegExp(`Saved to your User settings: .*key sent as ${authHeader === 'bearer' ? 'Authorization: Bearer' : 'x-api-key'}`));
  assert.ok(await waitUntil(() => readJson(file)['claudeMessages.authHeader'] === authHeader, { timeoutMs: 15_000 }), `${file} holds authHeader ${authHeader}: ${fs.readFileSync(file, 'utf8')}`);
}

describe('setup card', () => {
  it('first run: Other URL at the test server, Bearer, the key, Test Connection, Save, then a chat answers', async function (this: Mocha.Context) {
    this.timeout(240_000);
    const { server, page, support, keysSet } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    const frame = await openChat();
    await support.runCommand(page, 'Claude Messages: Clear API Key');
    const card = frame.locator('[data-testid="setup-card"]');
    await card.waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid="setup-key-state"]').innerText(), 'No key stored yet');
    // The base URL in force is the test server's, so "Other URL" is the chosen provider.
    await frame.locator('[data-testid="setup-provider-other"]:checked').waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid="setup-cancel"]').isVisible(), false, 'no key: the card cannot be dismissed');
    await screenshot('setup-card-first-run', 'side-bar');

    // A refused URL says why, and nothing is requested.
    await choose(frame, 'setup-provider-other');
    const url = frame.locator('[data-testid="setup-url"]');
    await url.fill('http://api.example.com');
    const before = server.requests.length;
    await frame.locator('[data-testid="setup-test"]').click();
    await result(frame, 'test', false, /Use https:\/\/.*localhost or 127\.0\.0\.1/);
    assert.equal(server.requests.length, before);

    await url.fill(server.url);
    await choose(frame, 'setup-auth-bearer');
    keysSet.add(KEY);
    await frame.locator('[data-testid="setup-enter-key"]').click();
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(KEY);
    await input.press('Enter');
    await frame.locator('[data-testid="setup-key-state"][data-state="set"]').waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('[data-testid="setup-key-state"]').innerText(), 'Key stored');
    assert.equal(await url.inputValue(), server.url, 'what was typed survives the key being stored');

    await frame.locator('[data-testid="setup-test"]').click();
    await result(frame, 'test', true, new RegExp(`Connected to ${server.url.replace(/[.:/]/g, '\\$&')} \\(key sent as Authorization: Bearer\\): the key works`));
    const tested = server.requests.at(-1);
    assert.equal(tested?.path, '/v1/messages/count_tokens');
    assert.equal(tested?.headers['authorization'], `Bearer ${KEY}`, 'tested with the unsaved Bearer choice');
    assert.equal(tested?.headers['x-api-key'], undefined);

    const files = settingsFiles();
    let failure: unknown;
    try {
      await saveAndWaitForFile(frame, files.machine, 'bearer');
      assert.equal(readJson(files.machine)['claudeMessages.baseUrl'], server.url);
      console.log(`      Save wrote ${path.relative(world().codeServer.userDataDir, files.machine)}: ${JSON.stringify(readJson(files.machine))}`);
      for (const theme of ['Dark Modern', 'Light Modern', 'Dark High Contrast']) {
        await useTheme(themeNamed(theme));
        // The dark one is the README's (copied to media/ with UPDATE_SCREENSHOTS=1).
        await screenshot(theme === 'Dark Modern' ? 'screenshot-setup-card' : `setup-card-saved-${theme.toLowerCase().replace(/ /g, '-')}`, 'side-bar');
      }
      await useTheme(themeNamed('Dark Modern'));

      // A key is stored now: Escape closes the card and the caret is in the prompt.
      await frame.locator('[data-testid="setup-url"]').press('Escape');
      await card.waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'prompt');

      await newChat(frame);
      server.enqueue(textReply('Set up and answering.'));
      const count = await assistantCount(frame);
      await sendPrompt(frame, 'Hello through the setup card');
      await waitForNewReply(frame, count, 'done');
      assert.match(await lastAssistant(frame).innerText(), /Set up and answering\./);
      const sent = server.requests.filter((request) => request.path === '/v1/messages').at(-1);
      assert.equal(sent?.headers['authorization'], `Bearer ${KEY}`);
      assert.equal(sent?.headers['x-api-key'], undefined);
    } catch (error) {
      failure = error;
    }
    // Later files expect x-api-key: back through the card, reached by the command this time. A
    // failure above is the one reported; this one is then only logged.
    try {
      await support.runCommand(page, 'Claude Messages: Set Up Connection…');
      const again = await openChat();
      await again.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'setup-provider-other', undefined, { timeout: 15_000 });
      assert.ok(await again.locator('[data-testid="setup-auth-bearer"]').isChecked(), 'the card shows the saved header');
      assert.equal(await again.locator('[data-testid="setup-url"]').inputValue(), server.url);
      await choose(again, 'setup-auth-x-api-key');
      await saveAndWaitForFile(again, files.machine, 'x-api-key');
      await again.locator('[data-testid="setup-cancel"]').click();
      await again.locator('[data-testid="setup-card"]').waitFor({ state: 'detached', timeout: 10_000 });
    } catch (error) {
      if (failure === undefined) throw error;
      console.log(`      restoring x-api-key failed too: ${String(error)}`);
    }
    if (failure !== undefined) throw failure;
  });
});
