import * as assert from 'node:assert/strict';
import * as nodeHttp from 'node:http';
import * as vscode from 'vscode';
import { activateExtension } from '../extensionApi';
import { enqueueReplies, resetServer, testServerUrl } from '../serverControl';
import type { ConnectionReport } from '../../../src/host/commands/testConnection';
import type { ProxyLog } from '../../proxy/connectProxy';

/**
 * The harness (scripts/run-integration.mjs) runs a CONNECT proxy and a TLS server with its own CA
 * in front of the test server, and starts code-server with NODE_EXTRA_CA_CERTS set to that CA. The
 * TLS server's host name ends in .invalid, which no DNS resolves: only the proxy, which maps it to
 * 127.0.0.1, can reach it. Here `http.proxy` is set in the user settings for these tests only.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites through npm run test:integration`);
  return value;
}

async function proxyLog(): Promise<ProxyLog> {
  return (await (await fetch(`${required('CLAUDE_MESSAGES_TEST_PROXY')}/__proxy/log`)).json()) as ProxyLog;
}

interface ReplyView {
  path: string;
  kind: string;
  status: number;
}

async function sentReplies(): Promise<ReplyView[]> {
  return (await (await fetch(`${testServerUrl()}/__control/replies`)).json()) as ReplyView[];
}

describe('requests through an HTTP proxy to a server with a private CA', function () {
  this.timeout(60_000);
  const tlsUrl = (): string => required('CLAUDE_MESSAGES_TEST_TLS_URL');
  const tunnelTarget = (): string => new URL(tlsUrl()).host;
  const http = () => vscode.workspace.getConfiguration('http');
  const claude = () => vscode.workspace.getConfiguration('claudeMessages');

  let hadKey = false;

  before(async () => {
    const api = await activateExtension();
    hadKey = await api.hasApiKey();
    if (!hadKey) await api.setApiKey('sk-ant-proxy-test-key');
    await http().update('proxy', required('CLAUDE_MESSAGES_TEST_PROXY'), vscode.ConfigurationTarget.Global);
    await claude().update('baseUrl', tlsUrl(), vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (!hadKey) await (await activateExtension()).clearApiKey();
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await claude().update('baseUrl', testServerUrl(), vscode.ConfigurationTarget.Global);
  });

  beforeEach(resetServer);

  /** Everything sent since `before` went through the proxy, to the TLS server, and something was. */
  async function assertTunnelled(before: number): Promise<void> {
    const connects = (await proxyLog()).connects.slice(before);
    assert.ok(connects.length > 0, 'the proxy saw no CONNECT');
    // Other requests (the model list refreshing after the settings changed) may share the window.
    assert.deepEqual([...new Set(connects)], [tunnelTarget()]);
  }

  async function repliesTo(path: string): Promise<number[]> {
    return (await sentReplies()).filter((r) => r.path.split('?')[0] === path).map((r) => r.status);
  }

  it('count_tokens (Test Connection) goes through the proxy and the TLS server is trusted through NODE_EXTRA_CA_CERTS', async () => {
    const before = (await proxyLog()).connects.length;
    const report = await vscode.commands.executeCommand<ConnectionReport>('claudeMessages.testConnection', { silent: true });
    assert.ok(report.ok, report.message);
    await assertTunnelled(before);
    const counts = await repliesTo('/v1/messages/count_tokens');
    assert.ok(counts.length >= 1 && counts.every((status) => status === 200), `count_tokens answered ${JSON.stringify(counts)}`);
  });

  it('the models list goes through the proxy too', async () => {
    // Without count_tokens, Test Connection proves the key with GET /v1/models.
    // Several: the chat view's token meter, when a view is open, may ask count_tokens meanwhile.
    await enqueueReplies(Array.from({ length: 5 }, () => ({ kind: 'http-error', status: 404, when: { path: '/v1/messages/count_tokens' } })));
    const before = (await proxyLog()).connects.length;
    const report = await vscode.commands.executeCommand<ConnectionReport>('claudeMessages.testConnection', { silent: true });
    assert.ok(report.ok, report.message);
    assert.match(report.message, /models listed/);
    await assertTunnelled(before);
    // The token meter may count in the background too (the scripted 404 goes to the first count).
    assert.ok((await repliesTo('/v1/messages/count_tokens')).includes(404));
    assert.ok((await repliesTo('/v1/models')).includes(200), 'the models list was answered');
  });

  it('a chat message streams its reply through the proxy', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration workspace is open');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'sample.ts'));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 2, 1);
    const before = (await proxyLog()).connects.length;
    await vscode.commands.executeCommand('claudeMessages.explainSelection');
    const messages = (await sentReplies()).filter((r) => r.path === '/v1/messages');
    assert.deepEqual(messages.map((r) => [r.kind, r.status]), [['default', 200]]);
    await assertTunnelled(before);
    await vscode.commands.executeCommand('claudeMessages.newChat');
  });

  it('a certificate from a CA nobody trusts is refused with what to do, and accepted with http.proxyStrictSSL off', async () => {
    await claude().update('baseUrl', required('CLAUDE_MESSAGES_TEST_UNTRUSTED_TLS_URL'), vscode.ConfigurationTarget.Global);
    try {
      const refused = await vscode.commands.executeCommand<ConnectionReport>('claudeMessages.testConnection', { silent: true });
      assert.equal(refused.ok, false);
      assert.match(refused.message, /through the proxy http:\/\/127\.0\.0\.1:\d+: its certificate is signed by a certificate authority this computer does not trust/);
      assert.match(refused.message, /NODE_EXTRA_CA_CERTS/);
      assert.match(refused.message, /http\.proxyStrictSSL/);
      assert.deepEqual(await repliesTo('/v1/messages/count_tokens'), [], 'nothing reached the server');
      await http().update('proxyStrictSSL', false, vscode.ConfigurationTarget.Global);
      const accepted = await vscode.commands.executeCommand<ConnectionReport>('claudeMessages.testConnection', { silent: true });
      assert.ok(accepted.ok, accepted.message);
    } finally {
      await http().update('proxyStrictSSL', undefined, vscode.ConfigurationTarget.Global);
      await claude().update('baseUrl', tlsUrl(), vscode.ConfigurationTarget.Global);
    }
  });

  it('a host in http.noProxy is not sent to the proxy', async () => {
    await http().update('noProxy', ['.invalid'], vscode.ConfigurationTarget.Global);
    try {
      const before = (await proxyLog()).connects.length;
      const report = await vscode.commands.executeCommand<ConnectionReport>('claudeMessages.testConnection', { silent: true });
      // Direct, the .invalid name cannot be resolved: the failure proves the proxy was bypassed.
      assert.equal(report.ok, false);
      assert.match(report.message, /could not be resolved|ENOTFOUND|EAI_AGAIN/);
      assert.equal((await proxyLog()).connects.length, before);
    } finally {
      await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a redirect from the https endpoint to plain http (a downgrade) is refused: the key goes nowhere, and the message says why', async () => {
    // A plain-http server that counts what reaches it: the redirect's target.
    let reached = 0;
    const target = nodeHttp.createServer((_request, response) => {
      reached++;
      response.end('{}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as { port: number }).port;
    try {
      // Several: the chat view's token meter, when a view is open, may ask count_tokens meanwhile.
      const redirect = { kind: 'http-error', status: 302, headers: { location: `http://127.0.0.1:${port}/v1/messages/count_tokens?key=echo` }, body: '', when: { path: '/v1/messages/count_tokens' } };
      await enqueueReplies(Array.from({ length: 5 }, () => redirect));
      const report = await vscode.commands.executeCommand<ConnectionReport>('claudeMessages.testConnection', { silent: true });
      assert.equal(report.ok, false);
      assert.match(report.message, /redirected \(302\) to http:\/\/127\.0\.0\.1:\d+\/v1\/messages\/count_tokens/);
      assert.match(report.message, /plain http:\/\/, where the key would travel unencrypted/);
      assert.doesNotMatch(report.message, /key=echo/, 'the query is not shown');
      assert.equal(reached, 0, 'nothing was sent to the http address');
      const answered = await repliesTo('/v1/messages/count_tokens');
      assert.ok(answered.length >= 1 && answered.every((status) => status === 302), `every count_tokens got the redirect, none was followed: ${JSON.stringify(answered)}`);
    } finally {
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });
});
