/** Mocha root hooks: the e2e world starts once before all tests and stops after them. */
import { startWorld, stopWorld } from './world';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    await startWorld();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stopWorld();
  },
};
