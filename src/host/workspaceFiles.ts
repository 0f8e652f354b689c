import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { EditorToolContext } from '../common/edits/editorTool';
import { resolveOpenFileOnly } from '../common/edits/openFileGuard';
import { resolveInWorkspace, type PathGuardFs, type ResolvedPath } from '../common/edits/pathGuard';
import type { TextSnapshotLike } from '../common/edits/textSnapshot';

/**
 * The adapters the pure edit engine (`src/common/edits`) needs from the workspace: folder roots,
 * symlink resolution, and document text that prefers what the user sees over what is on disk.
 */

/** The file-system paths of the open workspace folders (virtual folders have none and are skipped). */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** Symlink resolution for the path guard: `undefined` when the path does not exist (or cannot be read). */
export const pathGuardFs: PathGuardFs = {
  realpath(p: string): string | undefined {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return undefined;
    }
  },
  readlink(p: string): string | undefined {
    try {
      return fs.readlinkSync(p);
    } catch {
      // Not a link (EINVAL), missing, or unreadable: nothing to follow.
      return undefined;
    }
  },
};

/** The text, version and EOL setting of an open document, as the engine reads it. */
export function snapshotOf(document: vscode.TextDocument): TextSnapshotLike {
  return { text: document.getText(), version: document.version, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' };
}

/** Windows paths compare case-insensitively; elsewhere two spellings are two files. */
function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The open document for `absolute`, if any: its buffer may hold unsaved changes the disk lacks. */
export function openDocumentAt(absolute: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && !d.isClosed && samePath(d.uri.fsPath, absolute));
}

/**
 * The current text of a workspace file: the open document's buffer when it is open (the user sees
 * and may have changed it), else the file on disk, else `undefined` (missing, a directory, or
 * unreadable). A UTF-8 byte order mark is dropped, as VS Code does when it opens the file, so
 * offsets agree with the document the edit will later be applied to.
 */
export function readWorkspaceFile(resolved: ResolvedPath): TextSnapshotLike | undefined {
  const open = openDocumentAt(resolved.absolute);
  if (open) return snapshotOf(open);
  try {
    if (!fs.statSync(resolved.absolute).isFile()) return undefined;
    const text = fs.readFileSync(resolved.absolute, 'utf8');
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    return undefined;
  }
}

/** Names in a directory, sub-directories ending in `/`, sorted; `undefined` when it is not a directory. */
export function listWorkspaceDirectory(resolved: ResolvedPath): string[] | undefined {
  try {
    return fs
      .readdirSync(resolved.absolute, { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
      .sort();
  } catch {
    return undefined;
  }
}

/** Whether the user trusts this workspace: edits and file creation are offered only then. */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * How an edit's tool calls reach files: paths kept inside the workspace (with no folder open, only
 * the active document itself), and the active document as it was when the request started, so
 * the user's typing meanwhile is rebased onto rather than read as the model's base.
 */
export function editFileAccess(active: vscode.TextDocument, snapshot: TextSnapshotLike): Pick<EditorToolContext, 'resolvePath' | 'getDocument'> {
  const roots = workspaceRoots();
  const activePath = active.uri.fsPath;
  return {
    resolvePath: (path) => (roots.length > 0 ? resolveInWorkspace(path, roots, pathGuardFs) : resolveOpenFileOnly(path, activePath)),
    getDocument: (resolved) => (samePath(resolved.absolute, activePath) ? snapshot : readWorkspaceFile(resolved)),
  };
}
