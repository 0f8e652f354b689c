/**
 * Changing user settings as a person's settings.json edit would, and knowing when the extension
 * has them: VS Code picks the file up through a watcher, with no event a test can see. The status
 * bar item names the model, so a patch that also changes `claudeMessages.model` is in force once
 * the status bar shows that model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { world } from './world';

function settingsFile(): string {
  return path.join(world().codeServer.userDataDir, 'User', 'settings.json');
}

/**
 * Merges `patch` into the user settings (`undefined` removes a setting) and waits until the status
 * bar shows `modelLabel`, the short name of the patch's (or the restored) model.
 */
export async function changeUserSettings(patch: Record<string, unknown>, modelLabel: string): Promise<void> {
  const file = settingsFile();
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) delete current[name];
    else current[name] = value;
  }
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
  await world().page.locator('.statusbar-item', { hasText: modelLabel }).first().waitFor({ timeout: 30_000 });
}
