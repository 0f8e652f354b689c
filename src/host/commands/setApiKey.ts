import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import { CommandIds } from './ids';

/** Asks for the key in a password box and keeps it in SecretStorage only. */
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
    await keys.set(value);
    void vscode.window.showInformationMessage('Claude Messages: API key saved. Run "Claude Messages: Test Connection" to check it.');
  });
}
