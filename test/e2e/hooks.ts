/**
 * Mocha root hooks: the e2e world starts once before all tests and stops after them, and each test
 * ends by checking that the test server refused none of its requests (a request the real API would
 * refuse is a bug even when the flow on screen looks fine). A failed test leaves a screenshot and
 * the extension's log to read.
 */
import { checkNothingRefused } from '../server/refusals';
import { saveFailureDiagnostics } from './diagnostics';
import { startWorld, stopWorld, takeRefusals } from './world';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    await startWorld();
  },
  async afterEach(this: Mocha.Context): Promise<void> {
    if (this.currentTest?.state === 'failed') {
      this.timeout(30_000);
      await saveFailureDiagnostics(this.currentTest.title);
    }
    await checkNothingRefused(this, takeRefusals);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stopWorld();
  },
};
