/**
 * The results-file handshake of the integration harness: the extension host publishes the file
 * whole (test/integration/atomicFile.ts) and the harness (test/support/results.mjs) waits for a
 * file that parses instead of failing on the first half-written read.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../integration/atomicFile';
import { loadScript } from './load';

type Outcome = { results: { passed: number; failed: number; pending: number; tests: unknown[] } } | { problem: string };
interface ResultsModule {
  waitForResults(file: string, options: { timeoutMs: number; pollMs?: number }): Promise<Outcome>;
}

function problemOf(outcome: Outcome): string {
  assert.ok('problem' in outcome, `expected a problem, got ${JSON.stringify(outcome)}`);
  return outcome.problem;
}

const RESULTS = { passed: 3, failed: 0, pending: 0, tests: [{ title: 'a', state: 'passed' }] };

describe('integration results file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-messages-results-'));
    file = path.join(dir, 'results.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the whole text under the final name and leaves no temporary file behind', () => {
    writeFileAtomic(file, JSON.stringify(RESULTS));
    writeFileAtomic(file, JSON.stringify({ ...RESULTS, passed: 4 }));
    assert.deepEqual(fs.readdirSync(dir), ['results.json']);
    assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as typeof RESULTS).passed, 4);
  });

  it('removes its temporary file when the rename fails', () => {
    fs.mkdirSync(file); // a folder in the way: the rename cannot replace it
    assert.throws(() => writeFileAtomic(file, '{}'));
    assert.deepEqual(fs.readdirSync(dir), ['results.json']);
  });

  it('reads a half-written file again until the whole one is in place', async () => {
    const { waitForResults } = await loadScript<ResultsModule>('test/support/results.mjs');
    const whole = JSON.stringify(RESULTS, null, 2);
    fs.writeFileSync(file, whole.slice(0, whole.length / 2));
    // The first read happens before waitForResults yields, so it sees the truncated file.
    const waiting = waitForResults(file, { timeoutMs: 10_000, pollMs: 5 });
    writeFileAtomic(file, whole);
    assert.deepEqual(await waiting, { results: RESULTS });
  });

  it('reports a file that never parses, or never comes, at the deadline instead of throwing', async () => {
    const { waitForResults } = await loadScript<ResultsModule>('test/support/results.mjs');
    assert.match(problemOf(await waitForResults(file, { timeoutMs: 30, pollMs: 5 })), /no results file/);
    fs.writeFileSync(file, '{"passed": 1,');
    assert.match(problemOf(await waitForResults(file, { timeoutMs: 30, pollMs: 5 })), /did not parse/);
  });

  it('stops at once on a whole file of the wrong shape', async () => {
    const { waitForResults } = await loadScript<ResultsModule>('test/support/results.mjs');
    fs.writeFileSync(file, JSON.stringify({ ok: true }));
    assert.match(problemOf(await waitForResults(file, { timeoutMs: 60_000, pollMs: 5 })), /unexpected shape/);
  });
});
