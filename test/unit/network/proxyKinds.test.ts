import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createServer as createHttpsServer } from 'node:https';
import { connectionError } from '../../../src/common/anthropic/connectionErrors';
import { createNetworkFetch } from '../../../src/common/network/networkFetch';
import { makeTestCertificates } from '../../proxy/certificates';
import type { TestCertificates } from '../../proxy/certificates';
import { startConnectProxy } from '../../proxy/connectProxy';
import type { ConnectProxy } from '../../proxy/connectProxy';

const HOST = 'api.test.invalid';

function listen(server: Server | ReturnType<typeof createHttpsServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('network/proxiedFetch: plain http, an https:// proxy, compressed bodies', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let plain: Server;
  let secure: ReturnType<typeof createHttpsServer>;
  let plainPort: number;
  let securePort: number;
  const proxies: ConnectProxy[] = [];
  const mapHost = (host: string): string => (host.endsWith('.invalid') ? '127.0.0.1' : host);

  before(async () => {
    certs = makeTestCertificates([HOST, '127.0.0.1']);
    plain = createServer((req, res) => res.end(`plain ${req.method} ${req.url} auth=${req.headers['proxy-authorization'] ?? 'none'}`));
    secure = createHttpsServer({ cert: certs.certPem, key: certs.keyPem }, (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
      res.end(gzipSync(JSON.stringify({ compressed: true })));
    });
    plainPort = await listen(plain);
    securePort = await listen(secure);
  });

  after(async () => {
    for (const proxy of proxies) await proxy.close();
    plain.closeAllConnections();
    secure.closeAllConnections();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
    await new Promise<void>((resolve) => secure.close(() => resolve()));
    certs.remove();
  });

  async function proxyWith(options: Parameters<typeof startConnectProxy>[0]): Promise<ConnectProxy> {
    const proxy = await startConnectProxy({ mapHost, ...options });
    proxies.push(proxy);
    return proxy;
  }

  function through(proxyUrl: string, strictSSL = true): typeof fetch {
    return createNetworkFetch({
      settings: { proxy: proxyUrl, noProxy: [], strictSSL },
      env: { NODE_EXTRA_CA_CERTS: certs.caFile },
      systemCertificates: false,
      direct: () => Promise.reject(new Error('went direct')),
    });
  }

  it('sends a plain http:// request to the proxy in absolute form, with the proxy credentials, and no CONNECT', async () => {
    const auth = `Basic ${Buffer.from('u:p').toString('base64')}`;
    const proxy = await proxyWith({ authorization: auth });
    const url = `http://gw.test.invalid:${plainPort}/v1/models?limit=1`;
    const response = await through(proxy.url.replace('//', '//u:p@'))(url);
    // The proxy removes its own header before forwarding: the server never sees the credentials.
    assert.equal(await response.text(), 'plain GET /v1/models?limit=1 auth=none');
    assert.deepEqual(proxy.log.forwarded, [url]);
    assert.deepEqual(proxy.log.connects, []);
  });

  it('tunnels through an https:// proxy (TLS to the proxy, then TLS to the server inside it)', async () => {
    const proxy = await proxyWith({ tls: { certPem: certs.certPem, keyPem: certs.keyPem } });
    assert.match(proxy.url, /^https:/);
    const response = await through(proxy.url)(`https://${HOST}:${securePort}/`);
    assert.deepEqual(await response.json(), { compressed: true }, 'a gzip body is decompressed as fetch would');
    assert.deepEqual(proxy.log.connects, [`${HOST}:${securePort}`]);
  });

  it('refuses an https:// proxy whose own certificate is not trusted, unless http.proxyStrictSSL is off', async () => {
    const other = makeTestCertificates(['127.0.0.1'], 'Another CA');
    try {
      const proxy = await proxyWith({ tls: { certPem: other.certPem, keyPem: other.keyPem } });
      let failure: unknown;
      await through(proxy.url)(`https://${HOST}:${securePort}/`).catch((error: unknown) => (failure = error));
      const error = connectionError(failure, { url: `https://${HOST}:${securePort}/v1/messages` });
      assert.match(error.message, /^Could not reach the proxy https:\/\/127\.0\.0\.1:\d+ .*does not trust/);
      assert.match(error.message, /http\.proxyStrictSSL/);
      const relaxed = await through(proxy.url, false)(`https://${HOST}:${securePort}/`);
      assert.equal(relaxed.status, 200);
    } finally {
      other.remove();
    }
  });
});
