/** Switching VS Code's colour theme inside the running code-server, as a person does. */
import type { Frame } from 'playwright-core';
import { openChat } from './chatView';
import { world } from './world';

export interface ThemeChoice {
  /** The label in "Preferences: Color Theme" (its settings id is `Default <label>` or, for the HC ones, see below). */
  label: string;
  /** The workbench's class for the theme kind. */
  workbenchClass: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';
  /** The webview body's selector for the kind: VS Code sets it together with the colour variables. */
  webviewBody: string;
}

/**
 * The four default themes of VS Code 1.100 (ids `Default Dark Modern`, `Default Light Modern`,
 * `Default High Contrast`, `Default High Contrast Light`; labels from theme-defaults' package.nls).
 */
export const THEMES: readonly ThemeChoice[] = [
  { label: 'Dark Modern', workbenchClass: 'vs-dark', webviewBody: 'body.vscode-dark' },
  { label: 'Light Modern', workbenchClass: 'vs', webviewBody: 'body.vscode-light' },
  { label: 'Dark High Contrast', workbenchClass: 'hc-black', webviewBody: 'body.vscode-high-contrast:not(.vscode-high-contrast-light)' },
  { label: 'Light High Contrast', workbenchClass: 'hc-light', webviewBody: 'body.vscode-high-contrast-light' },
];

export function themeNamed(label: string): ThemeChoice {
  const theme = THEMES.find((candidate) => candidate.label === label);
  if (!theme) throw new Error(`no theme ${label}`);
  return theme;
}

/**
 * Switches the colour theme from the palette and returns the chat's frame once the theme has
 * reached it: a webview gets the new theme (its body class and colour variables, set together) a
 * moment after the workbench does.
 */
export async function useTheme(theme: ThemeChoice): Promise<Frame> {
  const { page, support } = world();
  await support.runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme.label);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${theme.label}$`) }) }).first();
  await row.click();
  await page.waitForSelector(`.monaco-workbench.${theme.workbenchClass}`, { timeout: 20_000 });
  const frame = await openChat();
  await frame.waitForSelector(theme.webviewBody, { state: 'attached', timeout: 20_000 });
  return frame;
}
