import { lfView, toLf, withEol } from './eolText';
import type { CreateCommand, InsertCommand, StrReplaceCommand, ViewCommand } from './editorInput';
import { parseEditorInput } from './editorInput';
import type { PathError, ResolvedPath } from './pathGuard';
import type { Eol, TextSnapshotLike } from './textSnapshot';
import { TextSnapshot, detectEol } from './textSnapshot';
import { numberLinesClipped, splitLines } from './viewFormat';
import type { WorkingFile } from './workingSet';
import { WorkingSet } from './workingSet';
import { DEFAULT_MAX_CHARACTERS } from './toolDefinition';

/** What the engine may ask of its host; everything is synchronous and side-effect free. */
export interface EditorToolContext {
  /** Maps the model's path to a workspace file, normally {@link resolveInWorkspace} with real roots. */
  resolvePath(path: string): ResolvedPath | PathError;
  /** The current text of a file (an open document's buffer, else the file on disk), or undefined. */
  getDocument(resolved: ResolvedPath): TextSnapshotLike | undefined;
  /** Whether `create` may make new files (off in untrusted workspaces or when the user said so). */
  readonly allowCreate: boolean;
  /** Names in a directory (dirs ending in `/`), or undefined when `resolved` is not a directory. */
  listDirectory?(resolved: ResolvedPath): readonly string[] | undefined;
  /** The request's working copy; without it each call sees only the documents themselves. */
  readonly workingSet?: WorkingSet;
  /**
   * The tool's `max_characters`: longer `view` output (and edit snippets) are clipped at a line
   * boundary, with a note. {@link DEFAULT_MAX_CHARACTERS} when absent, as in the tool definition.
   */
  readonly maxCharacters?: number;
  /** Line ending for files made by `create`; LF when absent. */
  readonly newFileEol?: Eol;
}

/** A change the host should offer for review: the whole text before and after this one call. */
export interface ToolEdit {
  readonly target: ResolvedPath;
  readonly kind: 'modify' | 'create';
  readonly before: string;
  readonly after: string;
}

/** The `tool_result` to send back, and the edit to apply when the call changed a file. */
export interface ToolOutcome {
  readonly isError: boolean;
  readonly content: string;
  readonly edit?: ToolEdit;
}

/** Lines of context around an edit in the snippet returned to the model. */
const SNIPPET_CONTEXT = 3;
/** Line comparisons the whitespace hint may spend on a failed match. */
const HINT_COMPARISONS = 2_000_000;

const error = (content: string): ToolOutcome => ({ isError: true, content: `Error: ${content}` });
const unchanged = ' Nothing was changed.';

/**
 * Runs one `str_replace_based_edit_tool` call (`text_editor_20250728`) against text, never touching
 * the file system: the result carries the text to show the model and, for edits, the before/after
 * texts the host turns into a reviewable change. With `ctx.workingSet`, successive calls of one
 * request see each other's results.
 */
export function executeEditorCommand(input: unknown, ctx: EditorToolContext): ToolOutcome {
  const parsed = parseEditorInput(input);
  if (!parsed.ok) return { isError: true, content: parsed.error };
  const command = parsed.command;
  const resolved = ctx.resolvePath(command.path);
  if (!resolved.ok) return error(resolved.reason);
  const workingSet = ctx.workingSet ?? new WorkingSet();
  switch (command.command) {
    case 'view':
      return view(command, resolved, ctx, workingSet);
    case 'str_replace':
      return strReplace(command, resolved, ctx, workingSet);
    case 'insert':
      return insert(command, resolved, ctx, workingSet);
    case 'create':
      return create(command, resolved, ctx, workingSet);
  }
}

/** The working copy of `target`, reading the document on first use. */
function load(target: ResolvedPath, ctx: EditorToolContext, workingSet: WorkingSet): WorkingFile {
  const known = workingSet.get(target);
  if (known) return known;
  const doc = ctx.getDocument(target);
  if (doc === undefined) return workingSet.open(target, undefined, ctx.newFileEol ?? '\n');
  return workingSet.open(target, doc.text, doc.eol ?? detectEol(doc.text, ctx.newFileEol ?? '\n'), doc.version);
}

/** The error for a path that is not an existing file: a directory, or nothing at all. */
function notAFile(path: string, target: ResolvedPath, ctx: EditorToolContext, action: string): ToolOutcome {
  if (ctx.listDirectory?.(target) !== undefined) {
    return error(`${path} is a directory; ${action} needs a file.${unchanged}`);
  }
  return error(`The file ${path} does not exist. Check the path (view the parent directory to list it) or use create to make a new file.${unchanged}`);
}

