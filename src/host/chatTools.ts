import type { Tool, ToolResultBlock, ToolUseBlock } from '../common/anthropic/types';
import type { ToolPort } from '../common/chat/turnEngine';
import { runEditorToolCall } from '../common/edits/editorToolCall';
import { proposalSteps } from '../common/edits/inlineEdit';
import { resolveInWorkspace } from '../common/edits/pathGuard';
import { textEditorTool } from '../common/edits/toolDefinition';
import { WorkingSet } from '../common/edits/workingSet';
import type { EditReviewController } from './editReview/controller';
import { proposeSteps } from './editReview/proposeSteps';
import type { Log } from './log';
import { isTrusted, listWorkspaceDirectory, pathGuardFs, readWorkspaceFile, workspaceRoots } from './workspaceFiles';

/**
 * The text editor tool in the chat: the model may view workspace files and propose changes; every
 * change opens the same review as the inline edit and nothing is written without the user's
 * accept. Offered only in a trusted workspace with a folder open.
 */
export function createChatTools(review: EditReviewController, log: Log): ToolPort {
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
      const refused = await proposeSteps(review, proposalSteps(workingSet.changedFiles(), 'Claude (chat)'), signal);
      for (const { step, reason } of refused) log.warn(`The chat's edit to ${step.relativePath} was not proposed: ${reason}`);
      return results;
    },
  };
}
