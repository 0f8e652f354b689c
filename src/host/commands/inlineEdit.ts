import * as vscode from 'vscode';
import type { ChatSession } from '../../common/chat/chatSession';
import { toViewError } from '../../common/chat/viewError';
import { cutMessage, planInlineEdit, proposalSteps, runInlineEdit, type InlineEditPlan, type InlineEditResult } from '../../common/edits/inlineEdit';
import type { ClientFactory } from '../clientFactory';
import type { EditReviewController } from '../editReview/controller';
import { proposeSteps } from '../editReview/proposeSteps';
import { editorContextOf } from '../editorContext';
import type { Log } from '../log';
import type { ModelCatalog } from '../modelCatalog';
import { readSettings } from '../settings';
import { editFileAccess } from '../workspaceFiles';
import { withEditProgress } from './editProgress';
import { CommandIds } from './ids';

export interface InlineEditDeps {
  clients: ClientFactory;
  catalog: ModelCatalog;
  review: EditReviewController;
  chat: ChatSession;
  revealChat(): Promise<void>;
  log: Log;
}

/**
 * Inline edit, the editor's side: asks for the instruction, runs the edit (src/common/edits/
 * inlineEdit.ts) with progress at the selection, and hands the result to the review or, when
 * Claude answered in words, to the chat. Nothing is written without the user's accept.
 */
export function registerInlineEdit(deps: InlineEditDeps): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.inlineEdit, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return void vscode.window.showInformationMessage('Claude Messages: open a file to edit.');
    if (!vscode.workspace.isTrusted) {
      return void vscode.window.showWarningMessage('Claude Messages: edits are disabled in an untrusted workspace. Trust the workspace (Manage Workspace Trust) to let Claude edit files; the chat still works.');
    }
    const instruction = await vscode.window.showInputBox({
      title: 'Claude Messages: Inline Edit',
      prompt: editor.selection.isEmpty ? 'What should change in this file?' : 'What should change in the selection?',
      placeHolder: 'e.g. add input validation and a doc comment',
      ignoreFocusOut: true,
    });
    if (!instruction?.trim()) return;
    const document = editor.document;
    // The document as it was when the request started, not as the user keeps typing.
    const snapshot = { text: document.getText(), version: document.version };
    const settings = readSettings();
    const capabilities = deps.catalog.capabilities(settings.request.model);
    const plan = planInlineEdit({ instruction, context: editorContextOf(editor), settings: settings.request, capabilities, fileMaxChars: settings.contextFileMaxChars });
    const client = await deps.clients.create();
    if (!('stream' in client)) return void vscode.window.showErrorMessage(`Claude Messages: ${client.message}`);
    const result = await withEditProgress(editor, (progress, signal) => runInlineEdit({
      plan,
      client,
      files: editFileAccess(document, snapshot),
      maxToolRounds: settings.maxToolRounds,
      signal,
      onText: progress.text,
      onRetry: progress.retry,
      onWarning: (message) => deps.log.warn(message),
    }));
    await handOff(deps, plan, result);
  });
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
      const refused = await proposeSteps(deps.review, proposalSteps(result.files, plan.instruction));
      for (const { step, reason } of refused) {
        void vscode.window.showWarningMessage(`Claude Messages: the edit to ${step.relativePath} conflicts with changes you made meanwhile, so nothing was applied (${reason}). Run Inline Edit again.`);
      }
      if (result.cut) void vscode.window.showWarningMessage(`Claude Messages: ${cutMessage(result.cut, result.toolRounds, 'some-proposed')}`);
    }
  }
}
