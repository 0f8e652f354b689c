/**
 * The composition root: builds the services, registers the view and the commands, and returns the
 * small public API. Each feature is wired inside its own try/catch so one failure does not take
 * the others down.
 */
import * as vscode from 'vscode';
import { TEST_HOOKS_ENV, type ClaudeMessagesApi } from './host/api';
import { ChatController } from './host/chatController';
import { createChatTools } from './host/chatTools';
import { registerAcceptEdit } from './host/commands/acceptEdit';
import { registerAddFileToChat } from './host/commands/addFileToChat';
import { registerAddSelectionToChat } from './host/commands/addSelectionToChat';
import { registerInlineEdit } from './host/commands/inlineEdit';
import { registerRejectEdit } from './host/commands/rejectEdit';
import { EditReviewController } from './host/editReview/controller';
import { registerReviewNavigation } from './host/editReview/navigation';
import { ChatViewProvider } from './host/chatView';
import { ClientFactory } from './host/clientFactory';
import { ownedUntilDeactivation } from './host/disposable';
import { registerClearApiKey } from './host/commands/clearApiKey';
import { registerExplainSelection } from './host/commands/explainSelection';
import { CHAT_VIEW_ID } from './host/commands/ids';
import { registerNewChat } from './host/commands/newChat';
import { registerFocusChatInput } from './host/commands/focusChatInput';
import { registerSelectModel } from './host/commands/selectModel';
import { registerSetApiKey } from './host/commands/setApiKey';
import { registerSetUpConnection } from './host/commands/setUpConnection';
import { registerTestConnection } from './host/commands/testConnection';
import { Log } from './host/log';
import { ModelCatalog } from './host/modelCatalog';
import type { SecretStorageAdvice } from './common/secrets/secretStorageError';
import { ApiKeyStore } from './host/secrets';
import { withTestSecretFault } from './common/secrets/testFault';
import { StatusBar } from './host/statusBar';
import { SetupHost, withSetup } from './host/setup';

/** The chat's queued saves, for `deactivate`. */
let savesSettled: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): ClaudeMessagesApi | undefined {
  const log = new Log();
  const owned = ownedUntilDeactivation(context.subscriptions, log);
  const wire = (feature: string, build: () => vscode.Disposable | vscode.Disposable[]): void => {
    try {
      const built = build();
      owned.push(...(Array.isArray(built) ? built : [built]));
    } catch (error) {
      log.error(`Could not start ${feature}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  };

  // The storage itself unless a test harness asked for a failing one (inert otherwise: testFault.ts).
  const keys = new ApiKeyStore(withTestSecretFault(context.secrets, process.env, TEST_HOOKS_ENV), log);
  owned.push(keys);
  const clients = new ClientFactory(keys, log);
  const catalog = new ModelCatalog(clients, log);

  wire('the API key commands', () => [registerSetApiKey(keys), registerClearApiKey(keys), registerTestConnection(clients)]);
  let chat: ChatController | undefined;
  wire('the model picker', () => registerSelectModel(catalog, { current: () => chat?.session.openConversation.model, set: (model) => chat?.session.setModel(model) }));
  // Built before the chat so it can hear how each reply ends; the chat works without it.
  let status: StatusBar | undefined;
  wire('the status bar', () => (status = new StatusBar(keys, catalog)));

  const review = new EditReviewController();
  owned.push(review);
  wire('the edit review commands', () => [registerAcceptEdit(review), registerRejectEdit(review), registerReviewNavigation(review)]);

  wire('the chat', () => {
    const controller = new ChatController({ storageDir: context.globalStorageUri, keys, clients, catalog, log, tools: createChatTools(review, log) });
    const setup = new SetupHost(clients, (message) => view.post(message));
    const view = new ChatViewProvider(context.extensionUri, withSetup(controller, setup), (error) => log.error(String(error instanceof Error ? error.stack : error)));
    chat = controller;
    savesSettled = () => controller.savesSettled();
    controller.connect(
      (message) => {
        view.post(message);
        status?.observe(message);
      },
      () => view.isListening,
    );
    void controller.start().catch((error: unknown) => log.error(`Could not restore the chat: ${String(error)}`));
    return [
      controller,
      view,
      vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
      registerNewChat(controller.session, view),
      registerFocusChatInput(view),
      registerSetUpConnection(setup, view),
      registerExplainSelection(controller.session, view),
      registerAddFileToChat(controller.attachments, view),
      registerAddSelectionToChat(controller.attachments, view),
      registerInlineEdit({ clients, catalog, review, chat: controller.session, revealChat: () => view.reveal(), log }),
    ];
  });

  return testHooks(keys, () => chat);
}

/**
 * Every installed extension can call what activate() returns: the key API is handed out only to
 * the project's own integration and e2e tests, whose harness sets this variable for the extension host.
 */
function testHooks(keys: ApiKeyStore, chat: () => ChatController | undefined): ClaudeMessagesApi | undefined {
  if (process.env[TEST_HOOKS_ENV] !== '1') return undefined;
  return {
    // The tests want a failure to fail, not a notification: the advice becomes the rejection.
    setApiKey: async (key) => throwIfFailed(await keys.set(key)),
    clearApiKey: async () => throwIfFailed(await keys.clear()),
    hasApiKey: () => keys.has(),
    chatState: () => chat()?.session.state(),
  };
}

function throwIfFailed(failure: SecretStorageAdvice | undefined): void {
  if (failure) throw new Error(failure.message);
}

/**
 * VS Code waits (a few seconds) for the promise: a window reloaded or closed right after a reply
 * still gets its last save written, so the reply is there when the window comes back.
 */
export function deactivate(): Promise<void> | undefined {
  return savesSettled?.();
}
