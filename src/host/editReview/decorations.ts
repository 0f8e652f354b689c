import * as vscode from 'vscode';
import { stripEol } from '../../common/edits/diff';
import { Disposable } from '../disposable';
import type { PendingHunkView } from './types';

/** The most removed text a hover shows; longer text is cut with a note (hovers get slow past this). */
const MAX_HOVER_CHARS = 8000;
/** The most characters of a removed line shown inline. */
const MAX_INLINE_CHARS = 80;

/** A thin bar for the gutter; decorations cannot take a theme colour for the gutter itself. */
function gutterBar(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="20"><rect x="0" y="0" width="3" height="20" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

/** A fenced code block that cannot be closed early by backticks inside `text`. */
function codeBlock(text: string, language: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}\n`;
}

/** Hover text for a hunk: what the reject would bring back, and how to decide. */
function hoverFor(hunk: PendingHunkView, languageId: string, label: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(label ? `**Proposed edit:** ${escapeMarkdown(label)}\n\n` : '**Proposed edit**\n\n');
  if (hunk.originalText === '') {
    md.appendMarkdown('Adds these lines; nothing was removed.\n\n');
  } else {
    const removed = stripEol(hunk.originalText);
    const shown = removed.length > MAX_HOVER_CHARS ? `${removed.slice(0, MAX_HOVER_CHARS)}\n…` : removed;
    md.appendMarkdown('Replaces:\n\n');
    md.appendMarkdown(codeBlock(shown, languageId));
  }
  md.appendMarkdown('\nAccept or reject with the CodeLens above, or with **Claude Messages: Accept/Reject Proposed Edit**.');
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

/** One line summary of removed lines, shown after the hunk's first line. */
function removedSummary(originalText: string): string {
  const lines = originalText.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const first = (lines.find((l) => l.trim() !== '') ?? '').trim();
  const clipped = first.length > MAX_INLINE_CHARS ? `${first.slice(0, MAX_INLINE_CHARS)}…` : first;
  const more = lines.length > 1 ? `  (${lines.length} lines removed)` : '';
  return `${clipped || '(blank line)'}${more}`;
}

/**
 * The look of a pending review in an editor: new and changed lines in the diff editor's
 * inserted-line colours (background, gutter bar, overview ruler), and the removed text struck
 * through after the hunk's first line, in full in the hover.
 */
export class ReviewDecorations extends Disposable {
  private readonly inserted = this.register(vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    gutterIconPath: gutterBar('#2ea043'),
    gutterIconSize: 'contain',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  }));

  private readonly removed = this.register(vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    after: {
      margin: '0 0 0 2em',
      textDecoration: 'line-through',
      backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
      color: new vscode.ThemeColor('editorCodeLens.foreground'),
    },
  }));

  /** Shows `hunks` in `editor`, replacing whatever this object showed there before. */
  render(editor: vscode.TextEditor, hunks: readonly PendingHunkView[], label?: string): void {
    const doc = editor.document;
    const inserted: vscode.DecorationOptions[] = [];
    const removed: vscode.DecorationOptions[] = [];
    for (const hunk of hunks) {
      const hover = hoverFor(hunk, doc.languageId, label);
      if (hunk.endLine >= hunk.startLine) {
        inserted.push({ range: new vscode.Range(hunk.startLine, 0, hunk.endLine, 0), hoverMessage: hover });
      }
      if (hunk.originalText === '') continue;
      // After the first new line; for a pure deletion, at the end of the line above the gap (or
      // of the first line when the deletion was at the top).
      const line = Math.min(
        doc.lineCount - 1,
        hunk.endLine >= hunk.startLine ? hunk.startLine : Math.max(0, hunk.startLine - 1),
      );
      const end = doc.lineAt(line).range.end;
      removed.push({
        range: new vscode.Range(end, end),
        hoverMessage: hover,
        renderOptions: { after: { contentText: `− ${removedSummary(hunk.originalText)}` } },
      });
    }
    editor.setDecorations(this.inserted, inserted);
    editor.setDecorations(this.removed, removed);
  }

  /** Removes this review's decorations from `editor`. */
  clear(editor: vscode.TextEditor): void {
    editor.setDecorations(this.inserted, []);
    editor.setDecorations(this.removed, []);
  }
}
