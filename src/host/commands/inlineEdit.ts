import * as vscode from 'vscode';
import { buildMessagesRequest } from '../../common/anthropic/request';
import type { MessageParam, Tool } from '../../common/anthropic/types';
import type { ChatSession } from '../../common/chat/chatSession';
import { runToolLoop } from '../../common/chat/toolLoop';
import { toViewError } from '../../common/chat/viewError';
import { buildContextContent } from '../../common/conversation/contextBlocks';
import { resolveInWorkspace } from '../../common/edits/pathGuard';
import { textEditorTool } from '../../common/edits/toolDefinition';
import { WorkingSet } from '../../common/edits/workingSet';
import type { ClientFactory } from '../clientFactory';
import type { Log } from '../log';
import type { ModelCatalog } from '../modelCatalog';
import type { EditReviewController } from '../editReview/controller';
import { editorContextOf } from '../editorContext';
import { readSettings } from '../settings';
import { pathGuardFs, readWorkspaceFile, workspaceRoots } from '../workspaceFiles';
import { CommandIds } from './ids';

const EDIT_SYSTEM = [
  'You edit code in the user\'s editor with the str_replace_based_edit_tool.',
  'The file and the selection to change are given as context blocks with their workspace-relative path.',
  'Make the change the user asks for with str_replace (old_str must match exactly once) or insert; view the file first only if you need more than you were given.',
  'Change only what the instruction needs, keep the file\'s style, and end your turn with one short sentence saying what you changed.',
].join(' ');

/** The user asked for a new file: only then may the model use `create`. */
function asksForNewFile(instruction: string): boolean {
  return /\b(new|create|add)\b[^.]*\bfile\b/i.test(instruction);
}

/**
 * Inline edit: asks for an instruction, sends the file and selection as cached context with the
 * text editor tool, executes the model's tool calls against a snapshot, and proposes the result
 * for review in the editor. Nothing is written without the user's accept.
 */
export function registerInlineEdit(deps: {
  clients: ClientFactory;
  catalog: ModelCatalog;
  review: EditReviewController;
  chat: ChatSession;
  revealChat: () => Promise<void>;
  log: Log;
}): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.inlineEdit, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Claude Messages: open a file to edit.');
      return;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Claude Messages: edits are disabled in an untrusted workspace. Trust the workspace (Manage Workspace Trust) to let Claude edit files; the chat still works.');
      return;
    }
    const instruction = await vscode.window.showInputBox({
      title: 'Claude Messages: Inline Edit',
      prompt: editor.selection.isEmpty ? 'What should change in this file?' : 'What should change in the selection?',
      placeHolder: 'e.g. add input validation and a doc comment',
      ignoreFocusOut: true,
    });
    if (!instruction?.trim()) return;

    const document = editor.document;
    const snapshot = { text: document.getText(), version: document.version };
    const settings = readSettings();
    const context = editorContextOf(editor);
    const content = buildContextContent(context, instruction.trim(), { fileMaxChars: settings.contextFileMaxChars });
    const client = await deps.clients.create();
    if (!('stream' in client)) {
      void vscode.window.showErrorMessage(`Claude Messages: ${client.message}`);
      return;
    }
    const capabilities = deps.catalog.capabilities(settings.request.model);
    const buildRequest = (messages: MessageParam[], tools: Tool[]) => {
      // Server tools are not offered to an edit: the request carries only the text editor tool.
      const request = { ...settings.request, webSearch: { ...settings.request.webSearch, enabled: false }, webFetch: { ...settings.request.webFetch, enabled: false } };
      return buildMessagesRequest({ settings: request, capabilities, messages, tools, extraSystem: EDIT_SYSTEM });
    };
    const roots = workspaceRoots();
    const workingSet = new WorkingSet();
    const activePath = document.uri.fsPath;

    // Progress where the user looks: a quiet note at the selection, besides the cancellable notification.
    const progressNote = vscode.window.createTextEditorDecorationType({
      after: { contentText: '  ⟳ Claude is editing…', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
      isWholeLine: true,
    });
    editor.setDecorations(progressNote, [new vscode.Range(editor.selection.start.line, 0, editor.selection.start.line, 0)]);
    const result = await Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Claude is editing', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let lastProgress = 0;
        try {
          return await runToolLoop({
            client,
            messages: [{ role: 'user', content: content.blocks }],
            tools: [textEditorTool()],
            buildRequest,
            toolContext: {
              resolvePath: (path) => resolveInWorkspace(path, roots.length > 0 ? roots : [activePath.replace(/[\\/][^\\/]*$/, '')], pathGuardFs),
              // The document as it was when the request started, not as the user keeps typing.
              getDocument: (resolved) => (resolved.absolute === activePath ? { text: snapshot.text, version: snapshot.version } : readWorkspaceFile(resolved)),
              allowCreate: asksForNewFile(instruction),
            },
            workingSet,
            maxRounds: settings.maxToolRounds,
            signal: controller.signal,
            // At most a few updates a second: each one crosses to the workbench.
            onText: (text) => {
              const now = Date.now();
              if (now - lastProgress < 150) return;
              lastProgress = now;
              progress.report({ message: text.slice(-80) });
            },
            onRetry: (notice) => progress.report({ message: `retrying in ${Math.ceil(notice.delayMs / 1000)} s…` }),
            onWarning: (message) => deps.log.warn(message),
          });
        } finally {
          subscription.dispose();
        }
      },
    )).finally(() => progressNote.dispose());

    if (result.kind === 'stopped') return;
    if (result.kind === 'error') {
      void vscode.window.showErrorMessage(`Claude Messages: ${toViewError(result.error).message}`);
      return;
    }
    const changed = workingSet.changedFiles();
    if (changed.length === 0) {
      if (result.kind === 'finished') {
        // No edit: the answer belongs in the chat, where it can be read and followed up.
        deps.chat.addExchange(content.blocks, content.chips, result.last);
        await deps.revealChat();
      } else {
        void vscode.window.showWarningMessage(`Claude Messages: stopped after ${result.rounds} tool rounds without an edit (claudeMessages.maxToolRounds).`);
      }
      return;
    }
    for (const file of changed) {
      const uri = vscode.Uri.file(file.target.absolute);
      if (file.originalText === undefined) {
        await deps.review.proposeCreate(uri, file.text);
        continue;
      }
      const target = uri.fsPath === activePath ? document : await vscode.workspace.openTextDocument(uri);
      const proposal = target === document
        ? { snapshotText: snapshot.text, snapshotVersion: snapshot.version, after: file.text, label: instruction }
        : { snapshotText: file.originalText, snapshotVersion: file.baseVersion ?? target.version, after: file.text, label: instruction };
      const outcome = await deps.review.propose(target, proposal);
      if (!outcome.ok) {
        void vscode.window.showWarningMessage(`Claude Messages: the edit to ${vscode.workspace.asRelativePath(uri)} conflicts with changes you made meanwhile, so nothing was applied (${outcome.reason}). Run Inline Edit again.`);
      }
    }
    if (result.kind === 'round-cap') {
      void vscode.window.showWarningMessage(`Claude Messages: stopped after ${result.rounds} tool rounds (claudeMessages.maxToolRounds); review what was proposed so far.`);
    }
  });
}
