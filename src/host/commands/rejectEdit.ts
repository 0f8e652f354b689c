import * as vscode from 'vscode';
import type { EditReviewController } from '../editReview/controller';
import { hunkTargetOf } from '../editReview/commandArgs';
import { CommandIds } from './ids';

/**
 * `claudeMessages.rejectEdit`: restores the original text of a proposed change. With `{uri, hunkId}`
 * (CodeLens) one hunk, with `{uri}` all hunks of that document, with nothing (Escape, the palette)
 * all hunks of the active editor. Resolves to whether anything was reverted.
 */
export function registerRejectEdit(controller: EditReviewController, id: string = CommandIds.rejectEdit): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown): Promise<boolean> => {
    const target = hunkTargetOf(arg);
    if (!target) return false;
    const rejected = await controller.reject(target.uri, target.hunkId);
    if (!rejected && controller.hasPending(target.uri)) {
      void vscode.window.showWarningMessage('Claude Messages: the proposed edit could not be rejected because the document kept changing; try again.');
    }
    return rejected;
  });
}
