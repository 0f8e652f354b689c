import * as vscode from 'vscode';
import type { AttachmentHost, AttachReport } from '../attachments/attachmentHost';
import type { ChatViewProvider } from '../chatView';
import { CommandIds } from './ids';

/**
 * Add File to Chat. From the explorer or an editor title VS Code passes the clicked resource and,
 * for a multi-selection, all selected ones (`uris`); with no arguments (palette, keybinding) a quick
 * pick of workspace files opens. The chat view is revealed so the chips are seen. Returns what was
 * attached and refused (for callers of `executeCommand`, such as the tests).
 */
export function registerAddFileToChat(attachments: AttachmentHost, view: ChatViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.addFileToChat, async (uri?: unknown, uris?: unknown): Promise<AttachReport> => {
    const chosen = Array.isArray(uris) && uris.every((u) => u instanceof vscode.Uri) && uris.length > 0 ? (uris as vscode.Uri[]) : uri instanceof vscode.Uri ? [uri] : [];
    const report = chosen.length > 0 ? await attachments.attachUris(chosen, 'command') : await attachments.pickAndAttach('command');
    if (report.attached.length > 0) await view.reveal();
    return report;
  });
}
