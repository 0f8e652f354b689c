import * as vscode from 'vscode';
import type { ChatSession } from '../../common/chat/chatSession';
import { buildContextContent } from '../../common/conversation/contextBlocks';
import type { ChatViewProvider } from '../chatView';
import { editorContextOf } from '../editorContext';
import { readSettings } from '../settings';
import { CommandIds } from './ids';

const QUESTION = 'Explain this code: what it does, how it works, and anything surprising in it.';

/**
 * Sends the selection (and, when small enough, its whole file) as cached context blocks to the
 * chat, which opens if hidden; the explanation streams there and follow-ups continue that chat.
 */
export function registerExplainSelection(session: ChatSession, view: ChatViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.explainSelection, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Claude Messages: open a file and select the code to explain.');
      return;
    }
    const context = editorContextOf(editor);
    if (context.selection.text.trim().length === 0) {
      void vscode.window.showInformationMessage('Claude Messages: the selection is empty; select the code to explain.');
      return;
    }
    if (session.isBusy) {
      void vscode.window.showInformationMessage('Claude Messages: a reply is still streaming in the chat; stop it or wait, then try again.');
      await view.reveal();
      return;
    }
    const content = buildContextContent(context, QUESTION, { fileMaxChars: readSettings().contextFileMaxChars });
    await view.reveal();
    await session.send(QUESTION, content);
  });
}
