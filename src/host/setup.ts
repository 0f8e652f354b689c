import * as vscode from 'vscode';
import type { AuthHeader, HostToWebview, SetupView, WebviewToHost } from '../common/protocol';
import { PROVIDER_PRESETS, checkBaseUrl, describeConnection, overrideNote, providerOf } from '../common/setup/setup';
import type { ChatViewModel } from './chatView';
import type { ClientFactory } from './clientFactory';
import { testConnection } from './commands/testConnection';
import { readSettings } from './settings';

const SETUP_KINDS = ['setupLoad', 'setupTest', 'setupSave'] as const;
export type SetupMessage = Extract<WebviewToHost, { type: (typeof SETUP_KINDS)[number] }>;

export function isSetupMessage(message: WebviewToHost): message is SetupMessage {
  return SETUP_KINDS.some((kind) => kind === message.type);
}

/** The chat's side of the view: everything but the setup card's messages. */
export interface ChatModelWithoutSetup {
  replay(): HostToWebview;
  handle(message: Exclude<WebviewToHost, SetupMessage>): void | Promise<void>;
}

/**
 * The view's model: the setup card's messages go to `setup`, the rest to the chat; after each
 * replay (`init`), an open the Set Up Connection command asked for before the view was ready.
 */
export function withSetup(chat: ChatModelWithoutSetup, setup: SetupHost): ChatViewModel {
  return {
    replay: () => {
      const init = chat.replay();
      queueMicrotask(() => setup.replayOpen()); // posted after the `init` returned here
      return init;
    },
    handle: (message) => (isSetupMessage(message) ? setup.handle(message) : chat.handle(message)),
  };
}

/**
 * The setup card's host side: what the card shows, its Test Connection (the command's check, run
 * on the card's unsaved values) and its Save (User settings). The key never passes through here:
 * the card's "Enter API key…" runs the Set API Key command, whose password box writes Secret
 * Storage directly, so the key is never in a webview message (CONTRACT), in the webview's DOM or
 * in its saved state, where the key sweep would find it.
 */
export class SetupHost {
  /** The command asked for the card before the view could listen: ask again after its `init`. */
  private openPending = false;

  constructor(private readonly clients: ClientFactory, private readonly post: (message: HostToWebview) => void) {}

  async handle(message: SetupMessage): Promise<void> {
    switch (message.type) {
      case 'setupLoad':
        this.openPending = false;
        return this.show();
      case 'setupTest':
        return this.test(message.baseUrl, message.authHeader);
      case 'setupSave':
        return this.save(message.baseUrl, message.authHeader);
    }
  }

  /** The Set Up Connection command: the card opens (now, or once the view has been built). */
  open(): void {
    this.openPending = true;
    this.show({ open: true });
  }

  /** After the view's `init`: the open the command asked for, if the view missed it. */
  replayOpen(): void {
    if (this.openPending) this.show({ open: true });
  }

  private show(extra: Partial<SetupView> = {}): void {
    const { baseUrl, authHeader } = readSettings().connection;
    this.post({ type: 'setup', setup: { providers: [...PROVIDER_PRESETS], provider: providerOf(baseUrl), baseUrl, authHeader, ...extra } });
  }

  /** Posts the outcome with the values the card sent (unsaved ones stay as typed). */
  private answer(baseUrl: string, authHeader: AuthHeader, result: NonNullable<SetupView['result']>): void {
    this.post({ type: 'setup', setup: { providers: [...PROVIDER_PRESETS], provider: providerOf(baseUrl), baseUrl, authHeader, result } });
  }

  private async test(typed: string, authHeader: AuthHeader): Promise<void> {
    const check = checkBaseUrl(typed);
    if (!check.ok) return this.answer(typed, authHeader, { action: 'test', ok: false, message: check.reason });
    const report = await testConnection(this.clients, { baseUrl: check.baseUrl, authHeader });
    const advice = report.ok ? '' : ' Check the URL and the auth header above, or enter the key again.';
    this.answer(check.baseUrl, authHeader, { action: 'test', ok: report.ok, message: report.message + advice });
  }

  /**
   * User level (ConfigurationTarget.Global). Both settings are machine-scoped: in a remote window
   * (code-server, SSH, WSL) VS Code writes such a setting to the Remote settings of the machine
   * the extension runs on, which is where the extension reads it.
   */
  private async save(typed: string, authHeader: AuthHeader): Promise<void> {
    const check = checkBaseUrl(typed);
    if (!check.ok) return this.answer(typed, authHeader, { action: 'save', ok: false, message: check.reason });
    const config = vscode.workspace.getConfiguration('claudeMessages');
    try {
      await config.update('baseUrl', check.baseUrl, vscode.ConfigurationTarget.Global);
      await config.update('authHeader', authHeader, vscode.ConfigurationTarget.Global);
    } catch (error) {
      const message = `Could not save the settings: ${error instanceof Error ? error.message : String(error)}. Nothing else changed; set claudeMessages.baseUrl and claudeMessages.authHeader in your User settings instead.`;
      return this.answer(check.baseUrl, authHeader, { action: 'save', ok: false, message });
    }
    const written = vscode.workspace.getConfiguration('claudeMessages');
    const pairs: Array<[string, string]> = [['baseUrl', check.baseUrl], ['authHeader', authHeader]];
    const notes = pairs.map(([name, value]) => {
      const inspected = written.inspect(name);
      return overrideNote(`claudeMessages.${name}`, value, { workspaceValue: inspected?.workspaceValue, workspaceFolderValue: inspected?.workspaceFolderValue, effective: written.get(name) });
    }).filter((note): note is string => note !== undefined);
    const saved = `Saved to your User settings: ${describeConnection(check.baseUrl, authHeader)}. In a remote window (code-server, SSH, WSL) VS Code keeps these two in that machine's Remote settings.`;
    this.answer(check.baseUrl, authHeader, { action: 'save', ok: notes.length === 0, message: [saved, ...notes].join(' ') });
  }
}
