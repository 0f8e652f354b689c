import * as vscode from 'vscode';
import type { ApiKeyState, HostToWebview } from '../common/protocol';
import { healthAfter, statusBarState, type ConnectionHealth } from '../common/status/statusBar';
import { CommandIds } from './commands/ids';
import { Disposable } from './disposable';
import type { ModelCatalog } from './modelCatalog';
import type { ApiKeyStore } from './secrets';
import { onSettingsChanged, readSettings } from './settings';

/** The connection settings as one comparable string: a change gives a failed key or URL a fresh chance. */
function connectionKey(): string {
  return JSON.stringify(readSettings().connection);
}

/**
 * The status bar item: the model and whether a key is set, drawn from `common/status/statusBar.ts`.
 * It learns how the last request ended from the chat's messages (`observe`), so a wrong key or URL
 * shows even while the chat view is closed.
 */
export class StatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('claudeMessages.status', vscode.StatusBarAlignment.Right, 100));
  private key: ApiKeyState = 'missing';
  private health: ConnectionHealth = 'ok';
  private connection = connectionKey();

  constructor(private readonly keys: ApiKeyStore, private readonly catalog: ModelCatalog) {
    super();
    this.item.name = 'Claude Messages';
    this.register(keys.onDidChange(() => {
      this.health = 'ok';
      void this.refreshKey();
    }));
    this.register(onSettingsChanged(() => {
      const connection = connectionKey();
      if (connection !== this.connection) this.health = 'ok';
      this.connection = connection;
      this.draw();
    }));
    void this.refreshKey();
  }

  /** Takes each message the chat session posts; a finished reply updates the health. */
  observe(message: HostToWebview): void {
    if (message.type === 'apiKey') {
      // The chat learned the key's state from a request (a keychain that broke or came back).
      this.key = message.apiKey;
      this.draw();
      return;
    }
    const health = healthAfter(message);
    if (health !== undefined) this.health = health;
    // A controls message follows the endpoint's model list, which may rename the model: redraw.
    if (health !== undefined || message.type === 'controls') this.draw();
  }

  private async refreshKey(): Promise<void> {
    const { state } = await this.keys.read();
    if (this.isDisposed) return;
    this.key = state;
    this.draw();
  }

  private draw(): void {
    if (this.isDisposed) return;
    const model = readSettings().request.model;
    const state = statusBarState(
      { key: this.key, model, displayName: this.catalog.capabilities(model).displayName, health: this.health },
      CommandIds,
    );
    this.item.text = state.text;
    this.item.tooltip = state.tooltip;
    this.item.command = state.command;
    this.item.backgroundColor = state.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
