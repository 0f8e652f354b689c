import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import { CommandIds } from './ids';

const TRY_AGAIN = 'Try again';

/**
 * Asks for the key in a password box and keeps it in SecretStorage only. When the keychain refuses
 * it, the user is told why and may try again, typing the key anew: it is deliberately not kept in
 * memory or written to settings as a fallback.
 */
export function registerSetApiKey(keys: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.setApiKey, async () => {
    const value = await vscode.window.showInputBox({
      title: 'Claude Messages: API Key',
      prompt: 'Your Anthropic (or CometAPI) API key. It is stored in VS Code\'s Secret Storage, never in settings.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-… or your gateway key',
      validateInput: (text) => (text.trim().length === 0 ? 'The key cannot be empty.' : /\s/.test(text.trim()) ? 'The key cannot contain spaces.' : undefined),
    });
    if (value === undefined) return;
    const failure = await keys.set(value);
    if (failure) {
      const choice = await vscode.window.showErrorMessage(`Claude Messages: ${failure.message}`, TRY_AGAIN);
      if (choice === TRY_AGAIN) await vscode.commands.executeCommand(CommandIds.setApiKey);
      return;
    }
    void vscode.window.showInformationMessage('Claude Messages: API key saved. Run "Claude Messages: Test Connection" to check it.');
  });
}
