/**
 * A tiny extension installed only by the code-server integration harness. It activates once the
 * workbench has started (code-server only starts an extension host when a browser opens it), runs
 * the suites that CLAUDE_MESSAGES_TEST_SUITES names through their standard `run()` entry, and
 * leaves the outcome in CLAUDE_MESSAGES_TEST_RESULTS for the harness to read.
 */
import * as fs from 'node:fs';

export function activate(): void {
  const suites = process.env.CLAUDE_MESSAGES_TEST_SUITES;
  const resultsFile = process.env.CLAUDE_MESSAGES_TEST_RESULTS;
  if (!suites || !resultsFile) return;
  // Run after activation returns so the workbench finishes starting other extensions first.
  setTimeout(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require(suites) as { run(): Promise<void> };
    entry.run().catch((error: unknown) => {
      if (!fs.existsSync(resultsFile)) {
        const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
        fs.writeFileSync(resultsFile, JSON.stringify({ passed: 0, failed: 1, pending: 0, tests: [{ title: 'runner', state: 'failed', error: message }] }));
      }
    });
  }, 500);
}

export function deactivate(): void {}
