import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, useTestServer } from '../extensionApi';
import { recordedRequests, resetServer, testServerUrl } from '../serverControl';

describe('API key in SecretStorage', () => {
  const key = 'sk-ant-integration-roundtrip-0123456789';

  before(async () => {
    await useTestServer(testServerUrl());
  });

  it('round-trips through SecretStorage to the request header, and nowhere else', async () => {
    const api = await activateExtension();
    await api.clearApiKey();
    assert.equal(await api.hasApiKey(), false);
    await api.setApiKey(key);
    assert.equal(await api.hasApiKey(), true);

    await resetServer();
    const result = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('claudeMessages.testConnection', { silent: true, apiKey: 'ignored' });
    const requests = await recordedRequests();
    assert.ok(requests.length >= 1, 'testConnection made no request');
    const request = requests[requests.length - 1]!;
    assert.equal(request.headers['x-api-key'], key, 'the stored key is sent as x-api-key');
    assert.equal(request.headers['authorization'], undefined, 'exactly one auth header');
    assert.ok(!request.body.includes(key), 'the key is not in the body');
    assert.ok(!request.path.includes(key), 'the key is not in the URL');
    assert.equal(result?.ok, true, result?.message);

    const config = vscode.workspace.getConfiguration('claudeMessages');
    const everySetting = JSON.stringify(Object.keys(config).map((name) => config.inspect(name)));
    assert.ok(!everySetting.includes(key), 'the key never lands in settings');
  });

  it('sends the key as Authorization: Bearer when authHeader says so', async () => {
    const api = await activateExtension();
    await api.setApiKey(key);
    const config = vscode.workspace.getConfiguration('claudeMessages');
    await config.update('authHeader', 'bearer', vscode.ConfigurationTarget.Global);
    try {
      await resetServer();
      await vscode.commands.executeCommand('claudeMessages.testConnection', { silent: true });
      const request = (await recordedRequests()).at(-1)!;
      assert.equal(request.headers['authorization'], `Bearer ${key}`);
      assert.equal(request.headers['x-api-key'], undefined);
    } finally {
      await config.update('authHeader', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('clearing the key makes testConnection say how to set one, without a request', async () => {
    const api = await activateExtension();
    await api.clearApiKey();
    await resetServer();
    const result = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('claudeMessages.testConnection', { silent: true });
    assert.equal(result?.ok, false);
    assert.match(result?.message ?? '', /Set API Key/);
    assert.equal((await recordedRequests()).length, 0);
    await api.setApiKey(key);
  });
});
