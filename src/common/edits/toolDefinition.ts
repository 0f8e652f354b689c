import type { VersionedTool } from '../anthropic/types';

/** The tool type for Claude 4 models; it has no `undo_edit`. */
export const TEXT_EDITOR_TOOL_TYPE = 'text_editor_20250728';
/** The name the API requires for that tool type. */
export const TEXT_EDITOR_TOOL_NAME = 'str_replace_based_edit_tool';

/**
 * The entry for the request's `tools`. The tool is schema-less (its schema is built into the model);
 * `max_characters` asks the model to expect `view` output clipped at that length, so pass the same
 * value to the engine's `maxCharacters`.
 */
export function textEditorTool(maxCharacters?: number): VersionedTool {
  return maxCharacters === undefined
    ? { type: TEXT_EDITOR_TOOL_TYPE, name: TEXT_EDITOR_TOOL_NAME }
    : { type: TEXT_EDITOR_TOOL_TYPE, name: TEXT_EDITOR_TOOL_NAME, max_characters: maxCharacters };
}
