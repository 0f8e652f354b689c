import * as vscode from 'vscode';
import type { ChatSession } from '../../common/chat/chatSession';
import { toViewError } from '../../common/chat/viewError';
import { lineChanges, recordEditNote, type NotedFile } from '../../common/edits/editNote';
import { cutMessage, planInlineEdit, proposalSteps, runInlineEdit, type InlineEditPlan, type InlineEditResult } from '../../common/edits/inlineEdit';
import type { ClientFactory } from '../clientFactory';
import type { EditReviewController } from '../editReview/controller';
import { proposeSteps, type RefusedStep } from '../editReview/proposeSteps';
import { editorContextOf } from '../editorContext';
import type { Log } from '../log';
import type { ModelCatalog } from '../modelCatalog';
import { readSettings } from '../settings';
import { editFileAccess } from '../workspaceFiles';
import { InlineEditProgress } from './editProgress';
import { CommandIds } from './ids';
import { InlineInput } from './inlineInput';

export interface InlineEditDeps {
  clients: ClientFactory;
  catalog: ModelCatalog;
  review: EditReviewController;
  chat: ChatSession;
  revealChat(): Promise<void>;
  log: Log;
}

/**
 * Inline edit, the editor's side: asks for the instruction in a box at the selection, runs the
 * edit (src/common/edits/inlineEdit.ts) with progress at the code, and hands the result to the
 * review (and a note to the chat) or, when Claude answered in words, to the chat. Nothing is
 * written without the user's accept.
 */
export function registerInlineEdit(deps: InlineEditDeps): vscode.Disposable {
  const input = new InlineInput();
  const progress = new InlineEditProgress();
  const command = vscode.commands.registerCommand(CommandIds.inlineEdit, async () => {
    const active = vscode.window.activeTextEditor;
    if (!active) return void vscode.window.showInformationMessage('Claude Messages: open a file to edit.');
    if (!vscode.workspace.isTrusted) {
      return void vscode.window.showWarningMessage('Claude Messages: edits are disabled in an untrusted workspace. Trust the workspace (Manage Workspace Trust) to let Claude edit files; the chat still works.');
    }
    const selection = active.selection;
    const instruction = await input.ask(active.document, selection, selection.isEmpty ? 'edit this file' : 'edit the selection');
    if (!instruction || active.document.isClosed) return;
    // The caret back in the editor (the box had it), on the selection the instruction is about.
    const editor = await vscode.window.showTextDocument(active.document, { viewColumn: active.viewColumn, selection, preview: false });
    const document = editor.document;
    // The document as it was when the request started, not as the user keeps typing.
    const snapshot = { text: document.getText(), version: document.version };
    const settings = readSettings();
    const capabilities = deps.catalog.capabilities(settings.request.model);
    const plan = planInlineEdit({ instruction, context: editorContextOf(editor), settings: settings.request, capabilities, fileMaxChars: settings.contextFileMaxChars });
    const client = await deps.clients.create();
    if (!('stream' in client)) return void vscode.window.showErrorMessage(`Claude Messages: ${client.message}`);
    const result = await progress.run(editor, (report, signal) => runInlineEdit({
      plan,
      client,
      files: editFileAccess(document, snapshot),
      maxToolRounds: settings.maxToolRounds,
      signal,
      onText: report.text,
      onStreamed: report.streamed,
      onRetry: report.retry,
      onWarning: (message) => deps.log.warn(message),
    }));
    await handOff(deps, plan, result);
  });
  return vscode.Disposable.from(command, progress, input);
}

/** The review gets the changes, the chat gets a worded answer, the person gets a word on the rest. */
async function handOff(deps: InlineEditDeps, plan: InlineEditPlan, result: InlineEditResult): Promise<void> {
  switch (result.kind) {
    case 'stopped':
      return;
    case 'error':
      return void vscode.window.showErrorMessage(`Claude Messages: ${toViewError(result.error).message}`);
    case 'no-edit':
      return void vscode.window.showWarningMessage(`Claude Messages: ${cutMessage(result.reason, result.toolRounds, 'none-proposed')}`);
    case 'answer':
      deps.chat.addExchange(plan.content, result.reply);
      return deps.revealChat();
    case 'proposal': {
      const steps = proposalSteps(result.files, plan.instruction);
      const refused = await proposeSteps(deps.review, steps);
      for (const { step, reason } of refused) {
        void vscode.window.showWarningMessage(`Claude Messages: the edit to ${step.relativePath} conflicts with changes you made meanwhile, so nothing was applied (${reason}). Run Inline Edit again.`);
      }
      if (result.cut) void vscode.window.showWarningMessage(`Claude Messages: ${cutMessage(result.cut, result.toolRounds, 'some-proposed')}`);
      noteInChat(deps, plan, result, refused);
    }
  }
}

/** Leaves the edit in the chat history: instruction, closing sentence, files and cost. */
function noteInChat(deps: InlineEditDeps, plan: InlineEditPlan, result: Extract<InlineEditResult, { kind: 'proposal' }>, refused: readonly RefusedStep[]): void {
  const refusedPaths = new Set(refused.map((r) => r.step.relativePath));
  const files = proposalSteps(result.files, plan.instruction)
    .filter((step) => !refusedPaths.has(step.relativePath))
    .map((step): NotedFile => step.kind === 'create'
      ? { relativePath: step.relativePath, created: true, ...lineChanges('', step.text) }
      : { relativePath: step.relativePath, created: false, ...lineChanges(step.snapshotText, step.after) });
  const ttl = readSettings().request.cacheTtl;
  recordEditNote(deps.chat, {
    instruction: plan.instruction,
    closing: result.bill.closing,
    files,
    refused: [...refusedPaths],
    rounds: result.bill.rounds,
    model: result.bill.model,
    prices: deps.catalog.capabilities(result.bill.model).pricing,
    ttl: ttl === 'off' ? {} : { assumedTtl: ttl },
    idPrefix: `inline-edit-${Date.now().toString(36)}`,
  });
}
