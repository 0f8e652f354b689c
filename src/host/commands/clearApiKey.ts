import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import { CommandIds } from './ids';

const TRY_AGAIN = 'Try again';

/** Deletes the stored key; when the keychain refuses, says so rather than claiming it is gone. */
export function registerClearApiKey(keys: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.clearApiKey, async () => {
    const failure = await keys.clear();
    if (failure) {
      const choice = await vscode.window.showErrorMessage(`Claude Messages: ${failure.message}`, TRY_AGAIN);
      if (choice === TRY_AGAIN) await vscode.commands.executeCommand(CommandIds.clearApiKey);
      return;
    }
    void vscode.window.showInformationMessage('Claude Messages: API key removed from Secret Storage.');
  });
}
