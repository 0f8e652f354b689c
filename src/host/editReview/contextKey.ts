import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { PendingHunkView } from './types';

/** The `when` clause key that enables the review commands in the palette. */
export const HAS_PENDING_EDIT_KEY = 'claudeMessages.hasPendingEdit';
/**
 * The `when` clause key of the Ctrl+Enter / Escape keybindings: the caret (one caret, nothing
 * selected) is inside a pending hunk. Escape and Ctrl+Enter keep their usual meaning everywhere
 * else, so pressing Escape to drop a selection or close a widget never throws an edit away.
 */
export const CURSOR_IN_PENDING_HUNK_KEY = 'claudeMessages.cursorInPendingHunk';

/** Whether the editor has one empty selection whose line lies inside one of `hunks`. */
export function caretInHunk(selections: readonly vscode.Selection[], hunks: readonly PendingHunkView[]): boolean {
  if (selections.length !== 1 || !selections[0]!.isEmpty) return false;
  const line = selections[0]!.active.line;
  // A pure deletion has no lines of its own (endLine = startLine - 1): the line it sits before counts.
  return hunks.some((h) => line >= h.startLine && line <= Math.max(h.endLine, h.startLine));
}

/** What the caret's line says while it is inside a hunk, so the two keys are discoverable. */
const KEY_HINT = `${process.platform === 'darwin' ? 'Cmd' : 'Ctrl'}+Enter to accept · Esc to reject`;

/**
 * Keeps the two review keys in step with the active editor: `hasPendingEdit` while its document has
 * hunks waiting for review, `cursorInPendingHunk` while the caret is inside one of them, and then
 * shows the keys at the end of the caret's line. The hint is drawn after the key is sent (messages
 * to the workbench keep their order), so once the hint shows, the keys work.
 */
export class PendingEditContextKey extends Disposable {
  /** The last values sent; `setContext` is a round trip to the workbench, so repeats are skipped. */
  private readonly current = new Map<string, boolean>();
  private readonly hint = this.register(vscode.window.createTextEditorDecorationType({
    after: { contentText: KEY_HINT, margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
  }));
  private hinted: vscode.TextEditor | undefined;

  constructor(
    private readonly pendingHunks: (uri: vscode.Uri) => PendingHunkView[],
    onDidChangePending: vscode.Event<vscode.Uri>,
  ) {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) this.update();
    }));
    this.register(onDidChangePending(() => this.update()));
    this.update();
  }

  /** Recomputes both keys from the active editor. */
  update(): void {
    if (this.isDisposed) return;
    const editor = vscode.window.activeTextEditor;
    const hunks = editor ? this.pendingHunks(editor.document.uri) : [];
    const inHunk = editor !== undefined && caretInHunk(editor.selections, hunks);
    this.set(HAS_PENDING_EDIT_KEY, hunks.length > 0);
    this.set(CURSOR_IN_PENDING_HUNK_KEY, inHunk);
    this.showHint(inHunk ? editor : undefined);
  }

  private showHint(editor: vscode.TextEditor | undefined): void {
    if (this.hinted && this.hinted !== editor) this.hinted.setDecorations(this.hint, []);
    this.hinted = editor;
    if (!editor) return;
    const line = editor.selection.active.line;
    editor.setDecorations(this.hint, [new vscode.Range(line, Number.MAX_SAFE_INTEGER, line, Number.MAX_SAFE_INTEGER)]);
  }

  private set(key: string, value: boolean): void {
    if (this.current.get(key) === value) return;
    this.current.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    // A disposed review leaves nothing to accept: the keybindings must stop claiming Escape.
    this.set(HAS_PENDING_EDIT_KEY, false);
    this.set(CURSOR_IN_PENDING_HUNK_KEY, false);
    this.showHint(undefined);
    super.dispose();
  }
}
