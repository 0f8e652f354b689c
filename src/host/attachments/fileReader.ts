import * as vscode from 'vscode';
import { buildAttachment, type AttachLimits } from '../../common/attachments/build';
import { folderSummary, FOLDER_MAX_FILES } from '../../common/attachments/folderSummary';
import { fileSizeProblem } from '../../common/attachments/limits';
import type { AttachResult, Attachment } from '../../common/attachments/types';
import { resolveInWorkspace } from '../../common/edits/pathGuard';
import { openDocumentAt, pathGuardFs, workspaceRoots } from '../workspaceFiles';
import type { WorkspaceFileIndex } from './fileIndex';
import { uriOfWorkspacePath } from './fileIndex';

/** What attaching some files came to: the attachments made, and a message per refusal. */
export interface AttachOutcome {
  attachments: Attachment[];
  problems: string[];
}

/**
 * Reads workspace files (or folders) into attachments. Only files inside the workspace are read
 * (symlinks resolving outside are refused, as for the edit tool); nothing is ever written, so this
 * works the same in an untrusted workspace.
 */
export class WorkspaceFileReader {
  constructor(
    private readonly index: WorkspaceFileIndex,
    private readonly limits: () => AttachLimits,
    private readonly newId: () => string,
  ) {}

  async readUris(uris: readonly vscode.Uri[]): Promise<AttachOutcome> {
    const outcome: AttachOutcome = { attachments: [], problems: [] };
    for (const uri of uris) {
      const name = uri.path.split('/').pop() || uri.toString();
      const where = this.workspacePath(uri);
      if (!where.ok) {
        outcome.problems.push(`${name} was not attached: ${where.reason}`);
        continue;
      }
      const stat = await statOf(uri);
      if (!stat) outcome.problems.push(`${where.path} could not be read: it was moved or deleted, or it is not readable.`);
      else if (stat.type & vscode.FileType.Directory) await this.readFolder(where.path, outcome);
      else add(outcome, await this.readFile(uri, where.path, stat.size));
    }
    return outcome;
  }

  /** A path from the `@` list or the quick pick. */
  async readPaths(paths: readonly string[]): Promise<AttachOutcome> {
    const uris = paths.map(uriOfWorkspacePath);
    const missing = paths.filter((_, i) => !uris[i]);
    const outcome = await this.readUris(uris.filter((u): u is vscode.Uri => u !== undefined));
    outcome.problems.push(...missing.map((p) => `${p} is not in an open workspace folder, so it was not attached.`));
    return outcome;
  }

  /** The path as the file list spells it (the folder name first in a multi-root workspace; '' for a root). */
  private workspacePath(uri: vscode.Uri): { ok: true; path: string } | { ok: false; reason: string } {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const prefix = (relative: string): string => (folders.length > 1 && folder ? [folder.name, relative].filter((p) => p !== '').join('/') : relative);
    if (uri.scheme === 'file') {
      const resolved = resolveInWorkspace(uri.fsPath, workspaceRoots(), pathGuardFs);
      if (!resolved.ok) return { ok: false, reason: resolved.reason.replace(' Nothing was read or changed.', '') };
      return { ok: true, path: prefix(resolved.relative) };
    }
    // Virtual workspaces: the file must belong to one of their folders.
    if (!folder) return { ok: false, reason: 'it is outside the workspace folders.' };
    return { ok: true, path: prefix(vscode.workspace.asRelativePath(uri, false)) };
  }

  private async readFile(uri: vscode.Uri, path: string, size: number): Promise<AttachResult> {
    const name = path.split('/').pop() ?? path;
    const limits = this.limits();
    // The size is checked before reading, so a huge file is never loaded.
    const tooLarge = fileSizeProblem(name, size, limits.maxBytes);
    if (tooLarge) return { ok: false, message: tooLarge };
    // An open document's buffer is what the user sees (and may hold unsaved changes).
    const open = uri.scheme === 'file' ? openDocumentAt(uri.fsPath) : undefined;
    let bytes: Uint8Array;
    try {
      bytes = open ? new TextEncoder().encode(open.getText()) : await vscode.workspace.fs.readFile(uri);
    } catch {
      return { ok: false, message: `${path} could not be read: it was moved or deleted, or it is not readable.` };
    }
    return buildAttachment(this.newId(), { name, path, language: open?.languageId, bytes }, limits);
  }

  /** The folder's text files (as the file list has them), up to a limit; says what was left out. */
  private async readFolder(folderPath: string, outcome: AttachOutcome): Promise<void> {
    const prefix = folderPath === '' ? '' : `${folderPath}/`;
    const files = (await this.index.list()).filter((p) => p.startsWith(prefix));
    const attached: string[] = [];
    const notText: string[] = [];
    const refused: string[] = [];
    let overLimit = 0;
    for (const path of files) {
      if (attached.length >= FOLDER_MAX_FILES) {
        overLimit++;
        continue;
      }
      const uri = uriOfWorkspacePath(path);
      const stat = uri ? await statOf(uri) : undefined;
      if (!uri || !stat) continue;
      const result = await this.readFile(uri, path, stat.size);
      if (result.ok && result.attachment.chip.kind === 'text') {
        outcome.attachments.push(result.attachment);
        attached.push(path);
      } else if (result.ok) notText.push(path);
      else refused.push(path);
    }
    const summary = folderSummary({ folder: folderPath || 'the workspace', attached: attached.length, notText, refused, overLimit });
    if (summary) outcome.problems.push(summary);
  }
}

function add(outcome: AttachOutcome, result: AttachResult): void {
  if (result.ok) outcome.attachments.push(result.attachment);
  else outcome.problems.push(result.message);
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}
