import * as vscode from 'vscode';
import type { ChatViewProvider } from '../chatView';
import { CommandIds } from './ids';

/**
 * `claudeMessages.focusChatInput` (Ctrl/Cmd+Alt+K): the caret in the chat's prompt from anywhere.
 * Revealing the view with focus lands in the prompt (the view focuses it when the page gets
 * focus); a view that already had focus elsewhere is told to move it there.
 */
export function registerFocusChatInput(view: ChatViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.focusChatInput, async () => {
    await vscode.commands.executeCommand('claudeMessages.chat.focus');
    view.post({ type: 'focusPrompt' });
  });
}
