/**
 * Runs the integration suites under desktop VS Code downloaded by @vscode/test-electron, for
 * machines that can download it (`npm run test:electron`). Our CI machines cannot; they run the
 * same suites inside code-server (scripts/run-integration.mjs).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startTestServer } from '../server/server';

async function main(): Promise<void> {
  const server = await startTestServer({ apiKey: null });
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [path.join(repoRoot, 'test', 'integration', 'workspace'), '--disable-extensions'],
      extensionTestsEnv: { CLAUDE_MESSAGES_TEST_SERVER: server.url, CLAUDE_MESSAGES_TEST_HOOKS: '1' },
    });
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
