import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EditReviewController } from '../editReview/controller';
import { hunkTargetOf } from '../editReview/commandArgs';
import type { RejectReport } from '../editReview/types';
import { CommandIds } from './ids';

/**
 * `claudeMessages.rejectEdit`: restores the original text of a proposed change. With `{uri, hunkId}`
 * (CodeLens) one hunk, with `{uri}` all hunks of that document, with nothing (Escape, the palette)
 * all hunks of the active editor. Resolves to whether anything was reverted.
 *
 * A reject is never silent: Escape is an easy key to press by accident, so the message says what
 * was thrown away and its Undo puts the proposal back under review.
 */
export function registerRejectEdit(controller: EditReviewController, id: string = CommandIds.rejectEdit): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown): Promise<boolean> => {
    const target = hunkTargetOf(arg);
    return target ? rejectAndSay(controller, target.uri, target.hunkId) : false;
  });
}

/** Rejects hunk `hunkId` of `uri` (or all of them) and says so, with Undo; resolves to whether anything was reverted. */
export async function rejectAndSay(controller: EditReviewController, uri: vscode.Uri, hunkId?: number): Promise<boolean> {
  const report = await controller.rejectWithReport(uri, hunkId);
  if (!report) {
    if (controller.hasPending(uri)) {
      void vscode.window.showWarningMessage('Claude Messages: the proposed edit could not be rejected because the document kept changing; try again.');
    }
    return false;
  }
  void offerUndo(controller, uri, report);
  return true;
}

/** What the reject message says, e.g. "Rejected 2 proposed changes in math.ts." */
export function rejectMessage(fileName: string, report: RejectReport): string {
  const what = report.hunks === 1 ? 'the proposed change' : `${report.hunks} proposed changes`;
  switch (report.outcome) {
    case 'deleted':
      return `Claude Messages: rejected the new file ${fileName}; it was deleted.`;
    case 'restoredOnDisk':
      return `Claude Messages: rejected ${what} in ${fileName}. Auto save had written the proposal to disk; the original text is saved back.`;
    case 'reverted':
      return `Claude Messages: rejected ${what} in ${fileName}.`;
  }
}

async function offerUndo(controller: EditReviewController, uri: vscode.Uri, report: RejectReport): Promise<void> {
  const choice = await vscode.window.showInformationMessage(rejectMessage(path.basename(uri.path), report), 'Undo');
  if (choice !== 'Undo') return;
  if (report.outcome === 'deleted') {
    await controller.proposeCreate(uri, report.textBefore);
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // Proposed again from the text as it is now: anything typed since the reject is rebased, or the
  // result says why it could not be.
  const result = await controller.propose(document, {
    snapshotText: document.getText(),
    snapshotVersion: document.version,
    after: report.textBefore,
    label: report.label,
  });
  if (!result.ok) void vscode.window.showWarningMessage(`Claude Messages: could not bring the proposed edit back: ${result.reason}`);
}
