import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { textReply, thinkingReply } from '../server/server';
import { newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand } from './chatView';
import { world } from './world';

/**
 * Switches the color theme from the palette, as a person would, and returns the chat's frame once
 * the theme has reached it: a webview gets the new theme (its body class and colour variables,
 * set together) a moment after the workbench does.
 */
async function useTheme(theme: string, kind: 'light' | 'dark'): Promise<Frame> {
  const { page, support } = world();
  await support.runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${theme}$`) }) }).first();
  await row.click();
  await page.waitForSelector(`.monaco-workbench.${kind === 'light' ? 'vs' : 'vs-dark'}`, { timeout: 20_000 });
  const frame = await openChat();
  await frame.waitForSelector(`body.vscode-${kind}`, { state: 'attached', timeout: 20_000 });
  return frame;
}

/** Relative luminance (0..1) of the chat's background, as the webview computes it. */
async function backgroundLuminance(frame: Frame): Promise<number> {
  const color = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

describe('themes', () => {
  it('follows the VS Code theme in light and dark (README screenshots)', async () => {
    const { server, page, support } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    let frame = await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-theme-key');
    await newChat(frame);
    server.enqueue(
      thinkingReply(
        'They want a debounce helper in TypeScript; keep it generic and cancellable.',
        'Here is a small, typed **debounce**:\n\n```ts\nexport function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n```\n\nEach call resets the timer, so `fn` runs once the calls stop for `ms` milliseconds.',
      ),
      textReply('Yes: return an object with `cancel()` that clears the timer, and call it when the view is disposed.'),
    );
    await sendPrompt(frame, 'Write a debounce helper in TypeScript');
    await frame.locator('[data-testid="message"][data-role="assistant"][data-status="done"]').first().waitFor();
    await sendPrompt(frame, 'Can it be cancelled?');
    await frame.waitForFunction(() => document.querySelectorAll('[data-testid="message"][data-role="assistant"][data-status="done"]').length === 2);

    // A clean window for the README: no editors, no notifications.
    await support.runCommand(page, 'View: Close All Editors');
    await support.runCommand(page, 'Notifications: Clear All Notifications');
    const dark = await backgroundLuminance(frame);
    await screenshot('screenshot-chat-dark');
    frame = await useTheme('Light Modern', 'light');
    const light = await backgroundLuminance(frame);
    await screenshot('screenshot-chat-light');
    await useTheme('Dark Modern', 'dark');
    assert.ok(dark < 0.3, `dark theme background luminance ${dark.toFixed(2)}`);
    assert.ok(light > 0.7, `light theme background luminance ${light.toFixed(2)}`);
  });
});
