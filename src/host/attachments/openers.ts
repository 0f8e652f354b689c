import * as vscode from 'vscode';
import { resolveCitation } from '../../common/attachments/citations';
import { findAttachment } from '../../common/attachments/lookup';
import type { Attachment } from '../../common/attachments/types';
import type { ChatSession } from '../../common/chat/chatSession';
import { uriOfWorkspacePath } from './fileIndex';

/**
 * Opening what a chip or a citation points at. A workspace file opens in its editor (a cited
 * passage of a text file selected); a pasted image opens in a read-only preview panel, writing
 * nothing to the workspace. Each returns a message when it cannot open anything.
 */

export async function openAttachment(session: ChatSession, id: string): Promise<string | undefined> {
  const attachment = findAttachment(session.attachments.list(), session.openConversation, id);
  if (!attachment) return 'That attachment is no longer in this chat.';
  return openAttached(attachment);
}

async function openAttached(attachment: Attachment): Promise<string | undefined> {
  const { chip, block } = attachment;
  if (chip.path) {
    const uri = uriOfWorkspacePath(chip.path);
    if (!uri) return `${chip.path} is not in an open workspace folder.`;
    try {
      await vscode.commands.executeCommand('vscode.open', uri);
      return undefined;
    } catch {
      return `${chip.path} could not be opened: it was moved or deleted.`;
    }
  }
  if (block.type === 'image' && block.source.type === 'base64') {
    showImagePreview(chip.name, block.source.media_type, block.source.data);
    return undefined;
  }
  return `${chip.name} was pasted into the chat and has no file to open.`;
}

/** A read-only panel showing the image; no script, and only `data:` images allowed. */
function showImagePreview(title: string, mediaType: string, data: string): void {
  const panel = vscode.window.createWebviewPanel('claudeMessages.imagePreview', title, vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
  const safeType = /^image\/(png|jpeg|gif|webp)$/.test(mediaType) ? mediaType : 'image/png';
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;"></head><body><img alt="" src="data:${safeType};base64,${data.replace(/[^A-Za-z0-9+/=]/g, '')}"></body></html>`;
}

export async function openCitation(session: ChatSession, where: { turnId: string; blockIndex: number; citationIndex: number }): Promise<string | undefined> {
  const resolved = resolveCitation(session.openConversation, where.turnId, where.blockIndex, where.citationIndex);
  if (!resolved) return 'That citation does not point into a document of this chat.';
  const path = resolved.attachment?.path;
  if (!path) return `${resolved.label}: the document was not attached from a workspace file, so there is nothing to open.`;
  const uri = uriOfWorkspacePath(path);
  if (!uri) return `${resolved.label}: ${path} is not in an open workspace folder.`;
  const { citation } = resolved;
  try {
    if (citation.type === 'char_location' && resolved.attachment?.kind === 'text') {
      const document = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(document.positionAt(citation.start_char_index), document.positionAt(citation.end_char_index));
      await vscode.window.showTextDocument(document, { selection: range });
    } else {
      // A PDF opens whole: VS Code has no way to ask a PDF viewer for a page.
      await vscode.commands.executeCommand('vscode.open', uri);
    }
    return undefined;
  } catch {
    return `${resolved.label}: ${path} could not be opened.`;
  }
}
