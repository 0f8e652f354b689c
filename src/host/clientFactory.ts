import * as vscode from 'vscode';
import { MessagesClient } from '../common/anthropic/client';
import type { ViewError } from '../common/protocol';
import type { ApiKeyStore } from './secrets';
import type { Log } from './log';
import { readSettings } from './settings';

/**
 * Makes a Messages client from the current settings and the stored key, per request, so a changed
 * setting or key applies to the next message without a reload.
 */
export class ClientFactory {
  private warnedHttp = new Set<string>();

  constructor(private readonly keys: ApiKeyStore, private readonly log: Log) {}

  async create(): Promise<MessagesClient | ViewError> {
    const key = await this.keys.get();
    if (!key) {
      return {
        kind: 'missing_key',
        retryable: false,
        message: 'No API key is set. Run "Claude Messages: Set API Key" (or use the button above), then send again.',
      };
    }
    this.log.setSecrets([key]);
    const { connection } = readSettings();
    return new MessagesClient({
      ...connection,
      apiKey: key,
      onWarning: (message) => {
        this.log.warn(message);
        if (!this.warnedHttp.has(connection.baseUrl)) {
          this.warnedHttp.add(connection.baseUrl);
          void vscode.window.showWarningMessage(`Claude Messages: ${message}`);
        }
      },
    });
  }
}
