/** Page helpers for the chat view, in the vocabulary of CONTRACT.md's test ids. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot, world } from './world';

/** Opens the chat view from the activity bar, as a person would, and returns its webview frame. */
export async function openChat(page: Page = world().page): Promise<Frame> {
  const { support } = world();
  const icon = page.locator('.activitybar .action-item:has(a[aria-label="Claude Messages"]), .activitybar .action-item[aria-label="Claude Messages"]').first();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const frame = await support.findWebviewFrame(page, '[data-testid="prompt"]', 1500).catch(() => undefined);
    if (frame) return frame;
    // Clicking the icon of a container that is already shown would close it: click only when it is not.
    if ((await icon.count()) > 0 && !((await icon.getAttribute('class')) ?? '').includes('checked')) await icon.click();
  }
  throw new Error('the chat view did not open');
}

/** Sets the key as a person would, and remembers it for the end-of-run key sweep. */
export async function setApiKeyThroughCommand(key: string): Promise<void> {
  const { page, support, keysSet } = world();
  keysSet.add(key);
  await support.runCommand(page, 'Claude Messages: Set API Key');
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(key);
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

export async function sendPrompt(frame: Frame, text: string): Promise<void> {
  const prompt = frame.locator('[data-testid="prompt"]');
  await prompt.click();
  await prompt.fill(text);
  await prompt.press('Enter');
}

export function lastAssistant(frame: Frame) {
  return frame.locator('[data-testid="message"][data-role="assistant"]').last();
}

export async function waitForStatus(frame: Frame, status: string, timeoutMs = 30_000): Promise<void> {
  await frame.locator(`[data-testid="message"][data-role="assistant"][data-status="${status}"]`).last().waitFor({ timeout: timeoutMs });
}

/** How many assistant turns the view shows (to wait for the next one). */
export async function assistantCount(frame: Frame): Promise<number> {
  return frame.locator('[data-testid="message"][data-role="assistant"]').count();
}

/** Waits until a reply after the first `before` has appeared and reached `status`. */
export async function waitForNewReply(frame: Frame, before: number, status = 'done', timeoutMs = 30_000): Promise<void> {
  await frame.waitForFunction(
    ([count, wanted]) => {
      const turns = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      return turns.length > Number(count) && turns[turns.length - 1]?.getAttribute('data-status') === wanted;
    },
    [before, status] as const,
    { timeout: timeoutMs },
  );
}

/** The last reply, as a retry or a regenerate is about to replace it: its turn id and how many replies there are. */
export interface ReplyToReplace {
  id: string | null;
  count: number;
}

export async function replyToReplace(frame: Frame): Promise<ReplyToReplace> {
  return { id: await lastAssistant(frame).getAttribute('data-turn-id'), count: await assistantCount(frame) };
}

/**
 * Waits until the last reply is another turn than `replaced` and has reached `status`: a retry or a
 * regenerate replaces the reply in place (the old one becomes an earlier version), so the count of
 * replies comes back to what it was (in between, the redrawn view lacks the replaced one, and the
 * reply before it must not pass for the new one).
 */
export async function waitForReplacedReply(frame: Frame, replaced: ReplyToReplace, status = 'done', timeoutMs = 30_000): Promise<void> {
  await frame.waitForFunction(
    ([id, count, wanted]) => {
      const turns = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      const last = turns[turns.length - 1];
      return turns.length >= Number(count) && last !== undefined && last.getAttribute('data-turn-id') !== id && last.getAttribute('data-status') === wanted;
    },
    [replaced.id, replaced.count, status] as const,
    { timeout: timeoutMs },
  );
}

/**
 * Saves a screenshot under test-results/e2e; README ones (`screenshot-*`) also under media/ when
 * UPDATE_SCREENSHOTS=1. `side-bar` keeps the activity bar and the side bar (the chat) only.
 */
export async function screenshot(name: string, area: 'window' | 'side-bar' = 'window'): Promise<string> {
  const { page, screenshotsDir } = world();
  const file = path.join(screenshotsDir, `${name}.png`);
  const sideBar = area === 'side-bar' ? await page.locator('.part.sidebar').boundingBox() : null;
  const viewport = page.viewportSize();
  // From the side bar's top (below the title bar) to the window's bottom (with the status bar).
  const clip = sideBar && viewport ? { x: 0, y: Math.floor(sideBar.y), width: Math.ceil(sideBar.x + sideBar.width), height: viewport.height - Math.floor(sideBar.y) } : undefined;
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  if (process.env.UPDATE_SCREENSHOTS === '1' && name.startsWith('screenshot-')) fs.copyFileSync(file, path.join(repoRoot, 'media', `${name}.png`));
  return file;
}

export async function newChat(frame: Frame): Promise<void> {
  await frame.locator('[data-testid="new-chat"]').click();
  await assert.doesNotReject(frame.locator('[data-testid="message"]').first().waitFor({ state: 'detached', timeout: 10_000 }));
}

/**
 * A new chat against a server that takes any key (the token meter may still count with the key a
 * previous file stored) and streams quickly: how each test about replies starts.
 */
export async function freshChat(): Promise<Frame> {
  const { server } = world();
  server.reset();
  server.configure({ apiKey: null, tokenDelayMs: 5 });
  const frame = await openChat();
  await newChat(frame);
  return frame;
}
