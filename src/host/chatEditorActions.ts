/** What the chat's buttons do outside the view: insert code into an editor, save an export to a file. */
import * as vscode from 'vscode';
import type { ChatSession } from '../common/chat/chatSession';
import type { Log } from './log';

/** Replaces every selection of the active (or first visible) editor with `code`. */
export async function insertCodeIntoEditor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showInformationMessage('Claude Messages: open an editor to insert the code into.');
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
}

/** Asks where to save conversation `id` as Markdown or JSON, and writes it there. */
export async function exportConversationToFile(session: ChatSession, id: string, format: 'markdown' | 'json', log: Log): Promise<void> {
  const exported = await session.export(id, format);
  if (!exported) return;
  const extension = format === 'markdown' ? 'md' : 'json';
  const safeTitle = exported.title.replace(/[^\w\- ]+/g, '').trim().slice(0, 60) || 'conversation';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${safeTitle}.${extension}`) : undefined,
    filters: format === 'markdown' ? { Markdown: ['md'] } : { JSON: ['json'] },
    title: 'Export conversation',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exported.text));
  log.info(`Exported conversation to ${target.toString()}`);
}
