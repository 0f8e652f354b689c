import * as assert from 'node:assert/strict';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connectionError } from '../../../src/common/anthropic/connectionErrors';
import type { ClaudeApiError } from '../../../src/common/anthropic/errors';
import { createNetworkFetch } from '../../../src/common/network/networkFetch';
import { makeTestCertificates } from '../../proxy/certificates';
import type { TestCertificates } from '../../proxy/certificates';
import { startConnectProxy } from '../../proxy/connectProxy';
import type { ConnectProxy } from '../../proxy/connectProxy';

const HOST = 'api.test.invalid';
const BASIC = `Basic ${Buffer.from('alice:pw').toString('base64')}`;

describe('network/proxiedFetch: what a proxy failure says', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let server: Server;
  let base: string;
  let proxy: ConnectProxy;

  before(async () => {
    certs = makeTestCertificates([HOST]);
    server = createServer({ cert: certs.certPem, key: certs.keyPem }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://${HOST}:${(server.address() as AddressInfo).port}`;
    proxy = await startConnectProxy({
      authorization: BASIC,
      mapHost: () => '127.0.0.1',
      refuse: (target) => (target.startsWith('blocked.') ? 403 : undefined),
    });
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await proxy.close();
    certs.remove();
  });

  function fetchThrough(proxyUrl: string, authorization?: string): typeof fetch {
    return createNetworkFetch({
      settings: { proxy: proxyUrl, noProxy: [], strictSSL: true, ...(authorization ? { authorization } : {}) },
      env: { NODE_EXTRA_CA_CERTS: certs.caFile },
      systemCertificates: false,
      direct: () => Promise.reject(new Error('went direct')),
    });
  }

  async function failure(promise: Promise<unknown>, url = `${base}/v1/messages`): Promise<ClaudeApiError> {
    try {
      await promise;
    } catch (error) {
      return connectionError(error, { url, apiKey: 'pw' });
    }
    assert.fail('the request should have failed');
  }

  it('407: says the proxy wants credentials and where to put them', async () => {
    const error = await failure(fetchThrough(proxy.url)(`${base}/v1/messages`));
    assert.equal(error.retryable, false);
    assert.match(error.message, /^The proxy http:\/\/127\.0\.0\.1:\d+ asked for credentials \(407 Proxy Authentication Required\) before connecting to api\.test\.invalid:\d+\./);
    assert.match(error.message, /http\.proxyAuthorization/);
  });

  it('sends the credentials of the proxy URL, or http.proxyAuthorization, and then succeeds', async () => {
    const withUrl = proxy.url.replace('//', '//alice:pw@');
    assert.equal(await (await fetchThrough(withUrl)(`${base}/`)).text(), 'ok');
    assert.equal(await (await fetchThrough(proxy.url, BASIC)(`${base}/`)).text(), 'ok');
  });

  it('a refused CONNECT names the proxy, the target and http.noProxy', async () => {
    const blocked = base.replace(HOST, 'blocked.test.invalid');
    const error = await failure(fetchThrough(proxy.url, BASIC)(`${blocked}/`), blocked);
    assert.match(error.message, /^The proxy http:\/\/127\.0\.0\.1:\d+ refused to connect to blocked\.test\.invalid:\d+ \(HTTP 403\)/);
    assert.match(error.message, /http\.noProxy/);
    assert.equal(error.retryable, false);
  });

  it('an unreachable proxy is named as the proxy, not as the API, and is retryable', async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(fetchThrough(`http://127.0.0.1:${port}`)(`${base}/`));
    assert.match(error.message, new RegExp(`^Could not reach the proxy http://127\\.0\\.0\\.1:${port} \\(for https://api\\.test\\.invalid:\\d+/v1/messages\\): the connection was refused`));
    assert.match(error.message, /Check http\.proxy \(or the HTTPS_PROXY environment variable\)/);
    assert.equal(error.retryable, true);
  });

  it('something that is not an HTTP proxy is named as such', async () => {
    // It reads what it is sent (else it never sees the client hang up, and close() would wait).
    const notProxy = createNetServer((socket) => socket.on('error', () => undefined).resume().end('SSH-2.0-OpenSSH\r\n'));
    await new Promise<void>((resolve) => notProxy.listen(0, '127.0.0.1', resolve));
    try {
      const error = await failure(fetchThrough(`http://127.0.0.1:${(notProxy.address() as AddressInfo).port}`)(`${base}/`));
      assert.match(error.message, /did not answer like an HTTP proxy/);
    } finally {
      await new Promise<void>((resolve) => notProxy.close(() => resolve()));
    }
  });

  it('a tunnel that drops before TLS is set up is a retryable connection failure, not a certificate problem', async () => {
    const dropper = createNetServer((socket) => socket.on('error', () => undefined).destroy());
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://drop.test.invalid:${(dropper.address() as AddressInfo).port}`;
      const error = await failure(fetchThrough(proxy.url, BASIC)(`${url}/`), url);
      assert.match(error.message, /through the proxy http:\/\/127\.0\.0\.1:\d+: the connection was reset \(ECONNRESET\) before TLS was set up/);
      assert.doesNotMatch(error.message, /certificate/);
      assert.equal(error.retryable, true);
    } finally {
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  it('never shows proxy credentials in a message', async () => {
    const error = await failure(fetchThrough(proxy.url.replace('//', '//alice:wrong@'))(`${base}/`));
    assert.doesNotMatch(error.message, /alice|wrong/);
  });
});
