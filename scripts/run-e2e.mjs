// @ts-check
// Runs the e2e user flows: Playwright drives Debian's Chromium against code-server with the built
// extension installed; the extension talks only to the local test server.
import { spawnSync } from 'node:child_process';
import { ensureAll } from '../test/support/install.mjs';
import { buildAll } from './build-all.mjs';
import { repoRoot } from '../test/support/codeServer.mjs';

ensureAll();
buildAll();
const result = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', '--config', 'test/e2e/.mocharc.json', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
