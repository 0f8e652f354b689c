import * as vscode from 'vscode';
import type { ProposalStep } from '../../common/edits/inlineEdit';
import type { EditReviewController } from './controller';

/** A step that could not be proposed, and why (a conflict with the user's typing, a refused edit…). */
export interface RefusedStep {
  step: ProposalStep;
  reason: string;
}

/**
 * Hands the planned changes to the review, in order; nothing is written to disk. A file the tool
 * read from disk has no document version, so -1 makes the review compare texts instead.
 */
export async function proposeSteps(review: EditReviewController, steps: readonly ProposalStep[], signal?: AbortSignal): Promise<RefusedStep[]> {
  const refused: RefusedStep[] = [];
  for (const step of steps) {
    if (signal?.aborted) break;
    const uri = vscode.Uri.file(step.absolutePath);
    try {
      const outcome = step.kind === 'create'
        ? await review.proposeCreate(uri, step.text)
        : await review.propose(await vscode.workspace.openTextDocument(uri), { snapshotText: step.snapshotText, snapshotVersion: step.snapshotVersion ?? -1, after: step.after, label: step.label });
      if (!outcome.ok) refused.push({ step, reason: outcome.reason });
    } catch (error) {
      refused.push({ step, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return refused;
}
