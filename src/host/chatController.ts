import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { buildMessagesRequest } from '../common/anthropic/request';
import type { MessageParam, Tool } from '../common/anthropic/types';
import type { CarriedOver } from '../common/chat/ports';
import type { ErrorCause } from '../common/chat/errorFixes';
import { ChatSession } from '../common/chat/chatSession';
import { ConversationLibrary } from '../common/chat/conversationLibrary';
import type { ChatBackend } from '../common/chat/ports';
import type { InputSupport } from '../common/chat/draftRequest';
import type { ToolPort } from '../common/chat/turnEngine';
import { chatControls } from '../common/chat/controls';
import { frameTimer } from '../common/chat/frameTimer';
import { toViewError } from '../common/chat/viewError';
import type { ModelPricing } from '../common/anthropic/models';
import { ConversationStore } from '../common/conversation/store';
import { assertNever } from '../common/guards';
import { MessagesClient } from '../common/anthropic/client';
import { KEY_UNREADABLE_KIND } from '../common/secrets/secretStorageError';
import type { ApiKeyState, ChatControls, HostToWebview, WebviewToHost } from '../common/protocol';
import { AttachmentHost, isAttachmentMessage } from './attachments/attachmentHost';
import { insertCodeIntoEditor } from './chatEditorActions';
import { handleConversationMessage, isConversationMessage } from './conversationMessages';
import type { ClientFactory } from './clientFactory';
import { Disposable } from './disposable';
import type { Log } from './log';
import type { ModelCatalog } from './modelCatalog';
import { openSetting } from './openSetting';
import type { ApiKeyStore } from './secrets';
import { onSettingsChanged, readSettings, writeSetting } from './settings';
import type { ChatModelWithoutSetup, SetupMessage } from './setup';

/** The settings that decide which endpoint answers `/v1/models`, as one comparable string. */
function connectionKey(): string {
  return JSON.stringify(readSettings().connection);
}

/** The key state a failed client creation reveals (`missing_key`, `key_unreadable`), if any. */
function keyStateOf(kind: string): ApiKeyState | undefined {
  if (kind === KEY_UNREADABLE_KIND) return 'unreadable';
  return kind === 'missing_key' ? 'missing' : undefined;
}

/** Ids must fit the protocol's id pattern (letters, digits, - and _). */
function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 24);
}

export interface ChatControllerOptions {
  /** Where conversations are saved (the extension's global storage). */
  storageDir: vscode.Uri;
  keys: ApiKeyStore;
  clients: ClientFactory;
  catalog: ModelCatalog;
  log: Log;
  /** Client tools the chat offers (the text editor tool on workspace files). */
  tools?: ToolPort;
}

/**
 * Connects the chat session (pure) to VS Code: settings, the key, the model catalog, the store in
 * global storage, links, clipboard and the editor. With the setup card's host (`withSetup`, setup.ts) it
 * is the `ChatViewModel` the view talks to.
 */
export class ChatController extends Disposable implements ChatModelWithoutSetup {
  readonly session: ChatSession;
  /** Files, selections, images and PDFs for the next message, and the token meter. */
  readonly attachments: AttachmentHost;
  private readonly catalog: ModelCatalog;
  private readonly keys: ApiKeyStore;
  private readonly log: Log;
  private readonly library: ConversationLibrary;
  private keyState: ApiKeyState = 'missing';
  /** The connection settings the catalogue's list was fetched for. */
  private connection: string;
  private post: (message: HostToWebview) => void = () => undefined;
  private viewShown: () => boolean = () => false;

