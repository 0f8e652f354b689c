import * as vscode from 'vscode';
import { Disposable } from './disposable';

const KEY_NAME = 'claudeMessages.apiKey';

/**
 * The API key, kept only in VS Code's SecretStorage (the OS keychain on desktop). Never read from
 * settings, environment or files; never logged.
 */
export class ApiKeyStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this.register(secrets.onDidChange((event) => {
      if (event.key === KEY_NAME) this.changed.fire();
    }));
  }

  get(): Thenable<string | undefined> {
    return this.secrets.get(KEY_NAME);
  }

  async has(): Promise<boolean> {
    return Boolean(await this.secrets.get(KEY_NAME));
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(KEY_NAME, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY_NAME);
  }
}
