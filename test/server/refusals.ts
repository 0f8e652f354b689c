/**
 * The "nothing refused" check shared by the e2e and integration levels: after each test, the
 * requests the test server refused are taken and, if there are any, that test fails listing them.
 * Imports nothing at run time, so the extension-host bundle of the integration suites can use it.
 */
import type { Refusal } from './types';

/** One line per refusal: rule, status, path, model and the API's message. */
export function formatRefusals(refusals: readonly Refusal[]): string {
  return refusals
    .map((refusal) => `  - ${refusal.rule}: ${refusal.status} ${refusal.type} on ${refusal.method} ${refusal.path}${refusal.model ? ` (${refusal.model})` : ''}: ${refusal.message}`)
    .join('\n');
}

/** The error a test fails with when the server refused some of its requests. */
export function refusalsError(refusals: readonly Refusal[]): Error {
  return new Error(`the test server refused ${refusals.length} request(s) the real API would refuse too:\n${formatRefusals(refusals)}`);
}

/**
 * Fails the test that just ran, from inside an `afterEach` hook, without aborting the run. Throwing
 * from a root afterEach would make mocha skip every remaining test of the suite; setting the hook's
 * error instead fails just the current test (mocha reports it as that test's failure).
 */
export function failCurrentTest(context: Mocha.Context, error: Error): void {
  const hook = context.test;
  if (!isHook(hook)) throw error;
  hook.error(error);
}

/** In a hook, `this.test` is the hook itself (mocha's Context holds the running runnable). */
function isHook(runnable: Mocha.Runnable | undefined): runnable is Mocha.Hook {
  return runnable !== undefined && Reflect.get(runnable, 'type') === 'hook' && typeof Reflect.get(runnable, 'error') === 'function';
}

/**
 * The after-each check: takes the refusals (in process, or over `POST /__control/refused/take`)
 * and fails the current test when there are any. A failure to ask fails the test as well.
 */
export async function checkNothingRefused(context: Mocha.Context, take: () => Promise<readonly Refusal[]>): Promise<void> {
  let refusals: readonly Refusal[];
  try {
    refusals = await take();
  } catch (error) {
    failCurrentTest(context, new Error(`could not ask the test server what it refused: ${String(error)}`));
    return;
  }
  if (refusals.length > 0) failCurrentTest(context, refusalsError(refusals));
}