  constructor(options: ChatControllerOptions) {
    super();
    const { keys, clients, catalog, log } = options;
    this.catalog = catalog;
    this.keys = keys;
    this.log = log;
    const prices = (model: string) => this.prices(model);
    const store = new ConversationStore(options.storageDir.fsPath, undefined, { onWarning: (message) => log.warn(message) });
    const library = (this.library = new ConversationLibrary({
      store,
      prices,
      onHistory: (history) => this.post({ type: 'history', history }),
      warn: (message) => log.warn(message),
    }));
    this.session = new ChatSession({
      backend: this.backend(clients, log),
      view: {
        post: (message) => this.post(message),
        schedule: frameTimer(),
        paceClock: () => performance.now(),
        controls: (model) => this.controls(model),
        apiKey: () => this.keyState,
      },
      library,
      prices,
      clock: { newId, now: () => Date.now() },
      tools: options.tools,
      inputSupport: (model) => this.inputSupport(model),
    });
    this.register({ dispose: () => this.session.dispose() });
    this.attachments = this.register(this.createAttachments(clients));
    this.connection = connectionKey();
    this.register(onSettingsChanged((affects) => {
      // Error cards that blame a setting that just changed collapse (errorFixes.ts).
      const cause = { kind: 'settings' as const, changed: affects };
      // Only another endpoint (or headers) can change the model list; a control change keeps it.
      const connection = connectionKey();
      if (connection === this.connection) {
        this.session.refreshControls(cause);
        this.attachments.meter.refresh();
        return;
      }
      this.attachments.meter.reset();
      this.connection = connection;
      this.catalog.invalidate();
      this.refreshModels(cause);
    }));
    this.register(keys.onDidChange(() => void this.refreshKey()));
    // Other windows save to the same conversation files: coming back to this window, the history
    // and the open conversation take in what they saved (the store's saves merge in any case).
    this.register(vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) this.session.syncWithOtherWindows().catch((error: unknown) => log.warn(`Could not read what other windows saved: ${String(error)}`));
    }));
  }

  /** How the chat's requests are made: the current settings, key and model rules. */
  private backend(clients: ClientFactory, log: Log): ChatBackend {
    return {
      createClient: async () => {
        const made = await clients.create();
        this.noteKeyState(made instanceof MessagesClient ? 'set' : keyStateOf(made.kind));
        return made;
      },
      buildRequest: (model, messages, tools, carried) => this.buildRequest(model, messages, tools, carried),
      defaultModel: () => readSettings().request.model,
      cacheTtl: () => {
        const ttl = readSettings().request.cacheTtl;
        return ttl === 'off' ? undefined : ttl;
      },
      maxToolRounds: () => readSettings().maxToolRounds,
      acceptsPrefill: (model) => this.catalog.capabilities(model).prefill,
      toViewError,
      warn: (message) => log.warn(message),
    };
  }

  /** The controls for a chat on `model` (its own, saved with it); the other controls are user settings. */
  private controls(model: string): ChatControls {
    const { request } = readSettings();
    const choice = this.catalog.choice(model);
    return chatControls({ ...request, model }, this.catalog.capabilities(model), choice.options, choice.warning, request.model);
  }

  /** What the chat's model reads besides text, as the catalogue (and `/v1/models`) say. */
  private inputSupport(model: string): InputSupport {
    const capabilities = this.catalog.capabilities(model);
    return { model, images: capabilities.imageInput, pdfs: capabilities.pdfInput };
  }

  private createAttachments(clients: ClientFactory): AttachmentHost {
    return new AttachmentHost({
      session: this.session,
      post: (message) => this.post(message),
      newId,
      countTokens: async (body, signal) => {
        const client = await clients.create();
        if (!('countTokens' in client)) throw new Error(client.message);
        return (await client.countTokens(body, signal)).input_tokens;
      },
      contextWindow: () => this.catalog.capabilities(this.session.openConversation.model).contextWindow,
      viewShown: () => this.viewShown(),
    });
  }

  /** Loads the key state and the conversation that was open before the reload. */
  async start(): Promise<void> {
    await this.refreshKey();
    await this.session.restore();
    this.refreshModels();
  }

  /** Shows the controls now, and again once the endpoint's model list has been fetched. */
  private refreshModels(cause?: ErrorCause): void {
    this.session.refreshControls(cause);
    void this.catalog.load().then(() => {
      if (!this.isDisposed) this.session.refreshControls();
    });
  }

  /** Where the session's messages go (the chat view). */
  connect(post: (message: HostToWebview) => void, viewShown: () => boolean): void {
    this.post = post;
    this.viewShown = viewShown;
  }

  /** Waits for the saves already queued (a window closing or reloading right after a reply). */
  savesSettled(): Promise<void> {
    return this.library.settled();
  }

  replay(): HostToWebview {
    const state = this.session.state();
    const meter = this.attachments.lastMeter;
    return { type: 'init', state: meter ? { ...state, meter } : state };
  }

  async handle(message: Exclude<WebviewToHost, SetupMessage>): Promise<void> {
    if (isAttachmentMessage(message)) return this.attachments.handle(message);
    if (isConversationMessage(message)) return handleConversationMessage(this.session, message, () => this.attachments.meter.refresh(), this.log);
    switch (message.type) {
      case 'ready':
        // The meter's first figure: the history and pending attachments before anything is typed.
        this.attachments.meter.refresh();
        return;
      case 'send':
        await this.session.send(message.text);
        // The reply is in the history now and the composer is empty.
        this.attachments.meter.update('');
        return;
      case 'stop':
      case 'cancelRetry':
        return this.session.stop(message.requestId);
      case 'setModel':
        // This chat only (chatModel.ts); the default for new chats stays claudeMessages.model.
        this.session.setModel(message.model);
        // Another model: another context window, and its own count.
        this.attachments.meter.refresh();
        return;
      case 'setControl':
        await writeSetting(message.key, message.value);
        return;
      case 'openLink':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'copyCode':
        await vscode.env.clipboard.writeText(message.code);
        return;
      case 'insertCode':
        return insertCodeIntoEditor(message.code);
      case 'setApiKey':
        await vscode.commands.executeCommand('claudeMessages.setApiKey');
        return;
      case 'openSetting':
        return openSetting(message.setting);
      case 'testConnection':
        await vscode.commands.executeCommand('claudeMessages.testConnection');
        return;
      default:
        return assertNever(message);
    }
  }

  private buildRequest(model: string, messages: MessageParam[], tools: Tool[], carried: CarriedOver | undefined) {
    const settings = { ...readSettings().request, model };
    // Cache breakpoints are placed by the builder, per claudeMessages.cacheTtl.
    return buildMessagesRequest({ settings, capabilities: this.catalog.capabilities(model), messages, tools, container: carried?.container });
  }

  /** The table's prices (undefined for a model it does not know, so no cost is made up). */
  private prices(model: string): ModelPricing | undefined {
    return this.catalog.capabilities(model).pricing;
  }

  /**
   * What the key read of a request found: the banner follows it, so a keychain that broke (or was
   * fixed) since the last key change shows at the next message, not only after a reload.
   */
  private noteKeyState(state: ApiKeyState | undefined): void {
    if (state === undefined || state === this.keyState || this.isDisposed) return;
    this.keyState = state;
    this.session.refreshControls();
  }

  /** The stored key changed (or is read at start): a key now set collapses the key errors on screen. */
  private async refreshKey(): Promise<void> {
    this.keyState = (await this.keys.read()).state;
    if (this.isDisposed) return;
    this.attachments.meter.reset();
    this.catalog.invalidate();
    this.refreshModels(this.keyState === 'set' ? { kind: 'apiKey' } : undefined);
  }
}
