import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { CommandIds } from './ids';

/** The comment controller's id: `commentController == claudeMessages.inlineEdit` in `when` clauses. */
export const INLINE_INPUT_CONTROLLER_ID = 'claudeMessages.inlineEdit';
export const INLINE_INPUT_PLACEHOLDER = 'Describe the change…';

interface OpenInput {
  readonly thread: vscode.CommentThread;
  readonly resolve: (instruction: string | undefined) => void;
}

/**
 * The instruction box at the selection: a comment thread (the stable API's only input inside the
 * editor, as Sourcegraph Cody's inline chat did it) with a reply box and no comments. A thread
 * without comments is not listed in the Comments panel. Ctrl/Cmd+Enter runs the thread's first
 * action (Edit); Escape or Cancel closes it. One input at a time: a new one replaces the old.
 */
export class InlineInput extends Disposable {
  private readonly controller = this.register(vscode.comments.createCommentController(INLINE_INPUT_CONTROLLER_ID, 'Claude'));
  private open: OpenInput | undefined;

  constructor() {
    super();
    this.controller.options = { prompt: INLINE_INPUT_PLACEHOLDER, placeHolder: INLINE_INPUT_PLACEHOLDER };
    this.register(vscode.commands.registerCommand(CommandIds.submitInlineEdit, (reply?: unknown) => this.submit(reply)));
    this.register(vscode.commands.registerCommand(CommandIds.cancelInlineEdit, () => this.close(undefined)));
    // The document went away: there is nothing left to edit.
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (this.open?.thread.uri.toString() === document.uri.toString()) this.close(undefined);
    }));
  }

  /**
   * Opens the box under `range` of `document` and resolves to the typed instruction, or undefined
   * when it was cancelled (Escape, Cancel, another input, the document closed).
   */
  ask(document: vscode.TextDocument, range: vscode.Range, prompt: string): Promise<string | undefined> {
    this.close(undefined);
    if (this.isDisposed) return Promise.resolve(undefined);
    const thread = this.controller.createCommentThread(document.uri, range, []);
    thread.label = `Claude · ${prompt}`;
    thread.canReply = true;
    thread.contextValue = 'claudeMessages.inlineEditInput';
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return new Promise((resolve) => {
      this.open = { thread, resolve };
    });
  }

  /** Whether an input box is open now. */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** The Edit action and Ctrl/Cmd+Enter: the reply box's text is the instruction. */
  private submit(reply: unknown): void {
    const open = this.open;
    if (!open) return;
    const text = isCommentReply(reply) && reply.thread === open.thread ? reply.text.trim() : '';
    // An empty box is not an instruction: it stays open.
    if (text === '') return void vscode.window.setStatusBarMessage('Claude Messages: type what should change, then Ctrl+Enter.', 4000);
    this.close(text);
  }

  private close(instruction: string | undefined): void {
    const open = this.open;
    this.open = undefined;
    if (!open) return;
    open.thread.dispose();
    open.resolve(instruction);
  }

  override dispose(): void {
    this.close(undefined);
    super.dispose();
  }
}

function isCommentReply(value: unknown): value is vscode.CommentReply {
  return typeof value === 'object' && value !== null && 'thread' in value && typeof (value as { text?: unknown }).text === 'string';
}
