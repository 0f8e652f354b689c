/** Page helpers for the editor side: open a file, select lines, read the file on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { world } from './world';

export async function openFile(name: string): Promise<void> {
  const { page } = world();
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  // A file written just now may take a moment to reach Quick Open's file index: ask again.
  for (let attempt = 1; ; attempt++) {
    await page.locator('.monaco-workbench .part.editor').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    try {
      // Quick Open closes when something else takes focus meanwhile (a view revealed by the
      // previous step): then it is opened again, like the row that is not indexed yet.
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(name, { timeout: 5_000 });
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 4) throw error;
    }
  }
  await input.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
}

/** Selects lines [from, to] (1-based, inclusive) with Ctrl+G and Shift+Down, as a person would. */
export async function selectLines(from: number, to: number): Promise<void> {
  const { page } = world();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${from}`);
  await input.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let line = from; line <= to; line++) await page.keyboard.press('Shift+ArrowDown');
}

/** Puts the caret at the start of `line` (1-based) with nothing selected. */
export async function placeCaret(line: number): Promise<void> {
  await selectLines(line, line - 1);
}

/**
 * Saves the active editor with Ctrl+S, as a person would, and waits until its tab no longer carries
 * VS Code's unsaved-changes mark: the tab is redrawn without it once the save has succeeded.
 */
export async function saveActiveEditor(): Promise<void> {
  const { page } = world();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
}

export function readWorkspaceFile(name: string): string {
  return fs.readFileSync(path.join(world().workspace, name), 'utf8');
}

export function writeWorkspaceFile(name: string, text: string): void {
  fs.writeFileSync(path.join(world().workspace, name), text);
}

/** The inline edit's instruction box: a comment thread widget inside the editor, at the selection. */
export function inlineInputWidget() {
  return world().page.locator('.monaco-editor .review-widget', { has: world().page.locator('.edit-textarea') }).first();
}

/**
 * Runs "Claude Messages: Inline Edit" and types `instruction` into the box that opens at the
 * selection, as a person would: the box takes the caret itself, Ctrl+Enter submits it.
 */
export async function runInlineEdit(instruction: string): Promise<void> {
  const { page, support } = world();
  await support.runCommand(page, 'Claude Messages: Inline Edit');
  const box = inlineInputWidget();
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  await box.locator('.edit-textarea .monaco-editor.focused').waitFor({ timeout: 10_000 });
  await page.keyboard.type(instruction);
  await page.keyboard.press('Control+Enter');
  await box.waitFor({ state: 'detached', timeout: 10_000 });
}
