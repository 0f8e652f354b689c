import type { VersionedTool } from '../anthropic/types';

/** The tool type for Claude 4 models; it has no `undo_edit`. */
export const TEXT_EDITOR_TOOL_TYPE = 'text_editor_20250728';
/** The name the API requires for that tool type. */
export const TEXT_EDITOR_TOOL_NAME = 'str_replace_based_edit_tool';

/**
 * The cap on `view` output (and on the snippet an edit returns) when the caller names none: a
 * large file viewed whole would fill the context window and the webview at once.
 */
export const DEFAULT_MAX_CHARACTERS = 50_000;

/**
 * The entry for the request's `tools`. The tool is schema-less (its schema is built into the model);
 * `max_characters` asks the model to expect `view` output clipped at that length, so pass the same
 * value to the engine's `maxCharacters` (both default to {@link DEFAULT_MAX_CHARACTERS}).
 */
export function textEditorTool(maxCharacters: number = DEFAULT_MAX_CHARACTERS): VersionedTool {
  return { type: TEXT_EDITOR_TOOL_TYPE, name: TEXT_EDITOR_TOOL_NAME, max_characters: maxCharacters };
}
