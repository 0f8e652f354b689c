// @ts-check
// Starts code-server (a real VS Code 1.100) on 127.0.0.1 with a throwaway profile, the built
// extension installed from this checkout, and optional extra extensions (the integration test
// runner). Shared by the integration harness, the e2e tests and `npm start`.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerRoot } from './install.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Installs an extension folder into an extensions dir the way VS Code would have: a folder named
 * publisher.name-version plus an entry in extensions.json (replacing an older entry of the same id,
 * so a kept profile does not collect duplicates).
 * @param {string} extensionsDir
 * @param {string} sourceDir folder holding package.json and what `main` needs
 * @param {boolean} link register `sourceDir` itself (dev: rebuilds show up on reload) instead of a copy
 */
function installExtensionFolder(extensionsDir, sourceDir, link) {
  const manifest = JSON.parse(readFileSync(path.join(sourceDir, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const folderName = `${id}-${manifest.version}`;
  const target = path.join(extensionsDir, folderName);
  /** @type {Record<string, unknown>} */
  let location = { relativeLocation: folderName, location: { $mid: 1, path: target, scheme: 'file' } };
  if (link) {
    // The checkout itself is the extension's location. A folder of symlinks would not do: Node
    // loads dist/extension.js by its real path, VS Code then cannot tell which extension a
    // notification comes from, and shows it as "Null Extension Description".
    location = { location: { $mid: 1, path: sourceDir, scheme: 'file' } };
  } else {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    for (const entry of ['package.json', 'dist', 'media', 'out', 'index.js', 'README.md']) {
      const from = path.join(sourceDir, entry);
      if (existsSync(from)) cpSync(from, path.join(target, entry), { recursive: true });
    }
  }
  const listFile = path.join(extensionsDir, 'extensions.json');
  /** @type {Array<{identifier: {id: string}}>} */
  const existing = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : [];
  const list = existing.filter((entry) => entry.identifier.id.toLowerCase() !== id.toLowerCase());
  list.push({ identifier: { id }, version: manifest.version, ...location, metadata: { installedTimestamp: Date.now(), source: 'vsix' } });
  writeFileSync(listFile, JSON.stringify(list));
}

/**
 * @typedef {object} CodeServerOptions
 * @property {string} workspace folder to open
 * @property {Record<string, unknown>} [settings] user settings
 * @property {string[]} [extraExtensions] extension folders to install beside this one
 * @property {Record<string, string>} [env] environment for code-server and so its extension host
 * @property {number} [port]
 * @property {boolean} [linkExtension] run this checkout in place instead of a copy of its build
 * @property {string} [profileDir] keep user data (settings, key, history) and extensions here between
 *   runs instead of in a temp folder removed on stop; settings given here are defaults only
 * @property {boolean} [quiet] do not echo code-server's output
 */

/**
 * @typedef {object} RunningCodeServer
 * @property {string} url base URL
 * @property {string} workbenchUrl URL that opens the workspace
 * @property {string} userDataDir
 * @property {string} logs code-server's output so far
 * @property {() => Promise<void>} stop
 */

/**
 * @param {CodeServerOptions} options
 * @returns {Promise<RunningCodeServer>}
 */
export async function startCodeServer(options) {
  const entry = path.join(codeServerRoot, 'out', 'node', 'entry.js');
  if (!existsSync(entry)) {
    throw new Error(`code-server is not installed (${entry} missing). Run: node test/support/install.mjs`);
  }
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `node esbuild.js` first.');
  }
  const root = options.profileDir ?? mkdtempSync(path.join(os.tmpdir(), 'claude-messages-cs-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const userSettingsFile = path.join(userDataDir, 'User', 'settings.json');
  const keptSettings = options.profileDir && existsSync(userSettingsFile);
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // Without these, the workspace-trust dialog and the welcome page swallow keystrokes.
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    ...options.settings,
  };
  // A kept profile keeps what its user changed.
  if (!keptSettings) writeFileSync(userSettingsFile, JSON.stringify(settings, null, 2));
  // code-server's extension host is a remote one: it takes machine-scoped settings (such as
  // claudeMessages.baseUrl) from the remote machine's settings, and the user settings' value only
  // sometimes. Seen: after a window reload the new extension host used the default base URL.
  mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  if (!keptSettings) writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.settings ?? {}, null, 2));
  installExtensionFolder(extensionsDir, repoRoot, options.linkExtension ?? false);
  for (const extra of options.extraExtensions ?? []) installExtensionFolder(extensionsDir, extra, false);

  const port = options.port ?? (await freePort());
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    options.workspace,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const onData = (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString();
    logs += text;
    if (!options.quiet) process.stdout.write(`[code-server] ${text}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child, () => logs);
  return {
    url,
    workbenchUrl: `${url}/?folder=${encodeURIComponent(options.workspace)}`,
    userDataDir,
    get logs() {
      return logs;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (options.profileDir) return;
      // code-server's helpers (extension host, watcher) can still be writing for a moment after it
      // exits: retry, and a temp folder left behind is reported, never a failed test run.
      try {
        rmSync(root, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
      } catch (error) {
        console.warn(`code-server: could not remove ${root}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

/**
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => string} logs
 */
async function waitForHttp(url, child, logs) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${logs()}`);
}

/** Chromium flags that work on these machines (no sandbox as root, no background network). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
