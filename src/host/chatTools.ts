import * as vscode from 'vscode';
import type { Tool, ToolResultBlock, ToolUseBlock } from '../common/anthropic/types';
import type { ChatTools } from '../common/chat/chatSession';
import { runEditorToolCall } from '../common/chat/toolLoop';
import { resolveInWorkspace } from '../common/edits/pathGuard';
import { textEditorTool } from '../common/edits/toolDefinition';
import { WorkingSet } from '../common/edits/workingSet';
import type { EditReviewController } from './editReview/controller';
import type { Log } from './log';
import { isTrusted, listWorkspaceDirectory, pathGuardFs, readWorkspaceFile, workspaceRoots } from './workspaceFiles';

/**
 * The text editor tool in the chat: the model may view workspace files and propose changes; every
 * change opens the same review as the inline edit and nothing is written without the user's
 * accept. Offered only in a trusted workspace with a folder open.
 */
export function createChatTools(review: EditReviewController, log: Log): ChatTools {
  return {
    definitions(): Tool[] {
      return isTrusted() && workspaceRoots().length > 0 ? [textEditorTool()] : [];
    },
    async run(calls: ToolUseBlock[], signal: AbortSignal): Promise<ToolResultBlock[]> {
      const roots = workspaceRoots();
      if (!isTrusted() || roots.length === 0) {
        return calls.map((call) => ({ type: 'tool_result', tool_use_id: call.id, is_error: true, content: 'Editing is disabled: the workspace is not trusted (or no folder is open). Nothing was changed.' }));
      }
      const workingSet = new WorkingSet();
      const results = calls.map((call) =>
        runEditorToolCall(call, {
          resolvePath: (path) => resolveInWorkspace(path, roots, pathGuardFs),
          getDocument: readWorkspaceFile,
          listDirectory: listWorkspaceDirectory,
          allowCreate: true,
          workingSet,
        }),
      );
      for (const file of workingSet.changedFiles()) {
        if (signal.aborted) break;
        const uri = vscode.Uri.file(file.target.absolute);
        try {
          const outcome = file.originalText === undefined
            ? await review.proposeCreate(uri, file.text)
            : await review.propose(await vscode.workspace.openTextDocument(uri), {
              snapshotText: file.originalText,
              snapshotVersion: file.baseVersion ?? -1,
              after: file.text,
              label: 'Claude (chat)',
            });
          if (!outcome.ok) log.warn(`The chat's edit to ${file.target.relative} was not proposed: ${outcome.reason}`);
        } catch (error) {
          log.error(`Could not propose the chat's edit to ${file.target.relative}: ${String(error)}`);
        }
      }
      return results;
    },
  };
}
