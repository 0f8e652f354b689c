/**
 * Changing user settings as a person does: in the settings.json editor, saved with Ctrl+S. (Writing
 * the file from outside is not enough: code-server did not pick such a write up within 30 s.) The
 * status bar item names the model, so a patch that also changes `claudeMessages.model` is known
 * to be in force once the status bar shows that model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { world } from './world';

/**
 * Merges `patch` into the user settings (`undefined` removes a setting), saves them through the
 * settings.json editor and waits until the status bar shows `modelLabel`, the short name of the
 * patch's (or the restored) model.
 */
export async function changeUserSettings(patch: Record<string, unknown>, modelLabel: string): Promise<void> {
  const { page, support, codeServer } = world();
  const file = path.join(codeServer.userDataDir, 'User', 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) delete current[name];
    else current[name] = value;
  }
  await support.runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(current, null, 2));
  // Whatever the editor added after the cursor on its own (a closing brace) goes.
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
  const saved = fs.readFileSync(file, 'utf8');
  try {
    JSON.parse(saved);
  } catch (error) {
    throw new Error(`settings.json is not the JSON written (${String(error)}); it ends with ${JSON.stringify(saved.slice(-200))}`);
  }
  await support.runCommand(page, 'View: Close Editor');
  try {
    await page.locator('.statusbar-item', { hasText: modelLabel }).first().waitFor({ timeout: 30_000 });
  } catch (error) {
    const shown = await page.locator('.statusbar-item').allInnerTexts().catch(() => []);
    throw new Error(`the status bar never showed "${modelLabel}" after the settings change; it shows ${JSON.stringify(shown)} (${String(error)})`);
  }
}
