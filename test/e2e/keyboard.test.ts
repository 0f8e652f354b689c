/**
 * Keyboard first (issue 11): from the editor, Ctrl+Alt+K puts the caret in the chat's prompt, and
 * so does VS Code's own "Focus on Chat View"; the prompt is the first Tab stop after the toolbar.
 */
import * as assert from 'node:assert/strict';
import { openChat } from './chatView';
import { openFile } from './editor';
import { world } from './world';

describe('keyboard first', () => {
  it('Ctrl+Alt+K and "Focus on Chat View" put the caret in the prompt from the editor', async () => {
    const { page, support } = world();
    const frame = await openChat();
    const prompt = frame.locator('[data-testid="prompt"]');
    await prompt.fill('');

    await openFile('sample.ts');
    await page.keyboard.press('Control+Alt+K');
    await frame.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'prompt' && document.hasFocus(), undefined, { timeout: 10_000 });
    await page.keyboard.type('typed after Ctrl+Alt+K');
    assert.equal(await prompt.inputValue(), 'typed after Ctrl+Alt+K');
    await prompt.fill('');

    // Back to the editor (still sample.ts), then VS Code's own command for the view.
    await page.locator('.monaco-editor .view-lines').first().click();
    await frame.waitForFunction(() => document.activeElement?.getAttribute('data-testid') !== 'prompt' || !document.hasFocus(), undefined, { timeout: 10_000 });
    await support.runCommand(page, 'Claude Messages: Focus on Chat View');
    await frame.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'prompt' && document.hasFocus(), undefined, { timeout: 10_000 });
    await page.keyboard.type('typed after Focus on Chat View');
    assert.equal(await prompt.inputValue(), 'typed after Focus on Chat View');
    await prompt.fill('');
  });
});
