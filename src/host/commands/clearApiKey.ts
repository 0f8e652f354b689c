import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import { CommandIds } from './ids';

/** Deletes the stored key. */
export function registerClearApiKey(keys: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.clearApiKey, async () => {
    await keys.clear();
    void vscode.window.showInformationMessage('Claude Messages: API key removed from Secret Storage.');
  });
}
