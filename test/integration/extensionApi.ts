import * as vscode from 'vscode';
import type { ClaudeMessagesApi } from '../../src/host/api';

export const EXTENSION_ID = 'claude-messages.claude-messages';

/** Activates the extension under test and returns its exported API. */
export async function activateExtension(): Promise<ClaudeMessagesApi> {
  const extension = vscode.extensions.getExtension<ClaudeMessagesApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = await extension.activate();
  if (!api) throw new Error(`${EXTENSION_ID} returned no API: is CLAUDE_MESSAGES_TEST_HOOKS=1 set for the extension host?`);
  return api;
}

/** Points the extension at the test server (user settings, as a person would). */
export async function useTestServer(url: string): Promise<void> {
  await vscode.workspace.getConfiguration('claudeMessages').update('baseUrl', url, vscode.ConfigurationTarget.Global);
}
