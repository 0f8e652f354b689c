import * as vscode from 'vscode';
import { isIgnored, parseIgnoreRules, type IgnoreRules } from '../../common/attachments/ignoreRules';
import { Disposable } from '../disposable';

/** The most files the list holds; a larger workspace offers the first ones found. */
const MAX_FILES = 20_000;

/**
 * The workspace's files as workspace-relative paths, for the `@` query and the quick pick: found
 * with `findFiles` (which applies `files.exclude`), minus what each folder's root `.gitignore`
 * ignores. Built on first use and rebuilt after files are created or deleted (a watcher marks it
 * stale; the next query rebuilds it).
 */
export class WorkspaceFileIndex extends Disposable {
  private paths: Promise<string[]> | undefined;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    const stale = (): void => {
      this.paths = undefined;
    };
    this.register(watcher.onDidCreate(stale));
    this.register(watcher.onDidDelete(stale));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(stale));
  }

  /** The current list (cached). */
  list(): Promise<string[]> {
    this.paths ??= this.build().catch(() => []);
    return this.paths;
  }

  private async build(): Promise<string[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const ignores = new Map<string, IgnoreRules>();
    for (const folder of folders) ignores.set(folder.uri.toString(), await readIgnore(folder.uri));
    const uris = await vscode.workspace.findFiles('**/*', undefined, MAX_FILES);
    const paths: string[] = [];
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const inFolder = vscode.workspace.asRelativePath(uri, false);
      if (isIgnored(inFolder, ignores.get(folder.uri.toString()) ?? [])) continue;
      paths.push(vscode.workspace.asRelativePath(uri, folders.length > 1));
    }
    return paths.sort();
  }
}

async function readIgnore(folder: vscode.Uri): Promise<IgnoreRules> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.gitignore'));
    return parseIgnoreRules(new TextDecoder().decode(bytes));
  } catch {
    return [];
  }
}

/** The URI of a workspace-relative path as the index spells it (folder name first in multi-root). */
export function uriOfWorkspacePath(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return undefined;
  if (folders.length === 1) return vscode.Uri.joinPath((folders[0] as vscode.WorkspaceFolder).uri, path);
  const [first, ...rest] = path.split('/');
  const folder = folders.find((f) => f.name === first);
  return folder ? vscode.Uri.joinPath(folder.uri, ...rest) : undefined;
}
