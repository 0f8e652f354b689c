// @ts-check
// Opens the code-server workbench in Debian's Chromium with Playwright, and finds things inside
// webviews (nested iframes).
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './codeServer.mjs';

/**
 * @param {string} workbenchUrl
 * @param {{width?: number, height?: number, colorScheme?: 'light' | 'dark'}} [options]
 */
export async function openWorkbench(workbenchUrl, options = {}) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'dark',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  await page.goto(workbenchUrl);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return { browser, page };
}

/**
 * The frame of a webview that contains `selector` (webviews are an iframe holding another iframe).
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {number} [timeoutMs]
 */
export async function findWebviewFrame(page, selector, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(selector)) return frame;
      } catch {
        // the frame navigated or detached while we looked
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview frame holds ${selector} after ${timeoutMs} ms`);
}

/**
 * Runs a command from the palette by its title, as a person would.
 * @param {import('playwright-core').Page} page
 * @param {string} title e.g. "Claude Messages: Set API Key"
 */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  // The row whose label is exactly the title: Enter would take whatever ranks first.
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}
