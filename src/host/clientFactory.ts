import * as vscode from 'vscode';
import { MessagesClient } from '../common/anthropic/client';
import type { AuthHeader, ViewError } from '../common/protocol';
import { keyUnreadableError } from '../common/secrets/secretStorageError';
import type { ApiKeyStore } from './secrets';
import type { Log } from './log';
import { networkFetch } from './network';
import { readSettings } from './settings';

/**
 * Makes a Messages client from the current settings and the stored key, per request, so a changed
 * setting or key applies to the next message without a reload.
 */
export class ClientFactory {
  private warnedHttp = new Set<string>();
  private loggedRoutes = new Set<string>();

  constructor(private readonly keys: ApiKeyStore, private readonly log: Log) {}

  /**
   * `endpoint` replaces the base URL and auth header of the settings: the setup card tests values
   * before they are saved.
   */
  async create(endpoint?: { baseUrl: string; authHeader: AuthHeader }): Promise<MessagesClient | ViewError> {
    const read = await this.keys.read();
    // A keychain that failed is not "no key": saying so would send the user to set a key that is there.
    if (read.state === 'unreadable') return keyUnreadableError(read.advice);
    if (read.state === 'missing') {
      return {
        kind: 'missing_key',
        retryable: false,
        message: 'No API key is set. Run "Claude Messages: Set API Key" (or use the button above), then send again.',
      };
    }
    const { key } = read;
    this.log.setSecrets([key]);
    const connection = { ...readSettings().connection, ...endpoint };
    return new MessagesClient({
      ...connection,
      apiKey: key,
      // http.proxy / HTTPS_PROXY, http.noProxy and http.proxyStrictSSL, read now like the settings.
      fetch: networkFetch(this.log, this.loggedRoutes),
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
