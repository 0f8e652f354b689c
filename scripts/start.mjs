// @ts-check
// `npm start`: builds, then opens the extension in a real VS Code. Desktop `code` when it is on
// the PATH; otherwise a local code-server with the extension installed (linked to this checkout's
// dist/, so `npm run watch` rebuilds show up on reload), printing the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureAll } from '../test/support/install.mjs';
import { startCodeServer, repoRoot } from '../test/support/codeServer.mjs';

const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The folder to open: the first argument, else this checkout (never a test fixture, which edits would change).
const workspace = process.argv[2] ? path.resolve(process.argv[2]) : repoRoot;
const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode && !process.env.CLAUDE_MESSAGES_USE_CODE_SERVER) {
  console.log('Opening desktop VS Code with this extension (code --extensionDevelopmentPath=.)');
  spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit', detached: true }).unref();
} else {
  ensureAll();
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer({ workspace, port, linkExtension: true, quiet: true });
  console.log('\nClaude Messages is running in code-server (VS Code 1.100).');
  console.log(`Open: ${server.workbenchUrl}`);
  console.log('Set your key with F1 → "Claude Messages: Set API Key". Press Ctrl+C here to stop.\n');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
