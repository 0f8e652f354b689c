// @ts-check
// `npm start [folder]`: builds, then opens the extension in a real VS Code. Desktop `code` when it
// is on the PATH; otherwise a local code-server running this checkout in place (so `npm run watch`
// rebuilds show up on reload), printing the URL to open. Without a folder it opens a scratch
// workspace of sample files, never this checkout (an inline edit there would change the extension's
// own source). The code-server profile (settings, history, extensions) is kept between runs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureAll } from '../test/support/install.mjs';
import { startCodeServer, repoRoot } from '../test/support/codeServer.mjs';

const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Outside the checkout: a folder inside a git repository makes VS Code offer to open that repository.
const devHome = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'claude-messages-dev');
const given = process.argv[2];
const workspace = given ? path.resolve(given) : scratchWorkspace();
if (!given) console.log(`Opening the scratch workspace ${workspace}.\nTo open your own folder: npm start -- /path/to/folder`);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode && !process.env.CLAUDE_MESSAGES_USE_CODE_SERVER) {
  console.log('Opening desktop VS Code with this extension (code --extensionDevelopmentPath=.)');
  spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit', detached: true }).unref();
} else {
  ensureAll();
  const port = Number(process.env.PORT ?? 8080);
  const profileDir = path.join(devHome, 'profile');
  const server = await startCodeServer({ workspace, port, linkExtension: true, quiet: true, profileDir });
  console.log('\nClaude Messages is running in code-server (VS Code 1.100).');
  console.log(`Open: ${server.workbenchUrl}`);
  console.log(`Your settings and history are kept in ${profileDir} (the key lives in the browser's storage for this address).`);
  console.log('Set your key with F1 → "Claude Messages: Set API Key". Press Ctrl+C here to stop.\n');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The scratch folder, made from scripts/scratch-sample on first use and left as the user changed it. */
function scratchWorkspace() {
  const folder = path.join(devHome, 'scratch');
  if (!existsSync(folder)) cpSync(path.join(repoRoot, 'scripts', 'scratch-sample'), folder, { recursive: true });
  return folder;
}
