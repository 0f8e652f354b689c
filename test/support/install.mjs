// @ts-check
// Installs what the integration and e2e tests (and `npm start` without desktop VS Code) need:
// Debian's Chromium and ripgrep, and code-server 4.100.x (a real VS Code 1.100 server from the npm
// registry) into .vscode-test/code-server. Nothing here downloads from anywhere but the npm
// registry and Debian's package mirrors. Each step prints what it does and fails loudly with the
// reason; a finished install is cached behind a marker file so a second run takes milliseconds.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync, lstatSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');
export const codeServerRoot = path.join(cacheDir, 'code-server', 'node_modules', 'code-server');
const marker = path.join(cacheDir, 'code-server', `installed-${CODE_SERVER_VERSION}`);

/** @param {string} message */
function step(message) {
  console.log(`[install] ${message}`);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv}} [options]
 */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`[install] failed: ${command} ${args.join(' ')} (in ${options.cwd ?? process.cwd()})\n${output}`);
  }
  return result.stdout;
}

/** @param {string} binary */
function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).status === 0;
}

/** Debian packages: Chromium for Playwright, ripgrep for VS Code's search, Kerberos headers for a native module, openssl for test certificates. */
export function ensureDebianPackages() {
  const wanted = [
    { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
    { pkg: 'ripgrep', present: () => onPath('rg') },
    { pkg: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') || existsSync('/usr/include/krb5.h') },
    // The proxy tests make a CA and a server certificate at run time.
    { pkg: 'openssl', present: () => onPath('openssl') },
  ];
  const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
  if (missing.length === 0) {
    step('Debian packages present: chromium, ripgrep, libkrb5-dev, openssl');
    return;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`[install] missing Debian packages ${missing.join(', ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  step(`apt-get update, then apt-get install ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

/** code-server 4.100.x with its native modules rebuilt against this machine's Node. */
export function ensureCodeServer() {
  if (existsSync(marker)) {
    step(`code-server ${CODE_SERVER_VERSION} cached in ${path.relative(repoRoot, codeServerRoot)}`);
    return;
  }
  const started = Date.now();
  const installDir = path.join(cacheDir, 'code-server');
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  // npm's machine config says yes=false, which makes node-pty's rebuild fail; it also must not run
  // dependencies' install scripts (some download binaries from the internet).
  const npmEnv = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

  step(`npm install code-server@${CODE_SERVER_VERSION} (about a minute)`);
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: installDir, env: npmEnv });

  const vscodeDir = path.join(codeServerRoot, 'lib', 'vscode');
  step('npm install the VS Code server dependencies');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscodeDir, env: npmEnv });
  step('rebuild native modules: kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid');
  run('npm', ['rebuild', 'kerberos', 'node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid'], { cwd: vscodeDir, env: npmEnv });

  // @vscode/ripgrep's postinstall downloads rg from the internet; Debian's rg does the same job.
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  const rgLink = path.join(rgBin, 'rg');
  if (existsSync(rgLink) || isLink(rgLink)) unlinkSync(rgLink);
  symlinkSync(execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim(), rgLink);

  const asar = path.join(vscodeDir, 'node_modules.asar');
  if (!existsSync(asar) && !isLink(asar)) symlinkSync('node_modules', asar);

  step('npm install the built-in extensions\' dependencies');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: path.join(vscodeDir, 'extensions'), env: npmEnv });
  // code-server's own dependencies are hoisted into the cache folder's node_modules.
  step('rebuild argon2');
  run('npm', ['rebuild', 'argon2'], { cwd: installDir, env: npmEnv });

  const entry = path.join(codeServerRoot, 'out', 'node', 'entry.js');
  if (!existsSync(entry)) throw new Error(`[install] code-server entry point missing: ${entry}`);
  writeFileSync(marker, new Date().toISOString());
  step(`code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** @param {string} file */
function isLink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The VS Code version code-server embeds, read from its product.json. */
export function codeServerVsCodeVersion() {
  const product = JSON.parse(readFileSync(path.join(codeServerRoot, 'lib', 'vscode', 'product.json'), 'utf8'));
  return String(product.version ?? 'unknown');
}

export function ensureAll() {
  ensureDebianPackages();
  ensureCodeServer();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureAll();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