function view(command: ViewCommand, target: ResolvedPath, ctx: EditorToolContext, workingSet: WorkingSet): ToolOutcome {
  const file = load(target, ctx, workingSet);
  if (!file.exists) {
    const entries = ctx.listDirectory?.(target);
    if (entries === undefined) return notAFile(command.path, target, ctx, 'view');
    if (command.viewRange) return error(`view_range only applies to files, and ${command.path} is a directory.`);
    const listing = entries.length === 0 ? '(empty directory)' : entries.join('\n');
    return { isError: false, content: `Files and directories in ${command.path}:\n${listing}` };
  }
  const lines = splitLines(file.text);
  if (!command.viewRange) {
    if (lines.length === 0) return { isError: false, content: `The file ${command.path} is empty.` };
    return { isError: false, content: numberLinesClipped(lines, 1, ctx.maxCharacters ?? DEFAULT_MAX_CHARACTERS) };
  }
  const [start, end] = command.viewRange;
  const count = lines.length;
  if (start < 1 || start > count) {
    return error(`view_range start ${start} is out of range: ${command.path} has ${count} line${count === 1 ? '' : 's'} (lines are numbered from 1).`);
  }
  if (end !== -1 && (end < start || end > count)) {
    return error(`view_range end ${end} is out of range: it must be between ${start} and ${count}, or -1 for the end of the file.`);
  }
  const last = end === -1 ? count : end;
  return { isError: false, content: numberLinesClipped(lines.slice(start - 1, last), start, ctx.maxCharacters ?? DEFAULT_MAX_CHARACTERS) };
}

/** Number of line breaks in `text`, counting `\r\n`, `\n` and a lone `\r` as VS Code does. */
function breaks(text: string): number {
  return text.match(/\r\n?|\n/g)?.length ?? 0;
}

/** 1-based line number of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  return 1 + breaks(text.slice(0, offset));
}

/**
 * Start offsets of the first `limit` occurrences of `needle`, overlapping ones included (both are
 * ambiguous). `str_replace` only needs to know whether the match is unique, so it asks for two and
 * the search stops there instead of walking a large file for every repeat of a short string.
 */
