/** The shapes the edit review shares with its callers and its commands. */
import type { HunkLineSpan } from '../../common/edits/hunkTracker';

/** A whole-document change to review: `after` was computed from `snapshotText`. */
export interface EditProposal {
  /** The document text the edit was computed against. */
  readonly snapshotText: string;
  /** The document version when `snapshotText` was read; a later version means the user typed since. */
  readonly snapshotVersion: number;
  /** The whole text the edit produces from `snapshotText`. */
  readonly after: string;
  /** What was asked for, shown in the review's hover. */
  readonly label?: string;
}

/**
 * The outcome of a proposal. `ok: false` means nothing was changed: the user edited the same lines
 * meanwhile (a conflict), the document closed, or VS Code refused the edit; `reason` says which.
 */
export type ProposeResult =
  | { readonly ok: true; /** Hunks now waiting for review (0 when the edit changed nothing). */ readonly hunks: number }
  | { readonly ok: false; readonly reason: string };

/** Arguments of `claudeMessages.acceptEdit` / `rejectEdit`; none means every hunk in the active editor. */
export interface HunkCommandArgs {
  /** The document, as `Uri.toString()`. */
  readonly uri?: string;
  /** One hunk; all of the document's hunks when absent. */
  readonly hunkId?: number;
}

/** A pending hunk as the UI shows it: lines in the current document, zero-based, inclusive. */
export interface PendingHunkView extends HunkLineSpan {
  readonly id: number;
  /** The text a reject would put back (EOLs included). */
  readonly originalText: string;
}

/** What a reject undid, for the message that says so and its Undo button. */
export interface RejectReport {
  readonly hunks: number;
  /** `restoredOnDisk`: auto save had written the proposal, and the restored text was saved over it. */
  readonly outcome: 'reverted' | 'restoredOnDisk' | 'deleted';
  /** The document's text just before the reject: Undo proposes it again. */
  readonly textBefore: string;
  readonly label?: string;
}
