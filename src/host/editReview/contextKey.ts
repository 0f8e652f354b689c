import * as vscode from 'vscode';
import { Disposable } from '../disposable';

/** The `when` clause key that enables the accept/reject keybindings and palette entries. */
export const HAS_PENDING_EDIT_KEY = 'claudeMessages.hasPendingEdit';

/**
 * Keeps `claudeMessages.hasPendingEdit` true exactly while the active editor shows a document with
 * hunks waiting for review, so Ctrl+Enter and Escape mean accept/reject only there.
 */
export class PendingEditContextKey extends Disposable {
  /** The last value sent; `setContext` is a round trip to the workbench, so repeats are skipped. */
  private current: boolean | undefined;

  constructor(
    private readonly hasPending: (uri: vscode.Uri) => boolean,
    onDidChangePending: vscode.Event<vscode.Uri>,
  ) {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(onDidChangePending(() => this.update()));
    this.update();
  }

  /** Recomputes the key from the active editor. */
  update(): void {
    if (this.isDisposed) return;
    const editor = vscode.window.activeTextEditor;
    this.set(editor !== undefined && this.hasPending(editor.document.uri));
  }

  private set(value: boolean): void {
    if (this.current === value) return;
    this.current = value;
    void vscode.commands.executeCommand('setContext', HAS_PENDING_EDIT_KEY, value);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    // A disposed review leaves nothing to accept: the keybindings must stop claiming Escape.
    this.set(false);
    super.dispose();
  }
}
