/**
 * One `tool_use` block of the text editor tool, run against the caller's context: the tool_result
 * the model reads back. Calls of other tools get an error result rather than being dropped, since
 * the API requires a result for every call.
 */
import type { ToolResultBlock, ToolUseBlock } from '../anthropic/types';
import { executeEditorCommand, type EditorToolContext } from './editorTool';
import { TEXT_EDITOR_TOOL_NAME } from './toolDefinition';

export function runEditorToolCall(call: ToolUseBlock, context: EditorToolContext): ToolResultBlock {
  if (call.name !== TEXT_EDITOR_TOOL_NAME) {
    return { type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The tool "${call.name}" is not available here; use ${TEXT_EDITOR_TOOL_NAME}.` };
  }
  const outcome = executeEditorCommand(call.input, context);
  const result: ToolResultBlock = { type: 'tool_result', tool_use_id: call.id, content: outcome.content };
  if (outcome.isError) result.is_error = true;
  return result;
}
