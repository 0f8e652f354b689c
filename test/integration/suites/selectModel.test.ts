/**
 * Select Model in a real extension host: the pick becomes the default for new chats (the user
 * setting claudeMessages.model) and the open chat's model; the chat's own model chip (webview,
 * e2e chips.test.ts) changes the chat only.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../extensionApi';

const claude = () => vscode.workspace.getConfiguration('claudeMessages');

/**
 * Runs Select Model and takes the item after the current one. The quick pick fills its list once
 * the model catalogue has loaded; an Enter that came before that picks nothing, so the command is
 * run again (a bounded number of times) until it picked a model.
 */
async function pickNextModel(before: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const picking = vscode.commands.executeCommand('claudeMessages.selectModel');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    const now = claude().get<string>('model');
    if (now && now !== before) return now;
  }
  throw new Error('Select Model never picked another model');
}

describe('Select Model', () => {
  it('sets the default for new chats and the open chat’s model', async () => {
    const api = await activateExtension();
    const saved = claude().inspect<string>('model')?.globalValue;
    await vscode.commands.executeCommand('claudeMessages.newChat');
    const before = api.chatState()?.controls.model;
    assert.ok(before, 'the chat has a model');
    try {
      const picked = await pickNextModel(before);
      assert.equal(claude().inspect<string>('model')?.globalValue, picked, 'written to the user settings');
      assert.equal(api.chatState()?.controls.model, picked, 'the open chat follows the pick');
      assert.equal(api.chatState()?.controls.defaultModel, picked);
      await vscode.commands.executeCommand('claudeMessages.newChat');
      assert.equal(api.chatState()?.controls.model, picked, 'a new chat starts from it');
    } finally {
      await claude().update('model', saved, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('claudeMessages.newChat');
    assert.equal(api.chatState()?.controls.model, before, 'back to the setting as it was');
  });
});
