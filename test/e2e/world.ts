/**
 * The e2e world: one test server, one code-server with the built extension, one Chromium page,
 * shared by every e2e test (starting code-server takes seconds, a browser more). Tests reset the
 * test server's queue and start a new chat rather than restarting everything.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { startTestServer, type Refusal, type TestServer } from '../server/server';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

interface RunningCodeServer {
  url: string;
  workbenchUrl: string;
  userDataDir: string;
  logs: string;
  stop(): Promise<void>;
}
interface SupportModules {
  startCodeServer(options: { workspace: string; settings?: Record<string, unknown>; quiet?: boolean; env?: Record<string, string> }): Promise<RunningCodeServer>;
  openWorkbench(url: string, options?: { colorScheme?: 'light' | 'dark' }): Promise<{ browser: Browser; page: Page }>;
  findWebviewFrame(page: Page, selector: string, timeoutMs?: number): Promise<Frame>;
  runCommand(page: Page, title: string): Promise<void>;
}

export interface World {
  server: TestServer;
  codeServer: RunningCodeServer;
  browser: Browser;
  page: Page;
  workspace: string;
  support: SupportModules;
  screenshotsDir: string;
  /** Every API key a test typed into the Set API Key command: the key sweep (zz-keySweep) hunts for them. */
  keysSet: Set<string>;
  /**
   * While this file exists, the extension's SecretStorage fails with the file's text as its error
   * (src/common/secrets/testFault.ts; the extension host runs with the test hooks on for it).
   */
  secretFaultFile: string;
}

// Each test file is bundled on its own, so module state is per file: the world lives on globalThis.
const holder = globalThis as { claudeMessagesE2eWorld?: World };

/** Loads the plain-JS support modules at run time (they are shared with npm start, unbundled). */
async function loadSupport(): Promise<SupportModules> {
  const load = (file: string): Promise<Record<string, unknown>> =>
    import(pathToFileURL(path.join(repoRoot, 'test', 'support', file)).href) as Promise<Record<string, unknown>>;
  const [codeServer, browser] = await Promise.all([load('codeServer.mjs'), load('browser.mjs')]);
  return { ...codeServer, ...browser } as unknown as SupportModules;
}

export async function startWorld(): Promise<World> {
  const support = await loadSupport();
  const server = await startTestServer();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-messages-e2e-ws-'));
  const secretFaultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claude-messages-e2e-fault-')), 'secret-storage-fault');
  fs.cpSync(path.join(repoRoot, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  const codeServer = await support.startCodeServer({
    workspace,
    settings: {
      'claudeMessages.baseUrl': server.url,
      'workbench.colorTheme': process.env.E2E_THEME ?? 'Default Dark Modern',
      // The web build defaults to auto-save after a delay; desktop VS Code (and these tests) do not,
      // so "nothing is on disk before accept" can be checked.
      'files.autoSave': 'off',
    },
    quiet: true,
    env: { CLAUDE_MESSAGES_TEST_HOOKS: '1', CLAUDE_MESSAGES_TEST_SECRET_FAULT_FILE: secretFaultFile },
  });
  const { browser, page } = await support.openWorkbench(codeServer.workbenchUrl);
  const screenshotsDir = path.join(repoRoot, 'test-results', 'e2e');
  fs.mkdirSync(screenshotsDir, { recursive: true });
  holder.claudeMessagesE2eWorld = { server, codeServer, browser, page, workspace, support, screenshotsDir, keysSet: new Set(), secretFaultFile };
  return holder.claudeMessagesE2eWorld;
}

export function world(): World {
  const current = holder.claudeMessagesE2eWorld;
  if (!current) throw new Error('the e2e world is not started (test/e2e/hooks.ts)');
  return current;
}

/**
 * What the test server refused since the last call (and forgets it): the after-each "nothing
 * refused" check in hooks.ts. Nothing when the world never started (beforeAll reported that).
 */
export async function takeRefusals(): Promise<Refusal[]> {
  return holder.claudeMessagesE2eWorld?.server.takeRefused() ?? [];
}

export async function stopWorld(): Promise<void> {
  const current = holder.claudeMessagesE2eWorld;
  if (!current) return;
  const { browser, codeServer, server, workspace, secretFaultFile } = current;
  holder.claudeMessagesE2eWorld = undefined;
  await browser.close().catch(() => undefined);
  await codeServer.stop();
  await server.close();
  fs.rmSync(workspace, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  fs.rmSync(path.dirname(secretFaultFile), { recursive: true, force: true });
}
