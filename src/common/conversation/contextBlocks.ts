/**
 * User content for editor commands (Explain Selection, Inline Edit): the surrounding file and the
 * selection as separate text blocks, then the question.
 *
 * Context blocks are API text blocks whose first line is a header such as
 * `<selection path="src/a.ts" language="typescript" lines="10-24">`. The header is what the view
 * and the export recognise (see `isContextBlock`); the `editorContext` mark from
 * `markAsContext` is what the request builder uses to give each its own cache breakpoint, and it
 * strips the mark before sending. The file block comes first because it changes least: a cache
 * breakpoint after it can be reused by the next question about another part of the same file.
 */
import { markAsContext } from '../anthropic/caching';
import type { TextBlock } from '../anthropic/types';
import type { ContextChip } from '../protocol';

/** The editor state an editor command captured. Lines are 1-based and inclusive. */
export interface EditorContext {
  /** Workspace-relative path with forward slashes (the host computes it). */
  path: string;
  /** The VS Code language id, e.g. `typescript`. */
  language: string;
  selection: { text: string; startLine: number; endLine: number };
  /** The whole document text; sent as its own block when it fits `fileMaxChars`. */
  fileText?: string;
}

export interface ContextContentOptions {
  /** The largest file (in characters) sent whole; 0 sends the selection only. */
  fileMaxChars: number;
}

/** The user content of an editor command, and the chips that show its context. */
export interface ContextContent {
  blocks: TextBlock[];
  chips: ContextChip[];
}

export type ContextKind = 'file' | 'selection';

/** What a context block's header says. */
export interface ContextHeader {
  kind: ContextKind;
  path: string;
  language: string;
  startLine: number;
  endLine: number;
}

const HEADER = /^<(file|selection) path="([^"]*)" language="([^"]*)" lines="(\d+)-(\d+)">\n/;

/**
 * Builds `[file?, selection, question?]`. The file block is left out when it is too large, when
 * `fileMaxChars` is 0, or when the selection already is the whole file.
 */
export function buildContextContent(context: EditorContext, question: string, options: ContextContentOptions): ContextContent {
  const blocks: TextBlock[] = [];
  const chips: ContextChip[] = [];
  const fileText = context.fileText;
  if (
    fileText !== undefined &&
    options.fileMaxChars > 0 &&
    fileText.length <= options.fileMaxChars &&
    fileText !== context.selection.text
  ) {
    const lines = lineCount(fileText);
    blocks.push(markAsContext({ type: 'text', text: contextBlockText({ kind: 'file', path: context.path, language: context.language, startLine: 1, endLine: lines }, fileText) }));
    chips.push({ label: context.path, language: context.language, text: fileText });
  }
  const { startLine, endLine, text } = context.selection;
  blocks.push(markAsContext({ type: 'text', text: contextBlockText({ kind: 'selection', path: context.path, language: context.language, startLine, endLine }, text) }));
  chips.push({ label: `${context.path}:${startLine}-${endLine}`, language: context.language, text });
  // An empty question would be an empty text block, which the API rejects.
  if (question.trim() !== '') {
    blocks.push({ type: 'text', text: question });
  }
  return { blocks, chips };
}

/** The text of one context block: header line, the code verbatim, closing tag. */
export function contextBlockText(header: ContextHeader, body: string): string {
  const attrs = `path="${escapeAttr(header.path)}" language="${escapeAttr(header.language)}" lines="${header.startLine}-${header.endLine}"`;
  return `<${header.kind} ${attrs}>\n${body}\n</${header.kind}>`;
}

/** Whether a content block is a context block built here (recognised by its header). */
export function isContextBlock<T extends { readonly type: string }>(block: T): boolean {
  return block.type === 'text' && 'text' in block && typeof block.text === 'string' && HEADER.test(block.text);
}

/** Reads a context block's header; undefined for any other text. */
export function parseContextHeader(text: string): ContextHeader | undefined {
  const match = HEADER.exec(text);
  if (!match) {
    return undefined;
  }
  const [, kind, path, language, start, end] = match;
  return {
    kind: kind === 'file' ? 'file' : 'selection',
    path: unescapeAttr(path ?? ''),
    language: unescapeAttr(language ?? ''),
    startLine: Number(start),
    endLine: Number(end),
  };
}

/** Lines as an editor numbers them (a final newline starts no new line). */
export function lineCount(text: string): number {
  if (text === '') {
    return 1;
  }
  const newlines = text.split('\n').length - 1;
  // A final newline does not start another line in an editor's numbering.
  return text.endsWith('\n') ? newlines : newlines + 1;
}

// Quotes would end the attribute early and break `isContextBlock`; escape them as in XML.
function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

function unescapeAttr(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}
