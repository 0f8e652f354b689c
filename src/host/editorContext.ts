import * as vscode from 'vscode';
import type { EditorContext } from '../common/conversation/contextBlocks';

/**
 * The editor's selection (or, with none, the whole file) as plain data for context blocks: the
 * workspace-relative path, the language, 1-based inclusive line numbers, and the file's text.
 */
export function editorContextOf(editor: vscode.TextEditor): EditorContext {
  const document = editor.document;
  const selection = editor.selection;
  const range = selection.isEmpty ? new vscode.Range(0, 0, document.lineCount, 0) : selection;
  // A selection ending at column 0 of a line does not really include that line.
  const endLine = !selection.isEmpty && range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return {
    path: vscode.workspace.asRelativePath(document.uri, false),
    language: document.languageId,
    selection: {
      text: document.getText(range),
      startLine: range.start.line + 1,
      endLine: Math.min(endLine, document.lineCount - 1) + 1,
    },
    fileText: document.getText(),
  };
}
