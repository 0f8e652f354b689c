import * as vscode from 'vscode';
import { computeOffsetEdits, computeTextEdits } from '../../common/edits/diff';
import { changesBetween, rebaseEdits } from '../../common/edits/rebase';
import { applyOffsetEdits } from '../../common/edits/textEdit';
import { detectEol } from '../../common/edits/textSnapshot';
import { Disposable } from '../disposable';
import { ReviewCodeLensProvider } from './codeLens';
import { PendingEditContextKey } from './contextKey';
import { ReviewDecorations } from './decorations';
import { DocumentReview } from './documentReview';
import { eolOf, rejectEdits, toVscodeEdits, withDocumentEol } from './edits';
import type { EditProposal, PendingHunkView, ProposeResult, RejectReport } from './types';

/** How often a reject is retried when the user typed between computing and applying it. */
const REJECT_ATTEMPTS = 3;

const refused = (reason: string): ProposeResult => ({ ok: false, reason });

/**
 * Applies proposed edits to documents at once, as one undoable `WorkspaceEdit`, and keeps them under
 * review (decorations, CodeLens, the `claudeMessages.hasPendingEdit` key) until the user accepts or
 * rejects every hunk, closes the document, or this controller is disposed.
 *
 * Operations run one at a time: a reject computes its edits from the current hunk positions, and a
 * proposal landing in the middle would move them.
 */
