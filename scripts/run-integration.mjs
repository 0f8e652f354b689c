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
  const proxied = await startProxyWorld(server.port);
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
      // The proxy suite (suites/proxy.test.ts): a CONNECT proxy, and a TLS server trusted only
      // through this CA file, read by Node when the extension host starts.
      NODE_EXTRA_CA_CERTS: proxied.caFile,
      CLAUDE_MESSAGES_TEST_PROXY: proxied.proxyUrl,
      CLAUDE_MESSAGES_TEST_TLS_URL: proxied.tlsUrl,
      CLAUDE_MESSAGES_TEST_UNTRUSTED_TLS_URL: proxied.untrustedTlsUrl,
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
    await proxied.close();
    rmSync(temp, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
  process.exit(exitCode);
}

/**
 * A CA and a certificate for a host name no DNS resolves (openssl, at run time), a TLS server with
 * it in front of the test server, and a CONNECT proxy that alone knows where that name is.
 * @param {number} testServerPort
 */
async function startProxyWorld(testServerPort) {
  const { makeTestCertificates } = require(path.join(repoRoot, 'out/test/proxy/certificates.js'));
  const { startConnectProxy } = require(path.join(repoRoot, 'out/test/proxy/connectProxy.js'));
  const { startTlsFront } = require(path.join(repoRoot, 'out/test/proxy/tlsFront.js'));
  const host = 'api.proxy-test.invalid';
  const certs = makeTestCertificates([host]);
  const front = await startTlsFront({ certPem: certs.certPem, keyPem: certs.keyPem, forwardPort: testServerPort });
  // A second server whose CA nobody trusts: what a TLS-inspecting proxy looks like.
  const untrustedHost = 'untrusted.proxy-test.invalid';
  const untrusted = makeTestCertificates([untrustedHost], 'Untrusted test CA');
  const untrustedFront = await startTlsFront({ certPem: untrusted.certPem, keyPem: untrusted.keyPem, forwardPort: testServerPort });
  const proxy = await startConnectProxy({ mapHost: (/** @type {string} */ name) => (name.endsWith('.proxy-test.invalid') ? '127.0.0.1' : name) });
  return {
    caFile: certs.caFile,
    proxyUrl: proxy.url,
    tlsUrl: `https://${host}:${front.port}`,
    untrustedTlsUrl: `https://${untrustedHost}:${untrustedFront.port}`,
    close: async () => {
      await proxy.close();
      await front.close();
      await untrustedFront.close();
      certs.remove();
      untrusted.remove();
    },
  };
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
