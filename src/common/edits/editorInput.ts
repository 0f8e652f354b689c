/**
 * Run-time validation of the text editor tool's input. The model can send anything (a missing
 * field, a string where a number belongs, a command from another tool version), so every field is
 * checked and each failure says exactly what was wrong and what was expected.
 */
import { isRecord } from '../guards';

/** A validated `view` command; `viewRange` is 1-based inclusive, `end === -1` meaning "to the end". */
export interface ViewCommand {
  readonly command: 'view';
  readonly path: string;
  readonly viewRange?: readonly [number, number];
}
/** A validated `str_replace` command (`newStr` defaults to `''`, which deletes `oldStr`). */
export interface StrReplaceCommand {
  readonly command: 'str_replace';
  readonly path: string;
  readonly oldStr: string;
  readonly newStr: string;
}
/** A validated `insert` command: `text` goes after line `insertLine` (0 = before the first line). */
export interface InsertCommand {
  readonly command: 'insert';
  readonly path: string;
  readonly insertLine: number;
  readonly text: string;
}
/** A validated `create` command. */
export interface CreateCommand {
  readonly command: 'create';
  readonly path: string;
  readonly fileText: string;
}
/** Any command this engine runs. */
export type EditorCommand = ViewCommand | StrReplaceCommand | InsertCommand | CreateCommand;

/** The parsed command, or the error text to send back as an `is_error` tool result. */
export type ParsedEditorInput = { readonly ok: true; readonly command: EditorCommand } | { readonly ok: false; readonly error: string };

/** The commands of `text_editor_20250728`; `undo_edit` was dropped in this version. */
export const EDITOR_COMMANDS = ['view', 'str_replace', 'insert', 'create'] as const;

const fail = (error: string): ParsedEditorInput => ({ ok: false, error: `Error: ${error} Nothing was changed.` });

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

type CommandName = (typeof EDITOR_COMMANDS)[number];
type Input = Record<string, unknown>;

/**
 * Validates a `tool_use` input for `str_replace_based_edit_tool`.
 *
 * `insert` accepts its text as `insert_text` (what Claude 4 models send) or `new_str` (what the
 * documentation and older versions name it); when both are present they must agree.
 */
export function parseEditorInput(input: unknown): ParsedEditorInput {
  if (!isRecord(input)) return fail(`The tool input must be an object, got ${describe(input)}.`);
  const { command, path } = input;
  if (typeof command !== 'string') {
    return fail(`"command" must be one of ${EDITOR_COMMANDS.join(', ')}; got ${describe(command)}.`);
  }
  if (command === 'undo_edit') {
    return fail('undo_edit is not supported by this version of the text editor tool (text_editor_20250728); make the reverse edit with str_replace instead.');
  }
  const name = EDITOR_COMMANDS.find((known) => known === command);
  if (name === undefined) {
    return fail(`Unknown command "${command}"; expected one of ${EDITOR_COMMANDS.join(', ')}.`);
  }
  if (typeof path !== 'string') return fail(`"path" must be a string, got ${describe(path)}.`);
  return commandParsers[name](input, path);
}

// One parser per command, keyed by name: a command added to EDITOR_COMMANDS without a parser fails to compile.
const commandParsers: Record<CommandName, (input: Input, path: string) => ParsedEditorInput> = {
  view: parseView,
  str_replace: parseStrReplace,
  insert: parseInsert,
  create: (input, path) => {
    const fileText = input['file_text'];
    if (typeof fileText !== 'string') return fail(`"file_text" must be a string, got ${describe(fileText)}.`);
    return { ok: true, command: { command: 'create', path, fileText } };
  },
};

function parseView(input: Input, path: string): ParsedEditorInput {
  const range = input['view_range'];
  // An empty array is what some clients send for "no range".
  if (range === undefined || range === null || (Array.isArray(range) && range.length === 0)) {
    return { ok: true, command: { command: 'view', path } };
  }
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n))) {
    return fail('"view_range" must be two integers [start_line, end_line] (1-based, inclusive; end_line -1 means the end of the file).');
  }
  const [start, end] = range as [number, number];
  return { ok: true, command: { command: 'view', path, viewRange: [start, end] } };
}

function parseStrReplace(input: Input, path: string): ParsedEditorInput {
  const oldStr = input['old_str'];
  const newStr = input['new_str'];
  if (typeof oldStr !== 'string') return fail(`"old_str" must be a string, got ${describe(oldStr)}.`);
  if (oldStr === '') return fail('"old_str" is empty; give the exact text to replace, with enough context to be unique.');
  if (newStr !== undefined && newStr !== null && typeof newStr !== 'string') {
    return fail(`"new_str" must be a string, got ${describe(newStr)}.`);
  }
  return { ok: true, command: { command: 'str_replace', path, oldStr, newStr: typeof newStr === 'string' ? newStr : '' } };
}

function parseInsert(input: Input, path: string): ParsedEditorInput {
  const line = input['insert_line'];
  const insertText = input['insert_text'];
  const newStr = input['new_str'];
  if (typeof line !== 'number' || !Number.isInteger(line)) return fail(`"insert_line" must be an integer, got ${describe(line)}.`);
  if (insertText !== undefined && typeof insertText !== 'string') {
    return fail(`"insert_text" must be a string, got ${describe(insertText)}.`);
  }
  if (newStr !== undefined && typeof newStr !== 'string') return fail(`"new_str" must be a string, got ${describe(newStr)}.`);
  if (typeof insertText === 'string' && typeof newStr === 'string' && insertText !== newStr) {
    return fail('Both "insert_text" and "new_str" were given with different text; send only "insert_text".');
  }
  const text = insertText ?? newStr;
  if (text === undefined) return fail('"insert_text" (the text to insert) is missing.');
  return { ok: true, command: { command: 'insert', path, insertLine: line, text } };
}
