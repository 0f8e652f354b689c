import * as vscode from 'vscode';
import type { RetryNotice } from '../../common/chat/ports';

/** What a long edit reports while it runs. */
export interface EditProgress {
  /** The reply's text so far; shown at most a few times a second (each update crosses to the workbench). */
  text(textSoFar: string): void;
  retry(notice: RetryNotice): void;
}

const PROGRESS_EVERY_MS = 150;

/**
 * Runs `work` with progress where the user looks: a quiet note at the selection, and a
 * cancellable notification whose Cancel aborts the signal. Both go away when `work` settles.
 */
export async function withEditProgress<T>(editor: vscode.TextEditor, work: (progress: EditProgress, signal: AbortSignal) => Promise<T>): Promise<T> {
  const note = vscode.window.createTextEditorDecorationType({
    after: { contentText: '  ⟳ Claude is editing…', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: true,
  });
  const line = editor.selection.start.line;
  editor.setDecorations(note, [new vscode.Range(line, 0, line, 0)]);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Claude is editing', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let lastText = 0;
        try {
          return await work({
            text: (textSoFar) => {
              const now = Date.now();
              if (now - lastText < PROGRESS_EVERY_MS) return;
              lastText = now;
              progress.report({ message: textSoFar.slice(-80) });
            },
            retry: (notice) => progress.report({ message: `retrying in ${Math.ceil(notice.delayMs / 1000)} s…` }),
          }, controller.signal);
        } finally {
          subscription.dispose();
        }
      },
    );
  } finally {
    note.dispose();
  }
}