export function firstOccurrences(haystack: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1 && found.length < limit; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * When `oldStr` does not match exactly, looks for lines that match once leading and trailing
 * whitespace is ignored: the usual cause is tabs versus spaces or trailing blanks, and saying so
 * saves the model a round of guessing.
 */
function whitespaceHint(lfText: string, oldStr: string): string {
  const wanted = oldStr.split('\n').map((l) => l.trim());
  while (wanted.length > 0 && wanted[0] === '') wanted.shift();
  while (wanted.length > 0 && wanted[wanted.length - 1] === '') wanted.pop();
  if (wanted.length === 0) return '';
  const lines = lfText.split('\n').map((l) => l.trim());
  // Many near-matches of a long old_str (a file of repeated lines) would make this quadratic; the
  // hint is a courtesy, so past a budget of comparisons it is simply left out.
  let budget = HINT_COMPARISONS;
  const matchesAt = (i: number): boolean => wanted.every((w, k) => --budget > 0 && lines[i + k] === w);
  for (let i = 0; i + wanted.length <= lines.length && budget > 0; i++) {
    if (matchesAt(i)) {
      const range = wanted.length === 1 ? `line ${i + 1}` : `lines ${i + 1}-${i + wanted.length}`;
      return ` Ignoring leading and trailing whitespace, ${range} would match: check indentation (tabs versus spaces) and trailing spaces.`;
    }
  }
  return '';
}

/** Numbered lines `[from, to]` (1-based, inclusive) of `text` with a little context around them. */
function snippet(text: string, from: number, to: number, maxCharacters = DEFAULT_MAX_CHARACTERS): string {
  const lines = splitLines(text);
  const first = Math.max(1, from - SNIPPET_CONTEXT);
  const last = Math.min(lines.length, Math.max(to, from) + SNIPPET_CONTEXT);
  if (lines.length === 0 || first > last) return '(the file is now empty)';
  return numberLinesClipped(lines.slice(first - 1, last), first, maxCharacters);
}

function strReplace(command: StrReplaceCommand, target: ResolvedPath, ctx: EditorToolContext, workingSet: WorkingSet): ToolOutcome {
  const file = load(target, ctx, workingSet);
  if (!file.exists) return notAFile(command.path, target, ctx, 'str_replace');
  const oldStr = toLf(command.oldStr);
  const newStr = toLf(command.newStr);
  if (oldStr === newStr) return error(`old_str and new_str are identical, so there is nothing to replace.${unchanged}`);
  // Match on the LF view so a model writing `\n` finds text in a CRLF file; map back to real offsets.
  const lf = lfView(file.text);
  const matches = firstOccurrences(lf.text, oldStr, 2);
  if (matches.length === 0) {
    return error(`No match found for old_str in ${command.path}. old_str must match the file exactly, including whitespace and indentation; view the file to copy the current text.${whitespaceHint(lf.text, oldStr)}${unchanged}`);
  }
  if (matches.length > 1) {
    const [first, second] = matches.map((m) => lineOf(lf.text, m));
    return error(`old_str occurs more than once in ${command.path} (the first two matches start on lines ${first} and ${second}). Include more surrounding lines in old_str so it matches exactly once.${unchanged}`);
  }
  const at = matches[0] ?? 0;
  const start = lf.toOriginal(at);
  const end = lf.toOriginal(at + oldStr.length);
  const before = file.text;
  const after = before.slice(0, start) + withEol(newStr, file.eol) + before.slice(end);
  workingSet.update(target, after);
  const firstLine = lineOf(lf.text, at);
  const lastLine = firstLine + breaks(newStr);
  return {
    isError: false,
    content: `Replaced the text in ${command.path} (1 occurrence). The edited region now reads:\n${snippet(after, firstLine, lastLine, ctx.maxCharacters)}`,
    edit: { target, kind: 'modify', before, after },
  };
}

function insert(command: InsertCommand, target: ResolvedPath, ctx: EditorToolContext, workingSet: WorkingSet): ToolOutcome {
  const file = load(target, ctx, workingSet);
  if (!file.exists) return notAFile(command.path, target, ctx, 'insert');
  const before = file.text;
  const count = splitLines(before).length;
  const n = command.insertLine;
  if (n < 0 || n > count) {
    return error(`insert_line ${n} is out of range: ${command.path} has ${count} line${count === 1 ? '' : 's'}, so insert_line must be between 0 (before the first line) and ${count} (after the last).${unchanged}`);
  }
  // The text becomes whole lines: one trailing newline is the end of its last line, not an extra one.
  const body = toLf(command.text).replace(/\n$/, '').split('\n').join(file.eol);
  const snap = new TextSnapshot(before, undefined, file.eol);
  let offset: number;
  let inserted: string;
  if (n === count && count > 0 && !/[\r\n]$/.test(before)) {
    // After the last line of a file without a final newline: keep it without one.
    offset = before.length;
    inserted = file.eol + body;
  } else {
    offset = n === 0 ? 0 : (snap.lineStarts[n] ?? before.length);
    inserted = body + file.eol;
  }
  const after = before.slice(0, offset) + inserted + before.slice(offset);
  workingSet.update(target, after);
  const added = body.split(file.eol).length;
  return {
    isError: false,
    content: `Inserted ${added} line${added === 1 ? '' : 's'} after line ${n} of ${command.path}. The region now reads:\n${snippet(after, n + 1, n + added, ctx.maxCharacters)}`,
    edit: { target, kind: 'modify', before, after },
  };
}

function create(command: CreateCommand, target: ResolvedPath, ctx: EditorToolContext, workingSet: WorkingSet): ToolOutcome {
  if (!ctx.allowCreate) {
    return error(`Creating files is not allowed here (the workspace is untrusted or file creation is turned off), so ${command.path} was not created. Edit existing files instead, or ask the user to create it.`);
  }
  const file = load(target, ctx, workingSet);
  if (file.exists) {
    return error(`${command.path} already exists; create only makes new files. Use str_replace or insert to change it.${unchanged}`);
  }
  if (ctx.listDirectory?.(target) !== undefined) {
    return error(`${command.path} is a directory; create needs a file path.${unchanged}`);
  }
  const after = withEol(command.fileText, file.eol);
  workingSet.update(target, after);
  const count = splitLines(after).length;
  return {
    isError: false,
    content: `Created ${command.path} (${count} line${count === 1 ? '' : 's'}).`,
    edit: { target, kind: 'create', before: '', after },
  };
}
