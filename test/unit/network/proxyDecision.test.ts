import * as assert from 'node:assert/strict';
import { bypasses, decideProxy, parseProxyUrl } from '../../../src/common/network/proxyDecision';
import type { ProxySettings } from '../../../src/common/network/proxyDecision';

const NONE: ProxySettings = { proxy: '', noProxy: [], strictSSL: true };
const API = 'https://api.anthropic.com/v1/messages';

function proxyOf(url: string, settings: Partial<ProxySettings>, env: Record<string, string> = {}): string {
  const decision = decideProxy(url, { ...NONE, ...settings }, env);
  return decision.kind === 'proxy' ? `${decision.proxy.display} ${decision.source}` : decision.kind === 'direct' ? `direct ${decision.reason}` : `unsupported ${decision.value}`;
}

describe('network/proxyDecision', () => {
  it('goes direct when nothing is configured', () => {
    assert.equal(proxyOf(API, {}), 'direct none');
  });

  it('takes http.proxy before the environment', () => {
    assert.equal(proxyOf(API, { proxy: 'http://corp:3128' }, { HTTPS_PROXY: 'http://env:8080' }), 'http://corp:3128 setting');
  });

  it('falls back to HTTPS_PROXY / https_proxy / HTTP_PROXY when http.proxy is empty', () => {
    assert.equal(proxyOf(API, {}, { HTTPS_PROXY: 'http://env:8080' }), 'http://env:8080 env');
    assert.equal(proxyOf(API, {}, { https_proxy: 'http://lower:1' , HTTPS_PROXY: 'http://upper:2' }), 'http://lower:1 env');
    assert.equal(proxyOf(API, {}, { HTTP_PROXY: 'http://plain:3' }), 'http://plain:3 env');
    assert.equal(proxyOf('http://gw.example/v1', {}, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2' }), 'http://p:2 env');
  });

  it('never proxies the machine itself', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:1', 'https://[::1]:9/', 'http://api.localhost/']) {
      assert.equal(proxyOf(url, { proxy: 'http://corp:3128' }), 'direct loopback', url);
    }
  });

  it('bypasses hosts in http.noProxy, and uses NO_PROXY only when http.noProxy is empty', () => {
    assert.equal(proxyOf(API, { proxy: 'http://corp:3128', noProxy: ['anthropic.com'] }), 'direct noProxy');
    assert.equal(proxyOf(API, { proxy: 'http://corp:3128' }, { NO_PROXY: 'example.org, .anthropic.com' }), 'direct noProxy');
    assert.equal(proxyOf(API, { proxy: 'http://corp:3128', noProxy: ['example.org'] }, { NO_PROXY: 'anthropic.com' }), 'http://corp:3128 setting');
  });

  it('matches noProxy entries: *, exact, domain suffixes, ports, IPs and CIDR ranges', () => {
    assert.ok(bypasses('*', 'any.host', '443'));
    assert.ok(bypasses('api.anthropic.com', 'api.anthropic.com', '443'));
    assert.ok(bypasses('anthropic.com', 'api.anthropic.com', '443'));
    assert.ok(bypasses('.anthropic.com', 'api.anthropic.com', '443'));
    assert.ok(bypasses('*.anthropic.com', 'api.anthropic.com', '443'));
    assert.ok(!bypasses('anthropic.com', 'notanthropic.com', '443'), 'a suffix must start at a dot');
    assert.ok(bypasses('gw.corp:8443', 'gw.corp', '8443'));
    assert.ok(!bypasses('gw.corp:8443', 'gw.corp', '443'));
    assert.ok(bypasses('10.1.2.3', '10.1.2.3', '80'));
    assert.ok(bypasses('10.0.0.0/8', '10.200.0.1', '80'));
    assert.ok(!bypasses('10.0.0.0/8', '11.0.0.1', '80'));
    assert.ok(bypasses('fd00::/8', 'fd12::1', '443'));
    assert.ok(!bypasses('10.0.0.0/8', 'ten.example', '80'), 'names are not resolved to match IP ranges');
    assert.ok(!bypasses('', 'api.anthropic.com', '443'));
  });

  it('reads credentials from the proxy URL, and http.proxyAuthorization wins over them', () => {
    const fromUrl = parseProxyUrl('http://alice:s%40cret@corp:3128');
    assert.equal(fromUrl?.authorization, `Basic ${Buffer.from('alice:s@cret').toString('base64')}`);
    assert.equal(fromUrl?.display, 'http://corp:3128', 'the display form has no credentials');
    assert.equal(parseProxyUrl('http://alice:x@corp:3128', 'Negotiate abc')?.authorization, 'Negotiate abc');
    assert.deepEqual(parseProxyUrl('corp.example:8080'), { protocol: 'http:', host: 'corp.example', port: 8080, display: 'http://corp.example:8080' });
    assert.equal(parseProxyUrl('https://secure-proxy')?.port, 443);
  });

  it('names a socks or unreadable proxy as unsupported, without its credentials', () => {
    assert.equal(proxyOf(API, { proxy: 'socks5://bob:pw@corp:1080' }), 'unsupported socks5://corp:1080');
    assert.equal(proxyOf(API, { proxy: 'http://' }), 'unsupported http://');
  });
});
