/**
 * A tiny extension installed only by the code-server integration harness. It activates once the
 * workbench has started (code-server only starts an extension host when a browser opens it), runs
 * the suites that CLAUDE_MESSAGES_TEST_SUITES names through their standard `run()` entry, and
 * leaves the outcome in CLAUDE_MESSAGES_TEST_RESULTS for the harness to read.
 */
import * as fs from 'node:fs';
import { writeFileAtomic } from '../atomicFile';

export function activate(): void {
  const suites = process.env.CLAUDE_MESSAGES_TEST_SUITES;
  const resultsFile = process.env.CLAUDE_MESSAGES_TEST_RESULTS;
  if (!suites || !resultsFile) return;
  // Start once activation has returned, so the extension host is not kept waiting on this
  // activation for the whole run. Nothing else needs waiting for: the suites activate the
  // extension under test themselves and await it.
  setImmediate(() => {
    runSuites(suites).catch((error: unknown) => {
      // run() leaves its own results when mocha ran; this covers suites that did not load or
      // start, so the harness gets an answer instead of waiting for its deadline.
      if (fs.existsSync(resultsFile)) return;
      const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
      writeFileAtomic(resultsFile, JSON.stringify({ passed: 0, failed: 1, pending: 0, tests: [{ title: 'runner', state: 'failed', error: message }] }));
    });
  });
}

/** Async so that a suite file that throws while loading becomes a rejection, not an uncaught error. */
async function runSuites(suites: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require(suites) as { run(): Promise<void> };
  await entry.run();
}

export function deactivate(): void {}
