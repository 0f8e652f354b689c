// @ts-check
// Builds the extension (host + webview) and the test files, failing loudly.
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../test/support/codeServer.mjs';

export function buildAll() {
  execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
  execFileSync(process.execPath, ['esbuild.js', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
}
