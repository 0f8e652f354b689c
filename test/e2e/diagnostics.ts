/** What a failed e2e test leaves behind to read: a screenshot and the extension's log. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { world } from './world';

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

/** Saves `failed-<title>.png` and `.log` under test-results/e2e. */
export async function saveFailureDiagnostics(title: string): Promise<void> {
  const { page, screenshotsDir, codeServer } = world();
  const name = `failed-${title.replace(/[^\w-]+/g, '-').slice(0, 60)}`;
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) }).catch(() => undefined);
  try {
    fs.writeFileSync(path.join(screenshotsDir, `${name}.log`), `${extensionLog(codeServer.userDataDir)}\n--- code-server\n${codeServer.logs.slice(-4000)}`);
  } catch (error) {
    console.warn(`could not collect the logs: ${String(error)}`);
  }
}
