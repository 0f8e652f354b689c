import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { CommandIds } from '../commands/ids';
import type { HunkCommandArgs, PendingHunkView } from './types';

/**
 * Accept / Reject above each pending hunk, and Accept All / Reject All above the first one, all
 * routed through the contributed commands with the document and hunk as arguments.
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
    const hunks = [...this.lookup(document.uri)].sort((a, b) => a.startLine - b.startLine);
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    const lens = (line: number, title: string, command: string, args: HunkCommandArgs, tooltip: string): void => {
      const at = new vscode.Range(line, 0, line, 0);
      lenses.push(new vscode.CodeLens(at, { title, command, arguments: [args], tooltip }));
    };
    hunks.forEach((hunk, index) => {
      const line = Math.max(0, Math.min(hunk.startLine, document.lineCount - 1));
      if (index === 0 && hunks.length > 1) {
        lens(line, '$(check-all) Accept All', CommandIds.acceptEdit, { uri }, 'Keep every proposed change in this file');
        lens(line, '$(close-all) Reject All', CommandIds.rejectEdit, { uri }, 'Undo every proposed change in this file');
      }
      lens(line, '$(check) Accept', CommandIds.acceptEdit, { uri, hunkId: hunk.id }, 'Keep this change');
      lens(line, '$(discard) Reject', CommandIds.rejectEdit, { uri, hunkId: hunk.id }, 'Restore the original lines');
    });
    return lenses;
  }
}
