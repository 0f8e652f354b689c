/**
 * Waiting for conditions outside the page, which Playwright's own waits cannot see: files on disk,
 * the test server's records. Tests wait for the condition they mean instead of sleeping a fixed
 * time and hoping it held by then.
 */

/**
 * Checks `condition` until it holds or `timeoutMs` passes, and resolves to whether it held. The
 * caller asserts afterwards, so a failure shows what was there instead of a bare timeout.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, options: { timeoutMs: number; pollMs?: number }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    // How often to look again, not how long the thing takes: the deadline bounds the wait.
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}
