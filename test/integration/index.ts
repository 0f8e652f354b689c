/**
 * The standard `run()` entry of the integration suites, loaded inside a real VS Code extension
 * host: by @vscode/test-electron (`npm run test:electron`) or by the test-runner extension that the
 * code-server harness installs (`npm run test:integration`). It runs every built
 * `suites/*.test.js` beside it; when CLAUDE_MESSAGES_TEST_RESULTS names a file, the outcome is
 * written there too, because code-server's extension host has no console the harness can read.
 * `.only` and skipped tests fail the run: a suite left focused or skipped would pass while
 * testing less. After each test, a root hook fails that test if the test server refused any request
 * (the API would have refused it too).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { checkNothingRefused } from '../server/refusals';
import { writeFileAtomic } from './atomicFile';
import { takeRefusals } from './serverControl';

export interface IntegrationResults {
  passed: number;
  failed: number;
  pending: number;
  tests: Array<{ title: string; state: 'passed' | 'failed' | 'pending'; error?: string }>;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', forbidOnly: true, forbidPending: true });
  mocha.suite.afterEach('the test server refused nothing', async function (this: Mocha.Context) {
    await checkNothingRefused(this, takeRefusals);
  });
  const suitesDir = path.join(__dirname, 'suites');
  for (const file of fs.readdirSync(suitesDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suitesDir, file));
  }
  const results: IntegrationResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  const resultsFile = process.env.CLAUDE_MESSAGES_TEST_RESULTS;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultsFile) writeFileAtomic(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (results.passed === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed' });
    });
    runner.on('fail', (test, error: Error) => {
      const entry = { title: test.fullTitle(), state: 'failed' as const, error: `${error.message}\n${error.stack ?? ''}` };
      // The refusal check fails a test after it passed: turn that entry into the failure.
      const passed = results.tests.findIndex((t) => t.title === entry.title && t.state === 'passed');
      if (passed >= 0) {
        results.passed--;
        results.tests.splice(passed, 1, entry);
      } else {
        results.tests.push(entry);
      }
      results.failed++;
    });
    runner.on('pending', (test) => {
      results.pending++;
      results.tests.push({ title: test.fullTitle(), state: 'pending' });
    });
  });
}
