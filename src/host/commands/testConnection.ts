import * as vscode from 'vscode';
import { toViewError } from '../../common/chat/viewError';
import type { AuthHeader } from '../../common/protocol';
import { describeConnection } from '../../common/setup/setup';
import type { ClientFactory } from '../clientFactory';
import { readSettings } from '../settings';
import { CommandIds } from './ids';

export interface ConnectionReport {
  ok: boolean;
  message: string;
}

/**
 * One cheap authenticated call (count_tokens on a one-word prompt, which costs nothing, else the
 * models list) that says whether base URL, auth header and key work. Returns the report so it can
 * be used programmatically; `{silent: true}` skips the notification.
 */
export function registerTestConnection(clients: ClientFactory): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.testConnection, async (options?: { silent?: boolean }): Promise<ConnectionReport> => {
    const report = await testConnection(clients);
    if (!options?.silent) {
      if (report.ok) void vscode.window.showInformationMessage(`Claude Messages: ${report.message}`);
      else void vscode.window.showErrorMessage(`Claude Messages: ${report.message}`);
    }
    return report;
  });
}

/**
 * The check itself, shared with the setup card, which passes the values it has not saved yet as
 * `endpoint` (else the settings in force are tested).
 */
export async function testConnection(clients: ClientFactory, endpoint?: { baseUrl: string; authHeader: AuthHeader }): Promise<ConnectionReport> {
  const client = await clients.create(endpoint);
  if (!('countTokens' in client)) return { ok: false, message: client.message };
  const { request } = readSettings();
  const connection = endpoint ?? readSettings().connection;
  const where = describeConnection(connection.baseUrl, connection.authHeader);
  const signal = AbortSignal.timeout(20_000);
  try {
    const counted = await client.countTokens({ model: request.model, max_tokens: 1, stream: true, messages: [{ role: 'user', content: 'ping' }] }, signal);
    return { ok: true, message: `Connected to ${where}: the key works and ${request.model} answered (${counted.input_tokens} input tokens counted).` };
  } catch (countError) {
    const view = toViewError(countError);
    // Some gateways have no count_tokens; the models list still proves the key.
    if (view.status === 404 || view.status === 405) {
      try {
        const models = await client.listModels(signal);
        return { ok: true, message: `Connected to ${where}: the key works (${models.length} models listed).` };
      } catch (listError) {
        return { ok: false, message: `Could not connect to ${where}: ${toViewError(listError).message}` };
      }
    }
    return { ok: false, message: `Could not connect to ${where}: ${view.message}` };
  }
}
