import * as vscode from 'vscode';
import type { RetryNotice } from '../../common/chat/ports';
import { Disposable } from '../disposable';
import { CommandIds } from './ids';

/** What a long edit reports while it runs. */
export interface EditProgress {
  /** The reply's text so far (for the notification). */
  text(textSoFar: string): void;
  /** Characters streamed so far, text and tool input alike (for the count at the code). */
  streamed(characters: number): void;
  retry(notice: RetryNotice): void;
}

/** The `when` key of the Stop keybinding: an inline edit request is running. */
export const INLINE_EDIT_RUNNING_KEY = 'claudeMessages.inlineEditRunning';
/** Updates cross to the workbench; a few a second is enough to read. */
const PROGRESS_EVERY_MS = 150;
/** Tokens are estimated from characters (about four per token) until the reply's usage arrives. */
const CHARS_PER_TOKEN = 4;

/** The indicator's words, e.g. "Claude is editing… ≈ 120 tokens · Esc to stop". */
export function progressLabel(state: { characters: number; retry?: RetryNotice }): string {
  const stop = 'Esc to stop';
  if (state.retry) return `⟳ Claude is editing… retrying in ${Math.ceil(state.retry.delayMs / 1000)} s · ${stop}`;
  const tokens = Math.round(state.characters / CHARS_PER_TOKEN);
  if (tokens === 0) return `⟳ Claude is editing… · ${stop}`;
  return `⟳ Claude is editing… ≈ ${tokens} ${tokens === 1 ? 'token' : 'tokens'} · ${stop}`;
}

/**
 * The inline edit's progress where the user looks: a line at the selection saying that Claude is
 * editing, with the tokens so far or the retry countdown, and a cancellable notification. Stop is
 * the notification's Cancel, or `claudeMessages.stopInlineEdit` (Escape in the editor while the
 * request runs). Owns the Stop command; one edit runs at a time.
 */
export class InlineEditProgress extends Disposable {
  private running: AbortController | undefined;
  private readonly note = this.register(vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 1em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: true,
  }));

  constructor() {
    super();
    this.register(vscode.commands.registerCommand(CommandIds.stopInlineEdit, () => this.running?.abort()));
  }

  /** Whether an edit request is running. */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Runs `work` with the indicator at `editor`'s selection; both go away when `work` settles. */
  async run<T>(editor: vscode.TextEditor, work: (progress: EditProgress, signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.running?.abort();
    this.running = controller;
    void vscode.commands.executeCommand('setContext', INLINE_EDIT_RUNNING_KEY, true);
    const line = editor.selection.start.line;
    const at = new vscode.Range(line, Number.MAX_SAFE_INTEGER, line, Number.MAX_SAFE_INTEGER);
    const state: { characters: number; retry?: RetryNotice } = { characters: 0 };
    let shown = 0;
    let texted = 0;
    const show = (): void => {
      if (this.isDisposed) return;
      shown = Date.now();
      editor.setDecorations(this.note, [{ range: at, renderOptions: { after: { contentText: progressLabel(state) } } }]);
    };
    // At most every PROGRESS_EVERY_MS while tokens stream; the first label and retries at once.
    const showThrottled = (): void => {
      if (Date.now() - shown >= PROGRESS_EVERY_MS) show();
    };
    show();
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Claude is editing', cancellable: true },
        async (notification, token) => {
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await work({
              text: (textSoFar) => {
                const now = Date.now();
                if (now - texted < PROGRESS_EVERY_MS) return;
                texted = now;
                notification.report({ message: textSoFar.slice(-80) });
              },
              streamed: (characters) => {
                state.characters = characters;
                state.retry = undefined;
                showThrottled();
              },
              retry: (notice) => {
                state.retry = notice;
                show();
                notification.report({ message: `retrying in ${Math.ceil(notice.delayMs / 1000)} s…` });
              },
            }, controller.signal);
          } finally {
            subscription.dispose();
          }
        },
      );
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        void vscode.commands.executeCommand('setContext', INLINE_EDIT_RUNNING_KEY, false);
      }
      if (!this.isDisposed) editor.setDecorations(this.note, []);
    }
  }

  override dispose(): void {
    this.running?.abort();
    super.dispose();
  }
}
