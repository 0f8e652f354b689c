import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { changeLabel, inDocumentOrder } from '../../common/edits/reviewNavigation';
import { CommandIds } from '../commands/ids';
import type { HunkCommandArgs, PendingHunkView } from './types';

/**
 * Accept / Reject above each pending hunk with its place ("Change 2 of 3"), and Accept All / Reject All / Open as Diff above the first one, all routed through the
 * contributed commands with the document and hunk as arguments.
 */
export class ReviewCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  /** @param lookup the pending hunks of a document (none when it is not under review) */
  constructor(private readonly lookup: (uri: vscode.Uri) => readonly PendingHunkView[]) {
    super();
  }

  /** Asks VS Code to ask again: a review started, moved or ended. */
  refresh(): void {
    if (!this.isDisposed) this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (this.isDisposed) return [];
    const hunks = this.lookup(document.uri);
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    const lens = (line: number, title: string, command: string, args: HunkCommandArgs, tooltip: string): void => {
      const at = new vscode.Range(line, 0, line, 0);
      lenses.push(new vscode.CodeLens(at, { title, command, arguments: [args], tooltip }));
    };
    const ordered = inDocumentOrder(hunks);
    ordered.forEach((hunk, index) => {
      const line = Math.max(0, Math.min(hunk.startLine, document.lineCount - 1));
      if (index === 0 && ordered.length > 1) {
        lens(line, '$(check-all) Accept All', CommandIds.acceptEdit, { uri }, 'Keep every proposed change in this file');
        lens(line, '$(close-all) Reject All', CommandIds.rejectEdit, { uri }, 'Undo every proposed change in this file');
      }
      lens(line, '$(check) Accept', CommandIds.acceptEdit, { uri, hunkId: hunk.id }, 'Keep this change');
      lens(line, '$(discard) Reject', CommandIds.rejectEdit, { uri, hunkId: hunk.id }, 'Restore the original lines');
      // A label, not a button (an empty command): Alt+F5 / Shift+Alt+F5 move between changes.
      if (ordered.length > 1) lens(line, changeLabel(index, ordered.length), '', {}, 'Next change: Alt+F5 · previous: Shift+Alt+F5');
      if (index === 0) lens(line, '$(diff) Open as Diff', CommandIds.openEditDiff, { uri }, 'Compare the original text with the proposal');
    });
    return lenses;
  }
}