export class EditReviewController extends Disposable {
  private readonly reviews = new Map<string, DocumentReview>();
  private readonly pendingChanged = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires with a document's URI whenever its pending hunks change (a review starts, moves or ends). */
  readonly onDidChangePending = this.pendingChanged.event;
  private readonly decorations = this.register(new ReviewDecorations());
  private readonly lenses = this.register(new ReviewCodeLensProvider((uri) => this.pendingHunks(uri)));
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    super();
    this.register(vscode.languages.registerCodeLensProvider('*', this.lenses));
    this.register(new PendingEditContextKey((uri) => this.pendingHunks(uri), this.onDidChangePending));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChanged(e)));
    // Auto save (the default in code-server) writes the proposal to disk; a reject then saves too.
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.reviews.get(d.uri.toString())?.markProposalSaved()));
    // Closing drops the review: the text stays as it is (there is no buffer left to restore into).
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.end(d.uri)));
    // Decorations belong to editors, and an editor shown again is a new one.
    this.register(vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) this.renderEditor(editor);
    }));
  }

  /** Whether `uri` has hunks waiting for a decision. */
  hasPending(uri: vscode.Uri): boolean {
    return (this.reviews.get(uri.toString())?.size ?? 0) > 0;
  }

  /** The pending hunks of `uri`, positioned in its current text; empty when there is no review. */
  pendingHunks(uri: vscode.Uri): PendingHunkView[] {
    return this.reviews.get(uri.toString())?.views() ?? [];
  }

  /**
   * Applies `proposal` to `document` as one undoable edit and starts reviewing it.
   *
   * The edit was computed against `proposal.snapshotText`; when the document moved on since, it is
   * rebased onto the user's changes, and when those touch the lines the edit changes, nothing is
   * applied and the result says why (the caller reports it as a conflict). A proposal for a
   * document already under review joins that review: a later Reject All restores the text from
   * before the first proposal.
   */
  propose(document: vscode.TextDocument, proposal: EditProposal): Promise<ProposeResult> {
    return this.enqueue(() => this.doPropose(document, proposal));
  }

  /**
   * Creates `uri` with `text` (in the editor's buffer, unsaved), opens it without taking focus, and
   * reviews it as one whole-file hunk: rejecting it deletes the file. Only call it when creating
   * files is allowed (a trusted workspace and the user asked for it).
   */
  proposeCreate(uri: vscode.Uri, text: string): Promise<ProposeResult> {
    return this.enqueue(() => this.doProposeCreate(uri, text));
  }

  /** Keeps hunk `hunkId` of `uri`, or all its hunks; resolves to whether anything was pending. */
  accept(uri: vscode.Uri, hunkId?: number): Promise<boolean> {
    return this.enqueue(async () => {
      const review = this.reviews.get(uri.toString());
      if (!review) return false;
      const ids = hunkId === undefined ? review.pending.map((h) => h.id) : review.hunk(hunkId) ? [hunkId] : [];
      if (ids.length === 0) return false;
      // The text is already there; accepting only forgets the hunk. No edit means no new undo
      // stop, so after Accept All one undo still takes the whole proposal back.
      review.accept(ids);
      this.changed(review);
      return true;
    });
  }

  /**
   * Puts back the original lines of hunk `hunkId` of `uri`, or of all its pending hunks (byte for
   * byte when the user did not type in them); for a created file rejected whole, deletes it.
   * Resolves to whether anything was reverted.
   */
  async reject(uri: vscode.Uri, hunkId?: number): Promise<boolean> {
    return (await this.rejectWithReport(uri, hunkId)) !== undefined;
  }
  /** Like `reject`, and says what was undone (for the message and its Undo); undefined when nothing was. */
  rejectWithReport(uri: vscode.Uri, hunkId?: number): Promise<RejectReport | undefined> {
    return this.enqueue(() => this.doReject(uri, hunkId));
  }

  override dispose(): void {
    if (this.isDisposed) return;
    const uris = [...this.reviews.values()].map((r) => r.document.uri);
    this.reviews.clear();
    for (const uri of uris) this.pendingChanged.fire(uri);
    super.dispose();
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async doPropose(document: vscode.TextDocument, proposal: EditProposal): Promise<ProposeResult> {
    if (this.isDisposed) return refused('The edit review has shut down.');
    if (document.isClosed) return refused('The document was closed.');
    const eol = eolOf(document);
    const snapshot = withDocumentEol(proposal.snapshotText, eol);
    const after = withDocumentEol(proposal.after, eol);
    const current = document.getText();
    const previous = this.reviews.get(document.uri.toString());
    const baseline = previous ? previous.baselineText() : current;

    // The text decides, not the version: typing and undoing it bumps the version but changes nothing.
    let target = after;
    if (current !== snapshot) {
      const rebased = rebaseEdits(snapshot, computeOffsetEdits(snapshot, after), changesBetween(snapshot, current), current);
      if (!rebased.ok) return refused(rebased.reason);
      target = applyOffsetEdits(current, rebased.edits);
    }
    if (target === current) return { ok: true, hunks: previous?.size ?? 0 };

    const edit = new vscode.WorkspaceEdit();
    // Minimal replacements in one WorkspaceEdit: one undo stop, and the user's cursor and folds
    // outside the changed spans stay where they were.
    edit.set(document.uri, toVscodeEdits(computeTextEdits(current, target)));
    const applied = await vscode.workspace.applyEdit(edit);
    if (this.isDisposed) return refused('The edit review has shut down.');
    if (document.isClosed) return refused('The document was closed.');
    if (!applied) return refused('VS Code did not apply the edit (the document changed at that moment, or it is read-only).');

    const review = new DocumentReview(document, baseline, target, { created: previous?.origin.created ?? false, label: proposal.label });
    // Anything typed after the edit landed (its events went by before this review existed).
    review.catchUp(target);
    this.start(review);
    return { ok: true, hunks: review.size };
  }

  private async doProposeCreate(uri: vscode.Uri, text: string): Promise<ProposeResult> {
    if (this.isDisposed) return refused('The edit review has shut down.');
    const edit = new vscode.WorkspaceEdit();
    // Neither overwrite nor ignore: if the file appeared meanwhile the edit fails and nothing is lost.
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
    edit.insert(uri, new vscode.Position(0, 0), text);
    const applied = await vscode.workspace.applyEdit(edit);
    if (this.isDisposed) return refused('The edit review has shut down.');
    if (!applied) return refused(`VS Code could not create ${uri.fsPath} (it may exist already).`);

    const document = await vscode.workspace.openTextDocument(uri);
    if (this.isDisposed) return refused('The edit review has shut down.');
    // A new buffer takes the default EOL and converts inserted breaks to it; give the file the
    // line endings its text was written with.
    const wanted = detectEol(text, eolOf(document));
    if (wanted !== eolOf(document)) {
      const fix = new vscode.WorkspaceEdit();
      fix.set(uri, [vscode.TextEdit.setEndOfLine(wanted === '\r\n' ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF)]);
      await vscode.workspace.applyEdit(fix);
      if (this.isDisposed) return refused('The edit review has shut down.');
    }
    if (document.isClosed) return refused('The document was closed.');
    await vscode.window.showTextDocument(document, { preserveFocus: true, preview: false });
    if (this.isDisposed) return refused('The edit review has shut down.');
    if (document.isClosed) return refused('The document was closed.');

    const body = document.getText();
    const review = new DocumentReview(document, '', body, { created: true, label: undefined });
    this.start(review);
    return { ok: true, hunks: review.size };
  }

  private async doReject(uri: vscode.Uri, hunkId: number | undefined): Promise<RejectReport | undefined> {
    const review = this.reviews.get(uri.toString());
    if (!review) return undefined;
    const ids = hunkId === undefined ? review.pending.map((h) => h.id) : review.hunk(hunkId) ? [hunkId] : [];
    if (ids.length === 0) return undefined;
    const report = { hunks: ids.length, textBefore: review.document.getText(), label: review.origin.label };
    if (review.origin.created && review.accepted === 0 && ids.length === review.size) {
      return (await this.deleteCreated(review)) ? { ...report, outcome: 'deleted' } : undefined;
    }
    if (!(await this.revert(review, ids))) return undefined;
    // Auto save wrote the proposal to disk: write the restored text back now, not at the next save.
    if (!review.proposalSaved || review.document.isUntitled || review.document.isClosed) return { ...report, outcome: 'reverted' };
    const saved = await review.document.save();
    return { ...report, outcome: saved ? 'restoredOnDisk' : 'reverted' };
  }

  /** Applies the reject edits of hunks `ids`, retrying when the user typed in between. */
  private async revert(review: DocumentReview, ids: readonly number[]): Promise<boolean> {
    const uri = review.document.uri;
    for (let attempt = 0; attempt < REJECT_ATTEMPTS; attempt++) {
      // Recomputed each attempt: the hunks move (or go) as the user types.
      const hunks = ids.map((id) => review.hunk(id)).filter((h) => h !== undefined);
      if (hunks.length === 0) break;
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, rejectEdits(review, hunks));
      const applied = await vscode.workspace.applyEdit(edit);
      if (this.isDisposed || review.document.isClosed || this.reviews.get(uri.toString()) !== review) return applied;
      // VS Code refuses an edit made against an older version: the user typed in between. Retry.
      if (!applied) continue;
      // The change events usually resolved these hunks already (their text is the original again).
      review.resolve(ids);
      this.changed(review);
      return true;
    }
    return false;
  }

  private async deleteCreated(review: DocumentReview): Promise<boolean> {
    const uri = review.document.uri;
    // With auto save on, a save of the proposed text may be running: one that finished after the
    // delete would bring the file back. Saving now joins it, and then the delete is the last word.
    if (review.document.isDirty) await review.document.save();
    if (this.isDisposed) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(uri, { ignoreIfNotExists: true });
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied || this.isDisposed) return applied;
    this.end(uri);
    // The editor would otherwise stay open on a deleted file. A tab still dirty is left alone:
    // closing it would ask to save the text the user just rejected.
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString() && !tab.isDirty);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
    return true;
  }

  private onDocumentChanged(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const review = this.reviews.get(event.document.uri.toString());
    if (!review) return;
    review.applyChanges(event.contentChanges);
    this.changed(review);
  }

  /** Registers a new review (replacing any previous one for its document) and shows it. */
  private start(review: DocumentReview): void {
    const key = review.document.uri.toString();
    if (review.size === 0) {
      if (this.reviews.delete(key)) this.pendingChanged.fire(review.document.uri);
      this.render(review.document.uri);
      return;
    }
    this.reviews.set(key, review);
    this.changed(review);
  }

  /** Updates the UI after `review` changed, ending it when nothing is left to decide. */
  private changed(review: DocumentReview): void {
    if (this.isDisposed) return;
    const key = review.document.uri.toString();
    if (this.reviews.get(key) !== review) return;
    if (review.size === 0) this.reviews.delete(key);
    this.render(review.document.uri);
    this.pendingChanged.fire(review.document.uri);
  }

  /** Drops the review of `uri`, if any, and clears its UI. */
  private end(uri: vscode.Uri): void {
    if (!this.reviews.delete(uri.toString()) || this.isDisposed) return;
    this.render(uri);
    this.pendingChanged.fire(uri);
  }

  private render(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === key) this.renderEditor(editor);
    }
    this.lenses.refresh();
  }

  private renderEditor(editor: vscode.TextEditor): void {
    if (this.isDisposed) return;
    const review = this.reviews.get(editor.document.uri.toString());
    if (review) this.decorations.render(editor, review.views(), review.origin.label);
    else this.decorations.clear(editor);
  }
}
