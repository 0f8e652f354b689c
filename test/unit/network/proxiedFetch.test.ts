import * as assert from 'node:assert/strict';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectionError } from '../../../src/common/anthropic/connectionErrors';
import { MessagesClient } from '../../../src/common/anthropic/client';
import type { ClaudeApiError } from '../../../src/common/anthropic/errors';
import { createNetworkFetch } from '../../../src/common/network/networkFetch';
import type { ProxySettings } from '../../../src/common/network/proxyDecision';
import { makeTestCertificates } from '../../proxy/certificates';
import type { TestCertificates } from '../../proxy/certificates';
import { startConnectProxy } from '../../proxy/connectProxy';
import type { ConnectProxy } from '../../proxy/connectProxy';

// No DNS knows *.invalid: only the proxy (which maps it to 127.0.0.1) can reach these servers.
const HOST = 'api.test.invalid';

describe('network/proxiedFetch through a local CONNECT proxy and TLS server', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let server: Server;
  let base: string;
  let proxy: ConnectProxy;
  const pending: ServerResponse[] = [];
  let releaseSecondChunk: () => void = () => undefined;

  before(async () => {
    certs = makeTestCertificates([HOST]);
    server = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
      if (req.url?.startsWith('/ok')) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-seen-host': req.headers.host ?? '' });
        res.end(JSON.stringify({ method: req.method, auth: req.headers['x-api-key'] ?? null }));
      } else if (req.url?.startsWith('/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('first;');
        releaseSecondChunk = () => res.end('second');
      } else if (req.url?.startsWith('/redirect')) {
        res.writeHead(307, { location: 'http://elsewhere.test.invalid/steal' }).end();
      } else {
        pending.push(res); // /hang: headers never come
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://${HOST}:${(server.address() as AddressInfo).port}`;
    proxy = await startConnectProxy({ mapHost: (host) => (host.endsWith('.invalid') ? '127.0.0.1' : host) });
  });

  after(async () => {
    for (const res of pending) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await proxy.close();
    certs.remove();
  });

  beforeEach(() => {
    proxy.log.connects.length = 0;
  });

  function fetchVia(settings: Partial<ProxySettings>, trustCa = true, direct: typeof fetch = () => Promise.reject(new Error('went direct'))): typeof fetch {
    return createNetworkFetch({
      settings: { proxy: proxy.url, noProxy: [], strictSSL: true, ...settings },
      // The test CA is trusted the way a person trusts one: NODE_EXTRA_CA_CERTS. No system store.
      env: trustCa ? { NODE_EXTRA_CA_CERTS: certs.caFile } : {},
      systemCertificates: false,
      direct,
    });
  }

  async function failure(promise: Promise<unknown>, url = `${base}/ok`): Promise<ClaudeApiError> {
    try {
      await promise;
    } catch (error) {
      return connectionError(error, { url });
    }
    assert.fail('the request should have failed');
  }

  it('sends the request through the proxy (the proxy saw CONNECT host:port) and returns the answer', async () => {
    const response = await fetchVia({})(`${base}/ok`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{}' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { method: 'POST', auth: 'k' });
    assert.equal(response.headers.get('x-seen-host'), new URL(base).host);
    assert.deepEqual(proxy.log.connects, [new URL(base).host]);
  });

  it('goes direct, not through the proxy, for a host in http.noProxy', async () => {
    const direct: string[] = [];
    const fetch = fetchVia({ noProxy: ['.invalid'] }, true, async (input) => {
      direct.push(String(input));
      return new Response('direct');
    });
    assert.equal(await (await fetch(`${base}/ok`)).text(), 'direct');
    assert.deepEqual(direct, [`${base}/ok`]);
    assert.deepEqual(proxy.log.connects, []);
  });

  it('refuses a certificate from an unknown CA when strict, saying to add the CA or relax http.proxyStrictSSL', async () => {
    const error = await failure(fetchVia({}, false)(`${base}/ok`));
    assert.equal(error.kind, 'connection_error');
    assert.equal(error.retryable, false);
    assert.match(error.message, /through the proxy http:\/\/127\.0\.0\.1:\d+: its certificate is signed by a certificate authority this computer does not trust/);
    assert.match(error.message, /NODE_EXTRA_CA_CERTS/);
    assert.match(error.message, /http\.proxyStrictSSL/);
  });

  it("trusts a CA from the system's store with http.systemCertificates on, and not with it off", async () => {
    const withSystem = (systemCertificates: boolean) =>
      createNetworkFetch({ settings: { proxy: proxy.url, noProxy: [], strictSSL: true }, env: {}, systemCertificates, systemBundleFiles: [certs.caFile], direct: fetch });
    assert.equal((await withSystem(true)(`${base}/ok`)).status, 200);
    const error = await failure(withSystem(false)(`${base}/ok`));
    assert.match(error.message, /does not trust/);
  });

  it('accepts the unknown CA with http.proxyStrictSSL off', async () => {
    const response = await fetchVia({ strictSSL: false }, false)(`${base}/ok`);
    assert.equal(response.status, 200);
  });

  it('refuses a certificate for another host name, saying so', async () => {
    const other = base.replace(HOST, 'other.test.invalid');
    const error = await failure(fetchVia({})(`${other}/ok`), other);
    assert.match(error.message, /not issued for this host name \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
  });

  it('streams the body: the first chunk arrives before the server writes the second', async () => {
    const response = await fetchVia({})(`${base}/stream`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('first;')) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'the stream ended before the first chunk');
      text += decoder.decode(value, { stream: true });
    }
    assert.equal(text, 'first;');
    releaseSecondChunk();
    for (let next = await reader.read(); !next.done; next = await reader.read()) text += decoder.decode(next.value, { stream: true });
    assert.equal(text, 'first;second');
  });

  it('ends the body stream with an AbortError when the signal is cancelled mid-stream', async () => {
    const controller = new AbortController();
    const response = await fetchVia({})(`${base}/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await assert.rejects(reader.read(), (error: Error) => error.name === 'AbortError');
  });

  it('cancels a request whose headers never come', async () => {
    const controller = new AbortController();
    const started = fetchVia({})(`${base}/hang`, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(started, (error: Error) => error.name === 'AbortError');
  });

  it('returns a redirect as it came, without following it', async () => {
    const response = await fetchVia({})(`${base}/redirect`, { redirect: 'manual' });
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), 'http://elsewhere.test.invalid/steal');
    assert.deepEqual(proxy.log.connects, [new URL(base).host], 'nothing was sent to the redirect target');
  });

  it('keeps the client guards through the proxy: a redirect is a typed error, late headers a timeout', async () => {
    const client = (baseUrl: string) =>
      new MessagesClient({ baseUrl, apiKey: 'sk-test', authHeader: 'x-api-key', anthropicVersion: '2023-06-01', betas: [], maxRetries: 0, headersTimeoutMs: 300, fetch: fetchVia({}) });
    await assert.rejects(client(`${base}/redirect`).listModels(), (error: ClaudeApiError) => error.kind === 'redirect');
    await assert.rejects(client(`${base}/hang`).listModels(), (error: ClaudeApiError) => error.kind === 'timeout_error');
  });
});
