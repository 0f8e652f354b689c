import * as vscode from 'vscode';
import { computeOffsetEdits } from '../../common/edits/diff';
import type { TextEdit } from '../../common/edits/textEdit';
import type { Eol } from '../../common/edits/textSnapshot';
import type { DocumentReview } from './documentReview';
import { rangeOf } from './documentReview';
import type { TrackedHunk } from '../../common/edits/hunkTracker';

/** Plain `{range, newText}` edits from the engine as VS Code edits. */
export function toVscodeEdits(edits: readonly TextEdit[]): vscode.TextEdit[] {
  return edits.map((e) => new vscode.TextEdit(
    new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
    e.newText,
  ));
}

/** The document's EOL setting as the engine spells it. */
export function eolOf(document: vscode.TextDocument): Eol {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/**
 * `text` with every line break written as `eol`. A VS Code document has one EOL and converts any
 * inserted break to it, so comparing or diffing against text with other breaks would see changes
 * that can never exist in the buffer.
 */
export function withDocumentEol(text: string, eol: Eol): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/**
 * The minimal edits that put each hunk's original lines back in place of its current text. With no
 * user typing inside a hunk its current text is exactly the proposed lines, so rejecting every hunk
 * yields `applyHunks(original, hunks, acceptedIds)` byte for byte; typing elsewhere only moved the
 * spans, which the tracker followed.
 */
export function rejectEdits(review: DocumentReview, hunks: readonly TrackedHunk[]): vscode.TextEdit[] {
  const doc = review.document;
  return hunks.flatMap((hunk) =>
    computeOffsetEdits(review.textOf(hunk), hunk.originalText).map((e) =>
      new vscode.TextEdit(rangeOf(doc, hunk.start + e.start, hunk.start + e.end), e.newText)),
  );
}
