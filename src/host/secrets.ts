import * as vscode from 'vscode';
import { ReadFailureNotice } from '../common/secrets/readFailureNotice';
import { describeSecretStorageFailure, type KeyRead, type SecretStorageAdvice } from '../common/secrets/secretStorageError';
import { Disposable } from './disposable';
import type { Log } from './log';

const KEY_NAME = 'claudeMessages.apiKey';

/**
 * The API key, kept only in VS Code's SecretStorage (the OS keychain on desktop). Never read from
 * settings, environment or files; never logged. The keychain can fail (no Secret Service on Linux,
 * a locked keyring): every call then logs what happened, scrubbed, and reports it instead of
 * throwing, and a key that could not be saved is not kept anywhere else.
 */
export class ApiKeyStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly readNotice = new ReadFailureNotice();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    super();
    this.register(secrets.onDidChange((event) => {
      if (event.key === KEY_NAME) this.changed.fire();
    }));
  }

  /** The key, its absence, or why the keychain would not give it (warned about once, see ReadFailureNotice). */
  async read(): Promise<KeyRead> {
    try {
      const key = await this.secrets.get(KEY_NAME);
      this.readNotice.succeeded();
      return key ? { state: 'set', key } : { state: 'missing' };
    } catch (error) {
      const advice = describeSecretStorageFailure('read', error);
      this.log.error(advice.logLine);
      if (this.readNotice.failed()) void vscode.window.showWarningMessage(`Claude Messages: ${advice.message}`);
      return { state: 'unreadable', advice };
    }
  }

  /** Whether a key can be used now: false when none is stored and when the keychain failed. */
  async has(): Promise<boolean> {
    return (await this.read()).state === 'set';
  }

  /** Stores the key; on failure, returns what to tell the user (the caller offers to try again). */
  async set(key: string): Promise<SecretStorageAdvice | undefined> {
    const trimmed = key.trim();
    try {
      await this.secrets.store(KEY_NAME, trimmed);
      return undefined;
    } catch (error) {
      // The key is passed in so a keychain error that echoes it is scrubbed before the log.
      return this.failed(describeSecretStorageFailure('save', error, trimmed));
    }
  }

  /** Deletes the key; on failure, returns what to tell the user. */
  async clear(): Promise<SecretStorageAdvice | undefined> {
    try {
      await this.secrets.delete(KEY_NAME);
      return undefined;
    } catch (error) {
      return this.failed(describeSecretStorageFailure('delete', error));
    }
  }

  private failed(advice: SecretStorageAdvice): SecretStorageAdvice {
    this.log.error(advice.logLine);
    return advice;
  }
}
