import * as vscode from 'vscode';
import type { AttachmentHost, AttachReport } from '../attachments/attachmentHost';
import type { ChatViewProvider } from '../chatView';
import { editorContextOf } from '../editorContext';
import { CommandIds } from './ids';

/**
 * Add Selection to Chat: attaches the selection (file, language, line range) to the next message
 * without sending anything, so the user asks their own question. Explain Selection stays the
 * one-step way.
 */
export function registerAddSelectionToChat(attachments: AttachmentHost, view: ChatViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.addSelectionToChat, async (): Promise<AttachReport | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage('Claude Messages: select the code to add to the chat first.');
      return undefined;
    }
    const report = attachments.attachSelection(editorContextOf(editor), 'command');
    if (report.attached.length > 0) await view.reveal();
    return report;
  });
}
