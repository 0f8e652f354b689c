import * as vscode from 'vscode';
import type { ChatViewProvider } from '../chatView';
import type { SetupHost } from '../setup';
import { CommandIds } from './ids';

/**
 * `claudeMessages.setUpConnection`: the chat view's setup card (provider, auth header, key, Test
 * Connection, Save), the same one a first run shows, reachable from the view's "…" menu and the
 * Command Palette once a key is set.
 */
export function registerSetUpConnection(setup: SetupHost, view: ChatViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.setUpConnection, async () => {
    await view.reveal();
    setup.open();
  });
}
