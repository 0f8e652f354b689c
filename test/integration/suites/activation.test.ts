import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../extensionApi';

interface Manifest {
  contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string; type?: string }>> };
}

describe('activation', () => {
  it('activates in a real extension host and registers every contributed command', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'extension should be active');
    const manifest = extension.packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 9);
    for (const id of contributed) assert.ok(registered.has(id), `${id} is contributed but not registered`);
    assert.ok(registered.has('claudeMessages.addFileToChat'), 'CONTRACT.md requires addFileToChat');
  });

  it('contributes the chat webview view in the claudeMessages container', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const views = (extension?.packageJSON as Manifest).contributes.views.claudeMessages;
    assert.deepEqual(views?.map((v) => [v.id, v.type]), [['claudeMessages.chat', 'webview']]);
    // Focusing the view resolves the webview provider; it throws if none is registered.
    await vscode.commands.executeCommand('claudeMessages.chat.focus');
  });
});
