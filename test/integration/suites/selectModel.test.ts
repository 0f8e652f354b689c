/**
 * Select Model in a real extension host (given the model, as a keybinding can, since driving the
 * quick pick from the extension host races its list): the pick becomes the default for new chats (the user
 * setting claudeMessages.model) and the open chat's model; the chat's own model chip (webview,
 * e2e chips.test.ts) changes the chat only.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../extensionApi';

const claude = () => vscode.workspace.getConfiguration('claudeMessages');

/** A model other than `current` (the command takes the model a keybinding passes, skipping the pick). */
const otherThan = (current: string): string => (current === 'claude-opus-5-5' ? 'claude-haiku-5-5' : 'claude-opus-5-5');

describe('Select Model', () => {
  it('sets the default for new chats and the open chat’s model', async () => {
    const api = await activateExtension();
    const saved = claude().inspect<string>('model')?.globalValue;
    await vscode.commands.executeCommand('claudeMessages.newChat');
    const before = api.chatState()?.controls.model;
    assert.ok(before, 'the chat has a model');
    try {
      const picked = otherThan(before);
      await vscode.commands.executeCommand('claudeMessages.selectModel', { model: picked });
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
