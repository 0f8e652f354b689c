// @ts-check
// Runs the integration suites inside a real VS Code extension host: code-server 1.100 with the
// built extension and a small test-runner extension installed, its workbench opened in Chromium
// (code-server starts no extension host until a browser connects). The suites talk only to the
// local test server.
import { mkdtempSync, writeFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureAll } from '../test/support/install.mjs';
import { startCodeServer, repoRoot } from '../test/support/codeServer.mjs';
import { openWorkbench } from '../test/support/browser.mjs';
import { waitForResults } from '../test/support/results.mjs';
import { buildAll } from './build-all.mjs';

const require = createRequire(import.meta.url);

async function main() {
  ensureAll();
  buildAll();
  const { startTestServer } = require(path.join(repoRoot, 'out/test/server/server.js'));
  const server = await startTestServer({ apiKey: null });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'claude-messages-it-'));
  const workspace = path.join(temp, 'workspace');
  cpSync(path.join(repoRoot, 'test/integration/workspace'), workspace, { recursive: true });
  const runnerDir = path.join(temp, 'runner');
  mkdirSync(runnerDir);
  writeFileSync(path.join(runnerDir, 'package.json'), JSON.stringify({
    name: 'test-runner', publisher: 'claude-messages-tests', version: '0.0.1',
    engines: { vscode: '^1.100.0' }, activationEvents: ['onStartupFinished'], main: './index.js',
  }));
  writeFileSync(path.join(runnerDir, 'index.js'),
    `module.exports = require(${JSON.stringify(path.join(repoRoot, 'out/test/integration/runner/extension.js'))});\n`);
  const resultsFile = path.join(temp, 'results.json');

  const codeServer = await startCodeServer({
    workspace,
    extraExtensions: [runnerDir],
    settings: { 'claudeMessages.baseUrl': server.url },
    env: {
      CLAUDE_MESSAGES_TEST_SUITES: path.join(repoRoot, 'out/test/integration/index.js'),
      CLAUDE_MESSAGES_TEST_RESULTS: resultsFile,
      CLAUDE_MESSAGES_TEST_SERVER: server.url,
      // Only then does activate() return the key API (see src/host/api.ts).
      CLAUDE_MESSAGES_TEST_HOOKS: '1',
    },
    quiet: true,
  });
  let exitCode = 1;
  const { browser } = await openWorkbench(codeServer.workbenchUrl);
  try {
    const outcome = await waitForResults(resultsFile, { timeoutMs: 5 * 60_000 });
    if ('problem' in outcome) {
      console.error(`integration: ${outcome.problem}; code-server said:\n` + codeServer.logs.slice(-4000));
    } else {
      exitCode = printResults(outcome.results);
    }
  } finally {
    await browser.close();
    await codeServer.stop();
    await server.close();
    rmSync(temp, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
  process.exit(exitCode);
}

/**
 * Prints the results like mocha's spec reporter and returns the exit code: 0 only when tests ran
 * and none failed or was skipped.
 * @param {import('../test/support/results.mjs').IntegrationResults} results
 */
function printResults(results) {
  for (const test of results.tests) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'pending' ? '-' : '✘';
    console.log(`  ${mark} ${test.title}`);
    if (test.error) console.log(`      ${test.error.split('\n').slice(0, 8).join('\n      ')}`);
  }
  console.log(`\n  ${results.passed} passing`);
  if (results.failed) console.log(`  ${results.failed} failing`);
  if (results.pending) console.log(`  ${results.pending} pending`);
  return results.failed === 0 && results.pending === 0 && results.passed > 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
