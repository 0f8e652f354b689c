import * as vscode from 'vscode';
import { adjacentHunk, changeLabel, type NavigationDirection } from '../../common/edits/reviewNavigation';
import { CommandIds } from '../commands/ids';
import { rejectAndSay } from '../commands/rejectEdit';
import type { EditReviewController } from './controller';
import { hunkTargetOf } from './commandArgs';
import { OriginalTextProvider, originalUriOf } from './originalText';

/** The command ids, replaceable so a test can register its own copies next to the extension's. */
export interface ReviewNavigationIds {
  acceptAll: string;
  rejectAll: string;
  next: string;
  previous: string;
  openDiff: string;
}

const DEFAULT_IDS: ReviewNavigationIds = {
  acceptAll: CommandIds.acceptAllEdits,
  rejectAll: CommandIds.rejectAllEdits,
  next: CommandIds.nextEditChange,
  previous: CommandIds.previousEditChange,
  openDiff: CommandIds.openEditDiff,
};

/**
 * The review's document-wide commands: Accept All / Reject All, next and previous change (the caret
 * moves to the hunk, the status bar says "Change 2 of 3"), and Open as Diff (the original text,
 * read-only, against the document). Each takes an optional `{uri}` and else acts on the active editor.
 */
export function registerReviewNavigation(controller: EditReviewController, ids: ReviewNavigationIds = DEFAULT_IDS): vscode.Disposable {
  const originals = new OriginalTextProvider((uri) => controller.pendingHunks(uri), controller.onDidChangePending);
  return vscode.Disposable.from(
    originals,
    vscode.commands.registerCommand(ids.acceptAll, async (arg?: unknown) => {
      const target = hunkTargetOf(arg);
      return target ? controller.accept(target.uri) : false;
    }),
    vscode.commands.registerCommand(ids.rejectAll, async (arg?: unknown) => {
      const target = hunkTargetOf(arg);
      return target ? rejectAndSay(controller, target.uri) : false;
    }),
    vscode.commands.registerCommand(ids.next, () => moveToChange(controller, 'next')),
    vscode.commands.registerCommand(ids.previous, () => moveToChange(controller, 'previous')),
    vscode.commands.registerCommand(ids.openDiff, (arg?: unknown) => openDiff(controller, arg)),
  );
}

/** Moves the caret to the next or previous pending hunk; resolves to its label, or undefined when there is none. */
async function moveToChange(controller: EditReviewController, direction: NavigationDirection): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const found = adjacentHunk(controller.pendingHunks(editor.document.uri), editor.selection.active.line, direction);
  if (!found) return undefined;
  const line = Math.min(found.hunk.startLine, editor.document.lineCount - 1);
  const at = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const label = changeLabel(found.index, found.total);
  vscode.window.setStatusBarMessage(`Claude Messages: ${label}`, 4000);
  return label;
}

/** Opens the original text against the document in a diff editor; resolves to whether there was a review. */
async function openDiff(controller: EditReviewController, arg: unknown): Promise<boolean> {
  const target = hunkTargetOf(arg);
  if (!target || !controller.hasPending(target.uri)) {
    void vscode.window.showInformationMessage('Claude Messages: no proposed edit is waiting for review in this editor.');
    return false;
  }
  const name = target.uri.path.split('/').pop() ?? target.uri.path;
  await vscode.commands.executeCommand('vscode.diff', originalUriOf(target.uri), target.uri, `${name}: Original ↔ Claude's Proposal`);
  return true;
}
