import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { PendingHunkView } from './types';

/** The scheme of the read-only documents holding a reviewed document's original text. */
export const ORIGINAL_SCHEME = 'claude-messages-original';

/**
 * The text of `document` with every pending hunk put back to its original lines (accepted hunks
 * kept): the left side of "Open as Diff". Hunks are whole lines; the last may end without a line
 * break at the end of the document.
 */
export function textWithPendingRejected(document: vscode.TextDocument, hunks: readonly PendingHunkView[]): string {
  let text = document.getText();
  const lineStart = (line: number): number => (line >= document.lineCount ? text.length : document.offsetAt(new vscode.Position(line, 0)));
  // From the bottom up, so the offsets of the hunks above stay valid.
  for (const hunk of [...hunks].sort((a, b) => b.startLine - a.startLine)) {
    const start = lineStart(hunk.startLine);
    const end = hunk.endLine < hunk.startLine ? start : lineStart(hunk.endLine + 1);
    text = text.slice(0, start) + hunk.originalText + text.slice(end);
  }
  return text;
}

/** The original-text URI of `document`: the document's own URI travels in the query. */
export function originalUriOf(document: vscode.Uri): vscode.Uri {
  const name = document.path.split('/').pop() ?? 'original';
  return vscode.Uri.from({ scheme: ORIGINAL_SCHEME, path: `/${name}`, query: document.toString() });
}

/**
 * Serves the original text of documents under review, read-only, and tells VS Code when it
 * changed (a hunk accepted or rejected moves the baseline), so an open diff follows the review.
 */
export class OriginalTextProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly pendingHunks: (uri: vscode.Uri) => PendingHunkView[], onDidChangePending: vscode.Event<vscode.Uri>) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(ORIGINAL_SCHEME, this));
    this.register(onDidChangePending((uri) => this.changed.fire(originalUriOf(uri))));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const target = vscode.Uri.parse(uri.query, true);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    return document ? textWithPendingRejected(document, this.pendingHunks(target)) : '';
  }
}
