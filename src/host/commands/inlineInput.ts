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

/** How long the thread shows collapsed before it expands: the expansion is what focuses its box. */
const EXPAND_AFTER_MS = 120;

/**
 * The instruction box at the selection: a comment thread (the stable API's only input inside the
 * editor, as Sourcegraph Cody's inline chat did it) holding one comment in editing mode, empty.
 * Why a comment being edited rather than the thread's reply box: VS Code focuses a thread's new
 * editing comment when the thread expands, but expands and focuses a reply box only for threads
 * the user made with "+"; the box must take the caret. The thread lives only while the box is
 * open (the stable API cannot keep it out of the Comments panel meanwhile). Ctrl/Cmd+Enter runs
 * the comment's first action (Edit); Escape or Cancel closes it. One input at a time.
 */
export class InlineInput extends Disposable {
  private readonly controller = this.register(vscode.comments.createCommentController(INLINE_INPUT_CONTROLLER_ID, 'Claude'));
  private open: OpenInput | undefined;

  constructor() {
    super();
    this.controller.options = { prompt: INLINE_INPUT_PLACEHOLDER, placeHolder: INLINE_INPUT_PLACEHOLDER };
    this.register(vscode.commands.registerCommand(CommandIds.submitInlineEdit, (arg?: unknown) => this.submit(arg)));
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
    const draft: vscode.Comment = {
      body: '',
      mode: vscode.CommentMode.Editing,
      author: { name: 'Claude' },
      contextValue: 'claudeMessages.inlineEditInput',
    };
    const thread = this.controller.createCommentThread(document.uri, range, [draft]);
    thread.label = `${INLINE_INPUT_PLACEHOLDER} (${prompt}; ${process.platform === 'darwin' ? 'Cmd' : 'Ctrl'}+Enter to send, Esc to cancel)`;
    thread.canReply = false;
    thread.contextValue = 'claudeMessages.inlineEditInput';
    // Shown collapsed first, then expanded: the change to expanded is what moves the caret into
    // the draft comment's box (set together, the thread would open without focus).
    const timer = setTimeout(() => {
      if (this.open?.thread === thread) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    }, EXPAND_AFTER_MS);
    return new Promise((resolve) => {
      this.open = { thread, resolve: (instruction) => { clearTimeout(timer); resolve(instruction); } };
    });
  }

  /** Whether an input box is open now. */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** The Edit action and Ctrl/Cmd+Enter: the draft comment's text (VS Code passes the comment, its body updated) is the instruction. */
  private submit(arg: unknown): void {
    const open = this.open;
    if (!open) return;
    const text = textOf(arg, open.thread).trim();
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

/** The typed text from the action's argument: the draft comment (its body updated), or a reply. */
function textOf(arg: unknown, thread: vscode.CommentThread): string {
  if (typeof arg !== 'object' || arg === null) return '';
  if ('thread' in arg && (arg as vscode.CommentReply).thread === thread) return String((arg as vscode.CommentReply).text ?? '');
  if (thread.comments.includes(arg as vscode.Comment)) {
    const body = (arg as vscode.Comment).body;
    return typeof body === 'string' ? body : body.value;
  }
  return '';
}
