// @ts-check
// Reads the results file that the integration suites leave behind in code-server's extension host
// (test/integration/index.ts). The writer renames a finished file into place
// (test/integration/atomicFile.ts), so a file that exists is whole; should one still not parse, it
// is read again until the deadline instead of failing the run on a half-written file.
import { existsSync, readFileSync } from 'node:fs';

/**
 * @typedef {object} IntegrationResults
 * @property {number} passed
 * @property {number} failed
 * @property {number} pending
 * @property {Array<{title: string, state: string, error?: string}>} tests
 */

/**
 * @param {string} file
 * @param {{timeoutMs: number, pollMs?: number}} options
 * @returns {Promise<{results: IntegrationResults} | {problem: string}>}
 */
export async function waitForResults(file, options) {
  const deadline = Date.now() + options.timeoutMs;
  let problem = `no results file after ${options.timeoutMs} ms`;
  for (;;) {
    if (existsSync(file)) {
      try {
        const results = JSON.parse(readFileSync(file, 'utf8'));
        // A whole file of the wrong shape will not get better by waiting.
        if (!isResults(results)) return { problem: `the results file has an unexpected shape: ${JSON.stringify(results).slice(0, 500)}` };
        return { results };
      } catch (error) {
        problem = `the results file still did not parse after ${options.timeoutMs} ms (${error instanceof Error ? error.message : String(error)})`;
      }
    }
    if (Date.now() >= deadline) return { problem };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}

/**
 * @param {unknown} value
 * @returns {value is IntegrationResults}
 */
function isResults(value) {
  if (typeof value !== 'object' || value === null) return false;
  const record = /** @type {Record<string, unknown>} */ (value);
  return ['passed', 'failed', 'pending'].every((key) => typeof record[key] === 'number') && Array.isArray(record.tests);
}
