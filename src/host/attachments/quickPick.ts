import * as vscode from 'vscode';
import { rankPaths } from '../../common/attachments/fuzzy';

/** How many files the quick pick lists at once (it re-ranks as the user types). */
const SHOWN = 200;

interface FileItem extends vscode.QuickPickItem {
  path: string;
}

function item(path: string, active: string | undefined): FileItem {
  const slash = path.lastIndexOf('/');
  return { label: path.slice(slash + 1), description: slash > 0 ? path.slice(0, slash) : undefined, detail: path === active ? 'active editor' : undefined, path };
}

/**
 * A quick pick of workspace files, ranked by the same fuzzy match as `@` (the active file first),
 * several can be ticked; Enter with none ticked takes the highlighted one. Resolves to the chosen
 * workspace-relative paths, or undefined when dismissed.
 */
export function pickWorkspaceFiles(paths: readonly string[], active: string | undefined): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<FileItem>();
    pick.title = 'Add File to Chat';
    pick.placeholder = 'Type to find a workspace file; tick several, Enter attaches';
    pick.canSelectMany = true;
    // The items are re-ranked by our fuzzy match as the user types; VS Code still filters (and may
    // re-sort) them with its own matcher, so folder matches must count there too.
    pick.matchOnDescription = true;
    const show = (query: string): void => {
      pick.items = rankPaths(paths, query, { activePath: active, limit: SHOWN }).map((p) => item(p, active));
    };
    show('');
    let chosen: string[] | undefined;
    const listeners = [
      pick.onDidChangeValue(show),
      pick.onDidAccept(() => {
        // Nothing ticked: the highlighted file, or (a multi-select list may highlight none) the best match.
        const selected = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems.length > 0 ? pick.activeItems : pick.items.slice(0, 1);
        chosen = selected.map((i) => i.path);
        pick.hide();
      }),
      pick.onDidHide(() => {
        for (const listener of listeners) listener.dispose();
        pick.dispose();
        resolve(chosen);
      }),
    ];
    pick.show();
  });
}
