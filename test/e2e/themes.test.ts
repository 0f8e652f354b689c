import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { textReply, thinkingReply, toolUseReply } from '../server/server';
import { CITED_RESULTS, citedAnswer } from './citedAnswer';
import { newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply } from './chatView';
import { openFile, readWorkspaceFile, runInlineEdit, selectLines, writeWorkspaceFile } from './editor';
import { themeNamed, useTheme } from './themes';
import { world } from './world';

/**
 * Widens the side bar by dragging its edge, as a person would, so the README shows the chat at a
 * width people use; the screenshots are cut to the side bar.
 */
async function widenSideBar(): Promise<void> {
  const { page } = world();
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= 440) return;
  const edge = { x: box.x + box.width, y: box.y + box.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(box.x + 460, edge.y, { steps: 5 });
  await page.mouse.up();
  // Off the edge, which stays highlighted while the pointer is on it.
  await page.mouse.move(box.x + 460 + 300, edge.y);
}

/** Relative luminance (0..1) of the chat's background, as the webview computes it. */
async function backgroundLuminance(frame: Frame): Promise<number> {
  const color = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

const DEBOUNCE_REPLY =
  'Here is a small, typed **debounce**:\n\n```ts\nexport function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n```\n\nEach call resets the timer, so `fn` runs once the calls stop for `ms` milliseconds.';

describe('themes', () => {
  it('follows the VS Code theme in dark, light and high contrast (README screenshots)', async () => {
    const { server, page, support } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    let frame = await openChat();
    // Early: the edge stays highlighted for a moment after the drag, and the chat takes longer.
    await widenSideBar();
    await setApiKeyThroughCommand('sk-ant-e2e-theme-key');
    await newChat(frame);
    server.enqueue(
      thinkingReply('They want a debounce helper in TypeScript; keep it generic and cancellable.', DEBOUNCE_REPLY),
      textReply('Yes: return an object with `cancel()` that clears the timer, and call it when the view is disposed.'),
    );
    await sendPrompt(frame, 'Write a debounce helper in TypeScript');
    await waitForNewReply(frame, 0);
    await sendPrompt(frame, 'Can it be cancelled?');
    await waitForNewReply(frame, 1);

    // A clean window for the README: no editors, no notifications.
    await support.runCommand(page, 'View: Close All Editors');
    await support.runCommand(page, 'Notifications: Clear All Notifications');
    const dark = await backgroundLuminance(frame);
    await screenshot('screenshot-chat-dark', 'side-bar');
    frame = await useTheme(themeNamed('Light Modern'));
    const light = await backgroundLuminance(frame);
    await screenshot('screenshot-chat-light', 'side-bar');
    frame = await useTheme(themeNamed('Dark High Contrast'));
    const highContrast = await backgroundLuminance(frame);
    await screenshot('screenshot-chat-high-contrast', 'side-bar');
    await useTheme(themeNamed('Dark Modern'));
    assert.ok(dark < 0.3, `dark theme background luminance ${dark.toFixed(2)}`);
    assert.ok(light > 0.7, `light theme background luminance ${light.toFixed(2)}`);
    assert.ok(highContrast < 0.05, `high contrast background luminance ${highContrast.toFixed(2)}`);
  });

  it('shows a cited answer (README screenshot), in dark, light and high contrast', async () => {
    const { server } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    let frame = await openChat();
    await newChat(frame);
    server.enqueue(citedAnswer());
    await sendPrompt(frame, 'How should a webview set its content security policy?');
    await waitForNewReply(frame, 0);
    // The second source's passage shown, as a reader sees it on hovering the marker.
    const showPassage = async (): Promise<void> => {
      const marker = frame.locator('[data-testid="citation"]').nth(1);
      await marker.hover();
      await frame.locator('[data-testid="citation-popover"]').nth(1).waitFor({ state: 'visible', timeout: 5_000 });
    };
    // The README shows the whole answer and its Sources (a popover would cover what is below it);
    // the passage popover is shot in each theme beside it.
    await frame.locator('[data-testid="sources"]').waitFor();
    await screenshot('screenshot-cited-answer', 'side-bar');
    assert.equal(await frame.locator('[data-testid="citation"]').first().getAttribute('href'), CITED_RESULTS[0]?.url);
    await showPassage();
    await screenshot('cited-answer-dark-modern', 'side-bar');
    for (const name of ['Light Modern', 'Dark High Contrast', 'Light High Contrast']) {
      frame = await useTheme(themeNamed(name));
      await showPassage();
      await screenshot(`cited-answer-${name.toLowerCase().replace(/ /g, '-')}`, 'side-bar');
    }
    await useTheme(themeNamed('Dark Modern'));
  });

  it('shows an inline edit under review (README screenshot)', async () => {
    const { server, page, support } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });
    const original = 'export function debounce(fn: () => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return () => {\n    clearTimeout(timer);\n    timer = setTimeout(fn, ms);\n  };\n}\n';
    writeWorkspaceFile('debounce.ts', original);
    server.enqueue(
      toolUseReply(
        'str_replace_based_edit_tool',
        { command: 'str_replace', path: 'debounce.ts', old_str: '  return () => {\n    clearTimeout(timer);\n    timer = setTimeout(fn, ms);\n  };', new_str: '  const debounced = () => {\n    clearTimeout(timer);\n    timer = setTimeout(fn, ms);\n  };\n  debounced.cancel = () => clearTimeout(timer);\n  return debounced;' },
        { id: 'toolu_e2e_readme', thinking: 'Keep the call signature; add cancel() on the returned function.' },
      ),
      textReply('Added `cancel()` to the returned function.'),
    );
    await openFile('debounce.ts');
    await selectLines(1, 7);
    await runInlineEdit('make it cancellable');
    await page.locator('.monaco-editor .view-lines', { hasText: 'debounced.cancel' }).first().waitFor({ timeout: 30_000 });
    const reject = page.locator('.codelens-decoration a', { hasText: /Reject/ }).first();
    await reject.waitFor({ timeout: 15_000 });
    // The caret to the end of the selection: the review, not a selection, shades the change.
    await page.locator('.monaco-editor .view-lines').first().press('ArrowRight');
    // The edit's progress toast closes a moment after the edit is proposed: a clean window first.
    await page.locator('.notification-toast', { hasText: 'Claude is editing' }).waitFor({ state: 'detached', timeout: 10_000 });
    await support.runCommand(page, 'Notifications: Clear All Notifications');
    await screenshot('screenshot-inline-edit');
    // The same review in a light and a high contrast theme, to look at (not in the README).
    for (const [theme, name] of [['Light Modern', 'inline-edit-light'], ['Dark High Contrast', 'inline-edit-high-contrast']] as const) {
      await useTheme(themeNamed(theme));
      await page.locator('.codelens-decoration a', { hasText: /Reject/ }).first().waitFor({ timeout: 10_000 });
      await screenshot(name);
    }
    await useTheme(themeNamed('Dark Modern'));
    await reject.click();
    await reject.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(readWorkspaceFile('debounce.ts'), original, 'nothing reached the file');
    await support.runCommand(page, 'View: Revert and Close Editor');
  });
});
