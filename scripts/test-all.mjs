// @ts-check
// `npm test`: setup, typecheck, lint, unit, integration and e2e, in that order. Every level must run at
// least one test; the run fails on the first broken level and ends with one closing line that
// counts all tests: "N passed, N failed".
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string} name
 * @param {string[]} args npm run arguments
 * @param {boolean} counts whether this level reports mocha counts
 */
function level(name, args, counts) {
  return new Promise((resolve) => {
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (/** @type {NodeJS.WriteStream} */ stream) => (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', (code) => {
      const passed = counts ? lastNumber(output, /(\d+) passing/g) : 0;
      const failed = counts ? lastNumber(output, /(\d+) failing/g) : 0;
      const pending = counts ? lastNumber(output, /(\d+) pending/g) : 0;
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ name, ok: code === 0 && (!counts || (passed > 0 && pending === 0)), code, passed, failed, pending, seconds });
    });
  });
}

/** @param {string} text @param {RegExp} pattern */
function lastNumber(text, pattern) {
  let value = 0;
  for (const match of text.matchAll(pattern)) value = Number(match[1]);
  return value;
}

const levels = [
  // First: what the machine needs (Debian's chromium, ripgrep and openssl, code-server), so a fresh
  // machine fails here with the reason, and the unit tests that make certificates find openssl.
  { name: 'setup', args: ['test:setup'], counts: false },
  { name: 'typecheck', args: ['typecheck'], counts: false },
  { name: 'lint', args: ['lint'], counts: false },
  { name: 'unit', args: ['test:unit'], counts: true },
  { name: 'integration', args: ['test:integration'], counts: true },
  { name: 'e2e', args: ['test:e2e'], counts: true },
];

/** @type {Array<{name: string, ok: boolean, passed: number, failed: number, pending: number, seconds: number, code: number | null}>} */
const results = [];
for (const { name, args, counts } of levels) {
  const result = /** @type {typeof results[number]} */ (await level(name, args, counts));
  results.push(result);
  if (!result.ok) break;
}

console.log('\n=== summary ===');
for (const r of results) {
  const detail = r.passed || r.failed ? `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}` : r.ok ? 'ok' : `exit ${r.code}`;
  console.log(`${r.name.padEnd(12)} ${r.ok ? 'ok  ' : 'FAIL'} ${detail} (${r.seconds} s)`);
  if (!r.ok && (r.passed > 0 || r.failed > 0) && r.failed === 0) console.log(`${' '.repeat(12)} ${r.pending ? 'a level may not skip tests' : 'a level must run at least one test'}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + (results.some((r) => !r.ok) && results.every((r) => r.failed === 0) ? 1 : 0);
const allOk = results.length === levels.length && results.every((r) => r.ok);
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
