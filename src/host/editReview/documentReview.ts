import * as vscode from 'vscode';
import { computeHunks } from '../../common/edits/diff';
import type { ContentChange } from '../../common/edits/rebase';
import { changesBetween } from '../../common/edits/rebase';
import { HunkTracker, hunkLineSpan, textWithHunksRejected } from '../../common/edits/hunkTracker';
import type { ReviewedText, TrackedHunk } from '../../common/edits/hunkTracker';
import type { PendingHunkView } from './types';

/** How a review began. */
export interface ReviewOrigin {
  /** The model created the file: rejecting the whole of it deletes the file. */
  readonly created: boolean;
  /** What was asked for, for the hover. */
  readonly label?: string;
}

/**
 * The review state of one document: which hunks of the applied edit still wait for a decision and
 * where they are now. It owns no VS Code resources; the controller feeds it document changes.
 */
export class DocumentReview {
  private readonly tracker: HunkTracker;
  /** Hunks accepted so far; a created file with an accepted hunk is no longer deleted on reject. */
  private acceptedCount = 0;
  private savedWithProposal = false;

  /**
   * @param baseline the text before the edit was applied (what a full reject restores)
   * @param applied the text right after the edit was applied, which the hunks are positioned in
   */
  constructor(
    readonly document: vscode.TextDocument,
    baseline: string,
    applied: string,
    readonly origin: ReviewOrigin,
  ) {
    this.tracker = new HunkTracker(applied, computeHunks(baseline, applied));
  }

  get pending(): readonly TrackedHunk[] {
    return this.tracker.pending;
  }

  get size(): number {
    return this.tracker.size;
  }

  get accepted(): number {
    return this.acceptedCount;
  }

  /** Whether the document was saved (by auto save or by hand) while hunks waited for review. */
  get proposalSaved(): boolean {
    return this.savedWithProposal;
  }

  markProposalSaved(): void {
    if (this.size > 0) this.savedWithProposal = true;
  }

  hunk(id: number): TrackedHunk | undefined {
    return this.tracker.get(id);
  }

  /** Marks hunks accepted: their text stays and they leave the review. */
  accept(ids: readonly number[]): void {
    const known = ids.filter((id) => this.tracker.get(id) !== undefined);
    this.tracker.remove(known);
    this.acceptedCount += known.length;
  }

  /** Forgets hunks whose original text is back in the document. */
  resolve(ids: readonly number[]): void {
    this.tracker.remove(ids);
  }

  /**
   * Follows document changes (VS Code's `contentChanges`, in order). A hunk the user edited back
   * to its original text (by hand, or by undoing the proposal) is resolved: nothing is left to
   * review there.
   */
  applyChanges(changes: readonly ContentChange[]): void {
    this.tracker.follow(changes, this.reviewedText());
  }

  /** Catches up with changes made between `applied` and the document's text, when events were missed. */
  catchUp(applied: string): void {
    this.applyChanges(changesBetween(applied, this.document.getText()));
  }

  /** The document text as it would be with every pending hunk rejected (accepted ones kept). */
  baselineText(): string {
    return textWithHunksRejected(this.document.getText(), this.tracker.pending);
  }

  /** The hunk's current text in the document. */
  textOf(hunk: TrackedHunk): string {
    const doc = this.document;
    return doc.getText(rangeOf(doc, hunk.start, hunk.end));
  }

  /** Pending hunks with their current line span, for decorations and CodeLens. */
  views(): PendingHunkView[] {
    const doc = this.document;
    return this.tracker.pending.map((h) => ({ id: h.id, ...hunkLineSpan(h, (offset) => doc.positionAt(offset)), originalText: h.originalText }));
  }

  // The live buffer as the tracker asks it: positions and slices, without copying the whole text
  // on every keystroke.
  private reviewedText(): ReviewedText {
    const doc = this.document;
    return {
      isLineStart: (offset) => offset === 0 || doc.positionAt(offset).character === 0,
      slice: (start, end) => doc.getText(rangeOf(doc, start, end)),
    };
  }
}

/** The range of offsets `[start, end)` in `document`. */
export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}
