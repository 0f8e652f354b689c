import * as vscode from 'vscode';
import type { EditReviewController } from '../editReview/controller';
import { hunkTargetOf } from '../editReview/commandArgs';
import { CommandIds } from './ids';

/**
 * `claudeMessages.acceptEdit`: keeps a proposed change. With `{uri, hunkId}` (CodeLens) one hunk,
 * with `{uri}` all hunks of that document, with nothing (Ctrl+Enter, the palette) all hunks of the
 * active editor. Resolves to whether anything was pending.
 */
export function registerAcceptEdit(controller: EditReviewController, id: string = CommandIds.acceptEdit): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown): Promise<boolean> => {
    const target = hunkTargetOf(arg);
    return target ? controller.accept(target.uri, target.hunkId) : false;
  });
}
