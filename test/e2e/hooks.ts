/** Mocha root hooks: the e2e world starts once before all tests and stops after them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startWorld, stopWorld, world } from './world';

/** The extension's own output channel, as code-server wrote it to its logs folder. */
function extensionLog(userDataDir: string): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/Claude Messages\.log$/.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.map((file) => `--- ${file}\n${fs.readFileSync(file, 'utf8').slice(-4000)}`).join('\n');
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    await startWorld();
  },
  /** A failed test leaves what a person would have seen, and what the extension logged, to read. */
  async afterEach(this: Mocha.Context): Promise<void> {
    if (this.currentTest?.state !== 'failed') return;
    this.timeout(30_000);
    const { page, screenshotsDir, codeServer } = world();
    const name = `failed-${(this.currentTest.title ?? 'test').replace(/[^\w-]+/g, '-').slice(0, 60)}`;
    await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) }).catch(() => undefined);
    try {
      const log = extensionLog(codeServer.userDataDir);
      fs.writeFileSync(path.join(screenshotsDir, `${name}.log`), `${log}\n--- code-server\n${codeServer.logs.slice(-4000)}`);
    } catch (error) {
      console.warn(`could not collect the logs: ${String(error)}`);
    }
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stopWorld();
  },
};
