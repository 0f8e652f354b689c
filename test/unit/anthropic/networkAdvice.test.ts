import * as assert from 'node:assert/strict';
import { connectionError } from '../../../src/common/anthropic/connectionErrors';
import { findProxyFailure } from '../../../src/common/anthropic/networkAdvice';

const URL_ = 'https://gw.corp.example/v1/messages';

function fetchFailure(code: string): Error {
  // What undici's fetch throws: a TypeError whose cause carries the system or TLS code.
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('anthropic/networkAdvice: certificate and proxy failures in words', () => {
  it('a direct certificate from an unknown CA points at NODE_EXTRA_CA_CERTS, not at http.proxyStrictSSL, and is not retried', () => {
    const error = connectionError(fetchFailure('SELF_SIGNED_CERT_IN_CHAIN'), { url: URL_ });
    assert.equal(error.kind, 'connection_error');
    assert.equal(error.retryable, false);
    assert.match(error.message, /^Could not reach https:\/\/gw\.corp\.example\/v1\/messages: its certificate is signed by a certificate authority this computer does not trust \(SELF_SIGNED_CERT_IN_CHAIN\)\./);
    assert.match(error.message, /NODE_EXTRA_CA_CERTS/);
    assert.doesNotMatch(error.message, /proxyStrictSSL/);
  });

  it('a wrong host name and an expired certificate say so', () => {
    assert.match(connectionError(fetchFailure('ERR_TLS_CERT_ALTNAME_INVALID'), { url: URL_ }).message, /not issued for this host name.*claudeMessages\.baseUrl/);
    assert.match(connectionError(fetchFailure('CERT_HAS_EXPIRED'), { url: URL_ }).message, /expired or is not valid yet.*date and time/);
  });

  it('a refused connection is still retryable and mentions http.proxy among the things to check', () => {
    const error = connectionError(fetchFailure('ECONNREFUSED'), { url: URL_ });
    assert.equal(error.retryable, true);
    assert.match(error.message, /the connection was refused .*\(ECONNREFUSED\)\. Check claudeMessages\.baseUrl, your network connection and any proxy \(http\.proxy\)\./);
  });

  it('finds a proxy failure by its shape anywhere in the cause chain, and only there', () => {
    const failure = { code: 'ERR_PROXY_AUTH_REQUIRED', stage: 'proxy-tunnel', proxy: 'http://p:1', target: 'a:443', status: 407 };
    assert.equal(findProxyFailure(new Error('outer', { cause: failure })), failure);
    assert.equal(findProxyFailure({ code: 'ECONNREFUSED' }), undefined);
    assert.equal(findProxyFailure({ code: 'X', stage: 'elsewhere', proxy: 'p' }), undefined);
  });

  it('a 502 from the proxy is retryable, a 403 is not', () => {
    const refused = (status: number) =>
      connectionError({ code: 'ERR_PROXY_TUNNEL_REFUSED', stage: 'proxy-tunnel', proxy: 'http://p:1', target: 'gw.corp.example:443', status }, { url: URL_ });
    assert.equal(refused(502).retryable, true);
    assert.equal(refused(403).retryable, false);
    assert.match(refused(502).message, /refused to connect to gw\.corp\.example:443 \(HTTP 502\)/);
  });
});
