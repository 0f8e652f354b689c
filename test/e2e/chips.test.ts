/**
 * The control chips (issue 11, point 6): the model chosen from the chip in the view is what the
 * next request sends, for this chat only (the `claudeMessages.model` setting stays as it was and a
 * new chat starts from it), and the chips work from the keyboard: Tab from the prompt reaches them,
 * Enter / Space / Down open a menu, arrows move, Enter chooses, Escape closes back to the chip.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { assistantCount, freshChat, newChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply } from './chatView';
import { waitUntil } from './waitFor';
import { world } from './world';

const KEY = 'sk-ant-e2e-chips-key-7a6b5c4d3e2f';
const DEFAULT_MODEL = 'claude-sonnet-5-5';
const CHOSEN_MODEL = 'claude-opus-5-5';

/** The user's settings.json as it is on disk now. */
function userSettings(): Record<string, unknown> {
  const file = path.join(world().codeServer.userDataDir, 'User', 'settings.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The test id, or the model id, of the element that has the focus in the view. */
async function focused(frame: Frame): Promise<string | null> {
  return frame.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('data-value') ?? null);
}

/** The model of the last /v1/messages request the server received. */
function lastRequestModel(): unknown {
  const request = world().server.requests.filter((r) => r.path === '/v1/messages').at(-1);
  return (request?.json as { model?: unknown } | undefined)?.model;
}

async function ask(frame: Frame, text: string): Promise<void> {
  const before = await assistantCount(frame);
  await sendPrompt(frame, text);
  await waitForNewReply(frame, before);
}

describe('control chips', () => {
  it('a model chosen from the chip (by keyboard, then by mouse) is what the next request sends, for this chat only', async () => {
    const { page } = world();
    const frame = await freshChat();
    // The server takes any key (freshChat); the extension needs one stored to send at all.
    await setApiKeyThroughCommand(KEY);
    const settingBefore = userSettings()['claudeMessages.model'];
    const model = frame.locator('[data-testid="model-select"]');
    const modelMenu = frame.locator('[data-testid="model-select"] + [role="menu"]');
    assert.match((await model.getAttribute('aria-label')) ?? '', /^Model: .*Sonnet 5\.5/, 'a new chat starts from the setting');

    // Keyboard: the prompt, then Tab to the model chip; Enter opens with the chosen model focused.
    await frame.locator('[data-testid="prompt"]').click();
    await page.keyboard.press('Tab');
    assert.equal(await focused(frame), 'model-select', 'the first Tab stop after the prompt is the model chip');
    await page.keyboard.press('Enter');
    await modelMenu.waitFor({ state: 'visible' });
    assert.equal(await focused(frame), DEFAULT_MODEL);
    await page.keyboard.press('Escape');
    await modelMenu.waitFor({ state: 'hidden' });
    assert.equal(await focused(frame), 'model-select', 'Escape gives the focus back to the chip');
    assert.equal(await model.getAttribute('aria-expanded'), 'false');

    // Space opens too; the arrows walk to the model, Enter chooses it.
    await page.keyboard.press('Space');
    await modelMenu.waitFor({ state: 'visible' });
    for (let i = 0; i < 40 && (await focused(frame)) !== CHOSEN_MODEL; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await focused(frame), CHOSEN_MODEL, 'reached by the arrows');
    await page.keyboard.press('Enter');
    await modelMenu.waitFor({ state: 'hidden' });
    assert.equal(await focused(frame), 'model-select');
    assert.ok(await waitUntil(async () => /Opus 5\.5/.test((await model.getAttribute('aria-label')) ?? ''), { timeoutMs: 10_000 }), 'the chip names the chosen model');

    // The next chip: ArrowDown opens its menu, Escape closes it, nothing is changed.
    await page.keyboard.press('Tab');
    assert.equal(await focused(frame), 'effort-select');
    await page.keyboard.press('ArrowDown');
    await frame.locator('[data-testid="effort-select"] + [role="menu"]').waitFor({ state: 'visible' });
    await screenshot('chips-effort-menu', 'side-bar');
    await page.keyboard.press('Escape');
    await frame.locator('[data-testid="effort-select"] + [role="menu"]').waitFor({ state: 'hidden' });
    assert.equal(await focused(frame), 'effort-select');

    await ask(frame, 'Which model answers?');
    assert.equal(lastRequestModel(), CHOSEN_MODEL, 'the request uses the chat’s model');
    assert.equal(userSettings()['claudeMessages.model'], settingBefore, 'the setting claudeMessages.model is unchanged');

    // By mouse: back to the default model for this chat.
    await model.click();
    await modelMenu.waitFor({ state: 'visible' });
    assert.match((await modelMenu.locator('.chip-menu-note').innerText()) ?? '', /This chat only/);
    await screenshot('chips-model-menu', 'side-bar');
    await modelMenu.locator(`[data-value="${DEFAULT_MODEL}"]`).click();
    await modelMenu.waitFor({ state: 'hidden' });
    await ask(frame, 'And now?');
    assert.equal(lastRequestModel(), DEFAULT_MODEL);

    // Opus again, then a new chat: it starts from the setting, not from the last chat's choice.
    await model.click();
    await modelMenu.locator(`[data-value="${CHOSEN_MODEL}"]`).click();
    assert.ok(await waitUntil(async () => /Opus 5\.5/.test((await model.getAttribute('aria-label')) ?? ''), { timeoutMs: 10_000 }));
    await newChat(frame);
    assert.ok(await waitUntil(async () => /Sonnet 5\.5/.test((await model.getAttribute('aria-label')) ?? ''), { timeoutMs: 10_000 }), 'a new chat: the default model');
    assert.equal(userSettings()['claudeMessages.model'], settingBefore);
  });
});
